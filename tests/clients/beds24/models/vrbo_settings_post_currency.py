from typing import Literal

VrboSettingsPostCurrency = Literal["AUD", "BRL", "CAD", "EUR", "GBP", "JPY", "USD"]

VRBO_SETTINGS_POST_CURRENCY_VALUES: set[VrboSettingsPostCurrency] = {
    "AUD",
    "BRL",
    "CAD",
    "EUR",
    "GBP",
    "JPY",
    "USD",
}


def check_vrbo_settings_post_currency(value: str) -> VrboSettingsPostCurrency:
    if value in VRBO_SETTINGS_POST_CURRENCY_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {VRBO_SETTINGS_POST_CURRENCY_VALUES!r}"
    )
