from typing import Literal

PropertyUpsellItemsItemPeriod = Literal[
    "daily", "dailyPlusOne", "oneTime", "refundable", "weekly"
]

PROPERTY_UPSELL_ITEMS_ITEM_PERIOD_VALUES: set[PropertyUpsellItemsItemPeriod] = {
    "daily",
    "dailyPlusOne",
    "oneTime",
    "refundable",
    "weekly",
}


def check_property_upsell_items_item_period(
    value: str,
) -> PropertyUpsellItemsItemPeriod:
    if value in PROPERTY_UPSELL_ITEMS_ITEM_PERIOD_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {PROPERTY_UPSELL_ITEMS_ITEM_PERIOD_VALUES!r}"
    )
