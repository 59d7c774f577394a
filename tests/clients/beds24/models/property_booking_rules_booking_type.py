from typing import Literal

PropertyBookingRulesBookingType = Literal[
    "autoConfirmed",
    "blackoutPeriod",
    "confirmedWithCreditCard",
    "confirmedWithDepositCollection1",
    "confirmedWithDepositCollection2",
    "requestWithCreditCard",
    "requestWithManualConfirmation",
]

PROPERTY_BOOKING_RULES_BOOKING_TYPE_VALUES: set[PropertyBookingRulesBookingType] = {
    "autoConfirmed",
    "blackoutPeriod",
    "confirmedWithCreditCard",
    "confirmedWithDepositCollection1",
    "confirmedWithDepositCollection2",
    "requestWithCreditCard",
    "requestWithManualConfirmation",
}


def check_property_booking_rules_booking_type(
    value: str,
) -> PropertyBookingRulesBookingType:
    if value in PROPERTY_BOOKING_RULES_BOOKING_TYPE_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {PROPERTY_BOOKING_RULES_BOOKING_TYPE_VALUES!r}"
    )
