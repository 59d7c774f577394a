from typing import Literal

VrboSettingsPostPropertiesPaymentSchedule = Literal["atBooking", "atCheckin"]

VRBO_SETTINGS_POST_PROPERTIES_PAYMENT_SCHEDULE_VALUES: set[
    VrboSettingsPostPropertiesPaymentSchedule
] = {
    "atBooking",
    "atCheckin",
}


def check_vrbo_settings_post_properties_payment_schedule(
    value: str,
) -> VrboSettingsPostPropertiesPaymentSchedule:
    if value in VRBO_SETTINGS_POST_PROPERTIES_PAYMENT_SCHEDULE_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {VRBO_SETTINGS_POST_PROPERTIES_PAYMENT_SCHEDULE_VALUES!r}"
    )
