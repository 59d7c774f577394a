from typing import Literal

ICalImportSettingsGetPropertiesItemRoomTypesItemImport1 = Literal[
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

I_CAL_IMPORT_SETTINGS_GET_PROPERTIES_ITEM_ROOM_TYPES_ITEM_IMPORT_1_VALUES: set[
    ICalImportSettingsGetPropertiesItemRoomTypesItemImport1
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


def check_i_cal_import_settings_get_properties_item_room_types_item_import_1(
    value: str,
) -> ICalImportSettingsGetPropertiesItemRoomTypesItemImport1:
    if (
        value
        in I_CAL_IMPORT_SETTINGS_GET_PROPERTIES_ITEM_ROOM_TYPES_ITEM_IMPORT_1_VALUES
    ):
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {I_CAL_IMPORT_SETTINGS_GET_PROPERTIES_ITEM_ROOM_TYPES_ITEM_IMPORT_1_VALUES!r}"
    )
