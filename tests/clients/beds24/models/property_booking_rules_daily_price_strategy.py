from typing import Literal

PropertyBookingRulesDailyPriceStrategy = Literal[
    "allowLower", "doNotAllowLower", "doNotAllowOtherRates"
]

PROPERTY_BOOKING_RULES_DAILY_PRICE_STRATEGY_VALUES: set[
    PropertyBookingRulesDailyPriceStrategy
] = {
    "allowLower",
    "doNotAllowLower",
    "doNotAllowOtherRates",
}


def check_property_booking_rules_daily_price_strategy(
    value: str,
) -> PropertyBookingRulesDailyPriceStrategy:
    if value in PROPERTY_BOOKING_RULES_DAILY_PRICE_STRATEGY_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {PROPERTY_BOOKING_RULES_DAILY_PRICE_STRATEGY_VALUES!r}"
    )
