from typing import Literal

AirbnbSettingsPostPropertiesItemRoomTypesItemBathroomShared = Literal[
    "guests",
    "host",
    "host-guests",
    "host-roommates",
    "host-roommates-guests",
    "private",
    "roommates",
    "roommates-guests",
]

AIRBNB_SETTINGS_POST_PROPERTIES_ITEM_ROOM_TYPES_ITEM_BATHROOM_SHARED_VALUES: set[
    AirbnbSettingsPostPropertiesItemRoomTypesItemBathroomShared
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


def check_airbnb_settings_post_properties_item_room_types_item_bathroom_shared(
    value: str,
) -> AirbnbSettingsPostPropertiesItemRoomTypesItemBathroomShared:
    if (
        value
        in AIRBNB_SETTINGS_POST_PROPERTIES_ITEM_ROOM_TYPES_ITEM_BATHROOM_SHARED_VALUES
    ):
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {AIRBNB_SETTINGS_POST_PROPERTIES_ITEM_ROOM_TYPES_ITEM_BATHROOM_SHARED_VALUES!r}"
    )
