from typing import Literal

PropertyUpsellItemsItemPer = Literal["adult", "booking", "child", "person", "room"]

PROPERTY_UPSELL_ITEMS_ITEM_PER_VALUES: set[PropertyUpsellItemsItemPer] = {
    "adult",
    "booking",
    "child",
    "person",
    "room",
}


def check_property_upsell_items_item_per(value: str) -> PropertyUpsellItemsItemPer:
    if value in PROPERTY_UPSELL_ITEMS_ITEM_PER_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {PROPERTY_UPSELL_ITEMS_ITEM_PER_VALUES!r}"
    )
