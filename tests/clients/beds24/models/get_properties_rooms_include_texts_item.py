from typing import Literal

GetPropertiesRoomsIncludeTextsItem = Literal["all", "property", "roomType"]

GET_PROPERTIES_ROOMS_INCLUDE_TEXTS_ITEM_VALUES: set[
    GetPropertiesRoomsIncludeTextsItem
] = {
    "all",
    "property",
    "roomType",
}


def check_get_properties_rooms_include_texts_item(
    value: str,
) -> GetPropertiesRoomsIncludeTextsItem:
    if value in GET_PROPERTIES_ROOMS_INCLUDE_TEXTS_ITEM_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {GET_PROPERTIES_ROOMS_INCLUDE_TEXTS_ITEM_VALUES!r}"
    )
