from typing import Literal

PropertyBookingRulesBookingExceptionalType = Literal[
    "autoConfirmed",
    "blackoutPeriod",
    "confirmedWithCreditCard",
    "confirmedWithDepositCollection1",
    "confirmedWithDepositCollection2",
    "requestWithCreditCard",
    "requestWithManualConfirmation",
]

PROPERTY_BOOKING_RULES_BOOKING_EXCEPTIONAL_TYPE_VALUES: set[
    PropertyBookingRulesBookingExceptionalType
] = {
    "autoConfirmed",
    "blackoutPeriod",
    "confirmedWithCreditCard",
    "confirmedWithDepositCollection1",
    "confirmedWithDepositCollection2",
    "requestWithCreditCard",
    "requestWithManualConfirmation",
}


def check_property_booking_rules_booking_exceptional_type(
    value: str,
) -> PropertyBookingRulesBookingExceptionalType:
    if value in PROPERTY_BOOKING_RULES_BOOKING_EXCEPTIONAL_TYPE_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {PROPERTY_BOOKING_RULES_BOOKING_EXCEPTIONAL_TYPE_VALUES!r}"
    )
