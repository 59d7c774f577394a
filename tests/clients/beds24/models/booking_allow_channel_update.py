from typing import Literal

BookingAllowChannelUpdate = Literal["all", "allExceptRoomChange", "none"]

BOOKING_ALLOW_CHANNEL_UPDATE_VALUES: set[BookingAllowChannelUpdate] = {
    "all",
    "allExceptRoomChange",
    "none",
}


def check_booking_allow_channel_update(value: str) -> BookingAllowChannelUpdate:
    if value in BOOKING_ALLOW_CHANNEL_UPDATE_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {BOOKING_ALLOW_CHANNEL_UPDATE_VALUES!r}"
    )
