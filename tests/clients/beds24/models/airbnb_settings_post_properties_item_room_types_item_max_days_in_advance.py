from typing import Literal

AirbnbSettingsPostPropertiesItemRoomTypesItemMaxDaysInAdvance = Literal[
    0, 30, 60, 90, 120, 150, 180, 210, 240, 270, 300, 330, 365
]

AIRBNB_SETTINGS_POST_PROPERTIES_ITEM_ROOM_TYPES_ITEM_MAX_DAYS_IN_ADVANCE_VALUES: set[
    AirbnbSettingsPostPropertiesItemRoomTypesItemMaxDaysInAdvance
] = {
    0,
    30,
    60,
    90,
    120,
    150,
    180,
    210,
    240,
    270,
    300,
    330,
    365,
}


def check_airbnb_settings_post_properties_item_room_types_item_max_days_in_advance(
    value: int,
) -> AirbnbSettingsPostPropertiesItemRoomTypesItemMaxDaysInAdvance:
    if (
        value
        in AIRBNB_SETTINGS_POST_PROPERTIES_ITEM_ROOM_TYPES_ITEM_MAX_DAYS_IN_ADVANCE_VALUES
    ):
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {AIRBNB_SETTINGS_POST_PROPERTIES_ITEM_ROOM_TYPES_ITEM_MAX_DAYS_IN_ADVANCE_VALUES!r}"
    )
