from typing import Literal

NewBookingStatus = Literal[
    "black", "cancelled", "confirmed", "inquiry", "new", "request"
]

NEW_BOOKING_STATUS_VALUES: set[NewBookingStatus] = {
    "black",
    "cancelled",
    "confirmed",
    "inquiry",
    "new",
    "request",
}


def check_new_booking_status(value: str) -> NewBookingStatus:
    if value in NEW_BOOKING_STATUS_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {NEW_BOOKING_STATUS_VALUES!r}"
    )
