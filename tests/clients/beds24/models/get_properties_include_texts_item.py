from typing import Literal

GetPropertiesIncludeTextsItem = Literal["all", "property", "roomType"]

GET_PROPERTIES_INCLUDE_TEXTS_ITEM_VALUES: set[GetPropertiesIncludeTextsItem] = {
    "all",
    "property",
    "roomType",
}


def check_get_properties_include_texts_item(
    value: str,
) -> GetPropertiesIncludeTextsItem:
    if value in GET_PROPERTIES_INCLUDE_TEXTS_ITEM_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {GET_PROPERTIES_INCLUDE_TEXTS_ITEM_VALUES!r}"
    )
