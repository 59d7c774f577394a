from typing import Literal

BookingAllowCancellationType = Literal[
    "always", "daysBeforeArrival", "never", "propertyDefault"
]

BOOKING_ALLOW_CANCELLATION_TYPE_VALUES: set[BookingAllowCancellationType] = {
    "always",
    "daysBeforeArrival",
    "never",
    "propertyDefault",
}


def check_booking_allow_cancellation_type(value: str) -> BookingAllowCancellationType:
    if value in BOOKING_ALLOW_CANCELLATION_TYPE_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {BOOKING_ALLOW_CANCELLATION_TYPE_VALUES!r}"
    )
