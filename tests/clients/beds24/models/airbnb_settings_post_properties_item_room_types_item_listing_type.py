from typing import Literal

AirbnbSettingsPostPropertiesItemRoomTypesItemListingType = Literal[
    "entireHome", "privateRoom", "sharedRoom"
]

AIRBNB_SETTINGS_POST_PROPERTIES_ITEM_ROOM_TYPES_ITEM_LISTING_TYPE_VALUES: set[
    AirbnbSettingsPostPropertiesItemRoomTypesItemListingType
] = {
    "entireHome",
    "privateRoom",
    "sharedRoom",
}


def check_airbnb_settings_post_properties_item_room_types_item_listing_type(
    value: str,
) -> AirbnbSettingsPostPropertiesItemRoomTypesItemListingType:
    if (
        value
        in AIRBNB_SETTINGS_POST_PROPERTIES_ITEM_ROOM_TYPES_ITEM_LISTING_TYPE_VALUES
    ):
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {AIRBNB_SETTINGS_POST_PROPERTIES_ITEM_ROOM_TYPES_ITEM_LISTING_TYPE_VALUES!r}"
    )
