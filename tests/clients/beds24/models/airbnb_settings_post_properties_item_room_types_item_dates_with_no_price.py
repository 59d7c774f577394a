from typing import Literal

AirbnbSettingsPostPropertiesItemRoomTypesItemDatesWithNoPrice = Literal[
    "makeUnavailable", "useBasePrice"
]

AIRBNB_SETTINGS_POST_PROPERTIES_ITEM_ROOM_TYPES_ITEM_DATES_WITH_NO_PRICE_VALUES: set[
    AirbnbSettingsPostPropertiesItemRoomTypesItemDatesWithNoPrice
] = {
    "makeUnavailable",
    "useBasePrice",
}


def check_airbnb_settings_post_properties_item_room_types_item_dates_with_no_price(
    value: str,
) -> AirbnbSettingsPostPropertiesItemRoomTypesItemDatesWithNoPrice:
    if (
        value
        in AIRBNB_SETTINGS_POST_PROPERTIES_ITEM_ROOM_TYPES_ITEM_DATES_WITH_NO_PRICE_VALUES
    ):
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {AIRBNB_SETTINGS_POST_PROPERTIES_ITEM_ROOM_TYPES_ITEM_DATES_WITH_NO_PRICE_VALUES!r}"
    )
