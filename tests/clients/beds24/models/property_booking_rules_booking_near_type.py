from typing import Literal

PropertyBookingRulesBookingNearType = Literal[
    "autoConfirmed",
    "blackoutPeriod",
    "confirmedWithCreditCard",
    "confirmedWithDepositCollection1",
    "confirmedWithDepositCollection2",
    "requestWithCreditCard",
    "requestWithManualConfirmation",
]

PROPERTY_BOOKING_RULES_BOOKING_NEAR_TYPE_VALUES: set[
    PropertyBookingRulesBookingNearType
] = {
    "autoConfirmed",
    "blackoutPeriod",
    "confirmedWithCreditCard",
    "confirmedWithDepositCollection1",
    "confirmedWithDepositCollection2",
    "requestWithCreditCard",
    "requestWithManualConfirmation",
}


def check_property_booking_rules_booking_near_type(
    value: str,
) -> PropertyBookingRulesBookingNearType:
    if value in PROPERTY_BOOKING_RULES_BOOKING_NEAR_TYPE_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {PROPERTY_BOOKING_RULES_BOOKING_NEAR_TYPE_VALUES!r}"
    )
