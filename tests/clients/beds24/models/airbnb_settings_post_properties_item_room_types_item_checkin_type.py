from typing import Literal

AirbnbSettingsPostPropertiesItemRoomTypesItemCheckinType = Literal[
    "doorman", "host", "keypad", "lockbox", "other", "smartlock"
]

AIRBNB_SETTINGS_POST_PROPERTIES_ITEM_ROOM_TYPES_ITEM_CHECKIN_TYPE_VALUES: set[
    AirbnbSettingsPostPropertiesItemRoomTypesItemCheckinType
] = {
    "doorman",
    "host",
    "keypad",
    "lockbox",
    "other",
    "smartlock",
}


def check_airbnb_settings_post_properties_item_room_types_item_checkin_type(
    value: str,
) -> AirbnbSettingsPostPropertiesItemRoomTypesItemCheckinType:
    if (
        value
        in AIRBNB_SETTINGS_POST_PROPERTIES_ITEM_ROOM_TYPES_ITEM_CHECKIN_TYPE_VALUES
    ):
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {AIRBNB_SETTINGS_POST_PROPERTIES_ITEM_ROOM_TYPES_ITEM_CHECKIN_TYPE_VALUES!r}"
    )
