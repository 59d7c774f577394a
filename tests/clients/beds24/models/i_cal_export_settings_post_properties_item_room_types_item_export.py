from typing import Literal

ICalExportSettingsPostPropertiesItemRoomTypesItemExport = Literal[
    "bookings", "bookingsAndUnavailableDates", "disable", "unavailableDates"
]

I_CAL_EXPORT_SETTINGS_POST_PROPERTIES_ITEM_ROOM_TYPES_ITEM_EXPORT_VALUES: set[
    ICalExportSettingsPostPropertiesItemRoomTypesItemExport
] = {
    "bookings",
    "bookingsAndUnavailableDates",
    "disable",
    "unavailableDates",
}


def check_i_cal_export_settings_post_properties_item_room_types_item_export(
    value: str,
) -> ICalExportSettingsPostPropertiesItemRoomTypesItemExport:
    if (
        value
        in I_CAL_EXPORT_SETTINGS_POST_PROPERTIES_ITEM_ROOM_TYPES_ITEM_EXPORT_VALUES
    ):
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {I_CAL_EXPORT_SETTINGS_POST_PROPERTIES_ITEM_ROOM_TYPES_ITEM_EXPORT_VALUES!r}"
    )
