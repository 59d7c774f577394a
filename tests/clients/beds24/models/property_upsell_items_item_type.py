from typing import Literal

PropertyUpsellItemsItemType = Literal[
    "notUsed",
    "obligatory",
    "obligatoryCleaning",
    "obligatoryPercent",
    "obligatoryPercentTax",
    "obligatoryTax",
    "optional",
    "optionalPercentage",
    "optionalQty",
]

PROPERTY_UPSELL_ITEMS_ITEM_TYPE_VALUES: set[PropertyUpsellItemsItemType] = {
    "notUsed",
    "obligatory",
    "obligatoryCleaning",
    "obligatoryPercent",
    "obligatoryPercentTax",
    "obligatoryTax",
    "optional",
    "optionalPercentage",
    "optionalQty",
}


def check_property_upsell_items_item_type(value: str) -> PropertyUpsellItemsItemType:
    if value in PROPERTY_UPSELL_ITEMS_ITEM_TYPE_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {PROPERTY_UPSELL_ITEMS_ITEM_TYPE_VALUES!r}"
    )
