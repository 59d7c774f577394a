from typing import Literal

AirbnbSettingsPostPropertiesItemRoomTypesItemPriceStrategy = Literal[
    "perDayPricing", "perOccupancyPricing", "ratePlans"
]

AIRBNB_SETTINGS_POST_PROPERTIES_ITEM_ROOM_TYPES_ITEM_PRICE_STRATEGY_VALUES: set[
    AirbnbSettingsPostPropertiesItemRoomTypesItemPriceStrategy
] = {
    "perDayPricing",
    "perOccupancyPricing",
    "ratePlans",
}


def check_airbnb_settings_post_properties_item_room_types_item_price_strategy(
    value: str,
) -> AirbnbSettingsPostPropertiesItemRoomTypesItemPriceStrategy:
    if (
        value
        in AIRBNB_SETTINGS_POST_PROPERTIES_ITEM_ROOM_TYPES_ITEM_PRICE_STRATEGY_VALUES
    ):
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {AIRBNB_SETTINGS_POST_PROPERTIES_ITEM_ROOM_TYPES_ITEM_PRICE_STRATEGY_VALUES!r}"
    )
