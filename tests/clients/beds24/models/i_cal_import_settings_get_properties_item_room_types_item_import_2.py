from typing import Literal

ICalImportSettingsGetPropertiesItemRoomTypesItemImport2 = Literal[
    "disable",
    "endDateCheckout",
    "endDateCheckoutIgnoreDuplicate",
    "endDateCheckoutIgnoreIfUnavailable",
    "endDateDayAfterCheckOut",
    "endDateDayAfterCheckOutIgnoreDuplicate",
    "endDateDayAfterCheckoutIgnoreIfUnavailable",
    "endDateLastNight",
    "endDateLastNightIgnoreDuplicate",
    "endDateLastNightIgnoreIfUnavailable",
]

I_CAL_IMPORT_SETTINGS_GET_PROPERTIES_ITEM_ROOM_TYPES_ITEM_IMPORT_2_VALUES: set[
    ICalImportSettingsGetPropertiesItemRoomTypesItemImport2
] = {
    "disable",
    "endDateCheckout",
    "endDateCheckoutIgnoreDuplicate",
    "endDateCheckoutIgnoreIfUnavailable",
    "endDateDayAfterCheckOut",
    "endDateDayAfterCheckOutIgnoreDuplicate",
    "endDateDayAfterCheckoutIgnoreIfUnavailable",
    "endDateLastNight",
    "endDateLastNightIgnoreDuplicate",
    "endDateLastNightIgnoreIfUnavailable",
}


def check_i_cal_import_settings_get_properties_item_room_types_item_import_2(
    value: str,
) -> ICalImportSettingsGetPropertiesItemRoomTypesItemImport2:
    if (
        value
        in I_CAL_IMPORT_SETTINGS_GET_PROPERTIES_ITEM_ROOM_TYPES_ITEM_IMPORT_2_VALUES
    ):
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {I_CAL_IMPORT_SETTINGS_GET_PROPERTIES_ITEM_ROOM_TYPES_ITEM_IMPORT_2_VALUES!r}"
    )
