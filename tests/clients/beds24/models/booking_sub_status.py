from typing import Literal

BookingSubStatus = Literal[
    "actionRequired",
    "allotment",
    "cancelledByGuest",
    "cancelledByHost",
    "none",
    "nonPayment",
    "noShow",
    "waitlist",
    "walkin",
]

BOOKING_SUB_STATUS_VALUES: set[BookingSubStatus] = {
    "actionRequired",
    "allotment",
    "cancelledByGuest",
    "cancelledByHost",
    "none",
    "nonPayment",
    "noShow",
    "waitlist",
    "walkin",
}


def check_booking_sub_status(value: str) -> BookingSubStatus:
    if value in BOOKING_SUB_STATUS_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {BOOKING_SUB_STATUS_VALUES!r}"
    )
