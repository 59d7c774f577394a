from typing import Literal

ICalImportSettingsPostPropertiesItemModificationNotification = Literal[
    "modificationAllowedBookingCancelNotification",
    "modificationAllowedBookingNotificationOnly",
    "modificationAllowedNoEmailNotification",
    "modificationProhibitedBookingNotificationOnly",
    "modificationProhibitedNoEmailNotification",
]

I_CAL_IMPORT_SETTINGS_POST_PROPERTIES_ITEM_MODIFICATION_NOTIFICATION_VALUES: set[
    ICalImportSettingsPostPropertiesItemModificationNotification
] = {
    "modificationAllowedBookingCancelNotification",
    "modificationAllowedBookingNotificationOnly",
    "modificationAllowedNoEmailNotification",
    "modificationProhibitedBookingNotificationOnly",
    "modificationProhibitedNoEmailNotification",
}


def check_i_cal_import_settings_post_properties_item_modification_notification(
    value: str,
) -> ICalImportSettingsPostPropertiesItemModificationNotification:
    if (
        value
        in I_CAL_IMPORT_SETTINGS_POST_PROPERTIES_ITEM_MODIFICATION_NOTIFICATION_VALUES
    ):
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {I_CAL_IMPORT_SETTINGS_POST_PROPERTIES_ITEM_MODIFICATION_NOTIFICATION_VALUES!r}"
    )
