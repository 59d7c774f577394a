from typing import Literal

AirbnbSettingsPostPropertiesItemRoomTypesItemEarlyBirdDaysToCheckin = Literal[
    28,
    30,
    56,
    60,
    84,
    90,
    112,
    120,
    140,
    150,
    168,
    180,
    196,
    210,
    224,
    240,
    252,
    270,
    280,
    300,
    308,
    330,
    336,
    360,
]

AIRBNB_SETTINGS_POST_PROPERTIES_ITEM_ROOM_TYPES_ITEM_EARLY_BIRD_DAYS_TO_CHECKIN_VALUES: set[
    AirbnbSettingsPostPropertiesItemRoomTypesItemEarlyBirdDaysToCheckin
] = {
    28,
    30,
    56,
    60,
    84,
    90,
    112,
    120,
    140,
    150,
    168,
    180,
    196,
    210,
    224,
    240,
    252,
    270,
    280,
    300,
    308,
    330,
    336,
    360,
}


def check_airbnb_settings_post_properties_item_room_types_item_early_bird_days_to_checkin(
    value: int,
) -> AirbnbSettingsPostPropertiesItemRoomTypesItemEarlyBirdDaysToCheckin:
    if (
        value
        in AIRBNB_SETTINGS_POST_PROPERTIES_ITEM_ROOM_TYPES_ITEM_EARLY_BIRD_DAYS_TO_CHECKIN_VALUES
    ):
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {AIRBNB_SETTINGS_POST_PROPERTIES_ITEM_ROOM_TYPES_ITEM_EARLY_BIRD_DAYS_TO_CHECKIN_VALUES!r}"
    )
