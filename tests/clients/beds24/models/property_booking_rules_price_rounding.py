from typing import Literal

PropertyBookingRulesPriceRounding = Literal[
    "+0.10",
    "+0.20",
    "+0.50",
    "+1.00",
    "+10.00",
    "+100.00",
    "+1000.00",
    "+2.00",
    "+20.00",
    "+200.00",
    "+5.00",
    "+50.00",
    "+500.00",
    "-0.10",
    "-0.20",
    "-0.50",
    "-1.00",
    "-10.00",
    "-100.00",
    "-1000.00",
    "-2.00",
    "-20.00",
    "-200.00",
    "-5.00",
    "-50.00",
    "-500.00",
    "nearestHundred",
    "nearestOne",
    "nearestTen",
    "nearestThousand",
    "none",
]

PROPERTY_BOOKING_RULES_PRICE_ROUNDING_VALUES: set[PropertyBookingRulesPriceRounding] = {
    "+0.10",
    "+0.20",
    "+0.50",
    "+1.00",
    "+10.00",
    "+100.00",
    "+1000.00",
    "+2.00",
    "+20.00",
    "+200.00",
    "+5.00",
    "+50.00",
    "+500.00",
    "-0.10",
    "-0.20",
    "-0.50",
    "-1.00",
    "-10.00",
    "-100.00",
    "-1000.00",
    "-2.00",
    "-20.00",
    "-200.00",
    "-5.00",
    "-50.00",
    "-500.00",
    "nearestHundred",
    "nearestOne",
    "nearestTen",
    "nearestThousand",
    "none",
}


def check_property_booking_rules_price_rounding(
    value: str,
) -> PropertyBookingRulesPriceRounding:
    if value in PROPERTY_BOOKING_RULES_PRICE_ROUNDING_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {PROPERTY_BOOKING_RULES_PRICE_ROUNDING_VALUES!r}"
    )
