from typing import Literal

AirbnbSettingsPostPropertiesItemRoomTypesItemAdvanceNoticeHours = Literal[
    0,
    1,
    2,
    3,
    4,
    5,
    6,
    7,
    8,
    9,
    10,
    11,
    12,
    13,
    14,
    15,
    16,
    17,
    18,
    19,
    20,
    21,
    22,
    23,
    24,
    48,
    72,
    128,
]

AIRBNB_SETTINGS_POST_PROPERTIES_ITEM_ROOM_TYPES_ITEM_ADVANCE_NOTICE_HOURS_VALUES: set[
    AirbnbSettingsPostPropertiesItemRoomTypesItemAdvanceNoticeHours
] = {
    0,
    1,
    2,
    3,
    4,
    5,
    6,
    7,
    8,
    9,
    10,
    11,
    12,
    13,
    14,
    15,
    16,
    17,
    18,
    19,
    20,
    21,
    22,
    23,
    24,
    48,
    72,
    128,
}


def check_airbnb_settings_post_properties_item_room_types_item_advance_notice_hours(
    value: int,
) -> AirbnbSettingsPostPropertiesItemRoomTypesItemAdvanceNoticeHours:
    if (
        value
        in AIRBNB_SETTINGS_POST_PROPERTIES_ITEM_ROOM_TYPES_ITEM_ADVANCE_NOTICE_HOURS_VALUES
    ):
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {AIRBNB_SETTINGS_POST_PROPERTIES_ITEM_ROOM_TYPES_ITEM_ADVANCE_NOTICE_HOURS_VALUES!r}"
    )
