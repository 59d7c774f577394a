from typing import Literal

VrboSettingsPostPropertiesRoomTypesItemPriceStrategy = Literal["perDay", "perOccupancy"]

VRBO_SETTINGS_POST_PROPERTIES_ROOM_TYPES_ITEM_PRICE_STRATEGY_VALUES: set[
    VrboSettingsPostPropertiesRoomTypesItemPriceStrategy
] = {
    "perDay",
    "perOccupancy",
}


def check_vrbo_settings_post_properties_room_types_item_price_strategy(
    value: str,
) -> VrboSettingsPostPropertiesRoomTypesItemPriceStrategy:
    if value in VRBO_SETTINGS_POST_PROPERTIES_ROOM_TYPES_ITEM_PRICE_STRATEGY_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {VRBO_SETTINGS_POST_PROPERTIES_ROOM_TYPES_ITEM_PRICE_STRATEGY_VALUES!r}"
    )
