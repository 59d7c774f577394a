from typing import Literal

AirbnbSettingsPostPropertiesItemRoomTypesItemPropertyTypeGroup = Literal[
    "apartments",
    "bnb",
    "boutiqueHotelsAndMore",
    "houses",
    "secondayUnits",
    "uniqueHomes",
]

AIRBNB_SETTINGS_POST_PROPERTIES_ITEM_ROOM_TYPES_ITEM_PROPERTY_TYPE_GROUP_VALUES: set[
    AirbnbSettingsPostPropertiesItemRoomTypesItemPropertyTypeGroup
] = {
    "apartments",
    "bnb",
    "boutiqueHotelsAndMore",
    "houses",
    "secondayUnits",
    "uniqueHomes",
}


def check_airbnb_settings_post_properties_item_room_types_item_property_type_group(
    value: str,
) -> AirbnbSettingsPostPropertiesItemRoomTypesItemPropertyTypeGroup:
    if (
        value
        in AIRBNB_SETTINGS_POST_PROPERTIES_ITEM_ROOM_TYPES_ITEM_PROPERTY_TYPE_GROUP_VALUES
    ):
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {AIRBNB_SETTINGS_POST_PROPERTIES_ITEM_ROOM_TYPES_ITEM_PROPERTY_TYPE_GROUP_VALUES!r}"
    )
