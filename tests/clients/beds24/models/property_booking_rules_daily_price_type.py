from typing import Literal

PropertyBookingRulesDailyPriceType = Literal[
    "confirmedWithCreditCard",
    "confirmedWithDepositCollection1",
    "confirmedWithDepositCollection2",
    "default",
    "requestWithCreditCard",
    "requestWithManualConfirmation",
]

PROPERTY_BOOKING_RULES_DAILY_PRICE_TYPE_VALUES: set[
    PropertyBookingRulesDailyPriceType
] = {
    "confirmedWithCreditCard",
    "confirmedWithDepositCollection1",
    "confirmedWithDepositCollection2",
    "default",
    "requestWithCreditCard",
    "requestWithManualConfirmation",
}


def check_property_booking_rules_daily_price_type(
    value: str,
) -> PropertyBookingRulesDailyPriceType:
    if value in PROPERTY_BOOKING_RULES_DAILY_PRICE_TYPE_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {PROPERTY_BOOKING_RULES_DAILY_PRICE_TYPE_VALUES!r}"
    )
