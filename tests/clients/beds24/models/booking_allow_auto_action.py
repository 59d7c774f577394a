from typing import Literal

BookingAllowAutoAction = Literal["disable", "enable"]

BOOKING_ALLOW_AUTO_ACTION_VALUES: set[BookingAllowAutoAction] = {
    "disable",
    "enable",
}


def check_booking_allow_auto_action(value: str) -> BookingAllowAutoAction:
    if value in BOOKING_ALLOW_AUTO_ACTION_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {BOOKING_ALLOW_AUTO_ACTION_VALUES!r}"
    )
