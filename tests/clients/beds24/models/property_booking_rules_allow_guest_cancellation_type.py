from typing import Literal

PropertyBookingRulesAllowGuestCancellationType = Literal[
    "always", "daysBeforeArrival", "never"
]

PROPERTY_BOOKING_RULES_ALLOW_GUEST_CANCELLATION_TYPE_VALUES: set[
    PropertyBookingRulesAllowGuestCancellationType
] = {
    "always",
    "daysBeforeArrival",
    "never",
}


def check_property_booking_rules_allow_guest_cancellation_type(
    value: str,
) -> PropertyBookingRulesAllowGuestCancellationType:
    if value in PROPERTY_BOOKING_RULES_ALLOW_GUEST_CANCELLATION_TYPE_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {PROPERTY_BOOKING_RULES_ALLOW_GUEST_CANCELLATION_TYPE_VALUES!r}"
    )
