from typing import Literal

AirbnbSettingsPostPropertiesItemRoomTypesItemCommonSpacesShared = Literal[
    "guests",
    "host",
    "host-guests",
    "host-roommates",
    "host-roommates-guests",
    "private",
    "roommates",
    "roommates-guests",
]

AIRBNB_SETTINGS_POST_PROPERTIES_ITEM_ROOM_TYPES_ITEM_COMMON_SPACES_SHARED_VALUES: set[
    AirbnbSettingsPostPropertiesItemRoomTypesItemCommonSpacesShared
] = {
    "guests",
    "host",
    "host-guests",
    "host-roommates",
    "host-roommates-guests",
    "private",
    "roommates",
    "roommates-guests",
}


def check_airbnb_settings_post_properties_item_room_types_item_common_spaces_shared(
    value: str,
) -> AirbnbSettingsPostPropertiesItemRoomTypesItemCommonSpacesShared:
    if (
        value
        in AIRBNB_SETTINGS_POST_PROPERTIES_ITEM_ROOM_TYPES_ITEM_COMMON_SPACES_SHARED_VALUES
    ):
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {AIRBNB_SETTINGS_POST_PROPERTIES_ITEM_ROOM_TYPES_ITEM_COMMON_SPACES_SHARED_VALUES!r}"
    )
