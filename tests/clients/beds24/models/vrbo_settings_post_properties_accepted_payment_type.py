from typing import Literal

VrboSettingsPostPropertiesAcceptedPaymentType = Literal[
    "all", "cardOnly", "invoiceOnly"
]

VRBO_SETTINGS_POST_PROPERTIES_ACCEPTED_PAYMENT_TYPE_VALUES: set[
    VrboSettingsPostPropertiesAcceptedPaymentType
] = {
    "all",
    "cardOnly",
    "invoiceOnly",
}


def check_vrbo_settings_post_properties_accepted_payment_type(
    value: str,
) -> VrboSettingsPostPropertiesAcceptedPaymentType:
    if value in VRBO_SETTINGS_POST_PROPERTIES_ACCEPTED_PAYMENT_TYPE_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {VRBO_SETTINGS_POST_PROPERTIES_ACCEPTED_PAYMENT_TYPE_VALUES!r}"
    )
