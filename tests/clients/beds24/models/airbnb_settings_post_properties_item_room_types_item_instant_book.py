from typing import Literal

AirbnbSettingsPostPropertiesItemRoomTypesItemInstantBook = Literal[
    "everyone", "experienced", "experiencedGovernmentId", "governmentId"
]

AIRBNB_SETTINGS_POST_PROPERTIES_ITEM_ROOM_TYPES_ITEM_INSTANT_BOOK_VALUES: set[
    AirbnbSettingsPostPropertiesItemRoomTypesItemInstantBook
] = {
    "everyone",
    "experienced",
    "experiencedGovernmentId",
    "governmentId",
}


def check_airbnb_settings_post_properties_item_room_types_item_instant_book(
    value: str,
) -> AirbnbSettingsPostPropertiesItemRoomTypesItemInstantBook:
    if (
        value
        in AIRBNB_SETTINGS_POST_PROPERTIES_ITEM_ROOM_TYPES_ITEM_INSTANT_BOOK_VALUES
    ):
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {AIRBNB_SETTINGS_POST_PROPERTIES_ITEM_ROOM_TYPES_ITEM_INSTANT_BOOK_VALUES!r}"
    )
