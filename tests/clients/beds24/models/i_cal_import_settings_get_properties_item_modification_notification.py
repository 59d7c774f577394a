from typing import Literal

ICalImportSettingsGetPropertiesItemModificationNotification = Literal[
    "modificationAllowedBookingCancelNotification",
    "modificationAllowedBookingNotificationOnly",
    "modificationAllowedNoEmailNotification",
    "modificationProhibitedBookingNotificationOnly",
    "modificationProhibitedNoEmailNotification",
]

I_CAL_IMPORT_SETTINGS_GET_PROPERTIES_ITEM_MODIFICATION_NOTIFICATION_VALUES: set[
    ICalImportSettingsGetPropertiesItemModificationNotification
] = {
    "modificationAllowedBookingCancelNotification",
    "modificationAllowedBookingNotificationOnly",
    "modificationAllowedNoEmailNotification",
    "modificationProhibitedBookingNotificationOnly",
    "modificationProhibitedNoEmailNotification",
}


def check_i_cal_import_settings_get_properties_item_modification_notification(
    value: str,
) -> ICalImportSettingsGetPropertiesItemModificationNotification:
    if (
        value
        in I_CAL_IMPORT_SETTINGS_GET_PROPERTIES_ITEM_MODIFICATION_NOTIFICATION_VALUES
    ):
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {I_CAL_IMPORT_SETTINGS_GET_PROPERTIES_ITEM_MODIFICATION_NOTIFICATION_VALUES!r}"
    )
