from typing import Literal

GetBookingsMessagesSource = Literal["guest", "host", "internalNote", "system"]

GET_BOOKINGS_MESSAGES_SOURCE_VALUES: set[GetBookingsMessagesSource] = {
    "guest",
    "host",
    "internalNote",
    "system",
}


def check_get_bookings_messages_source(value: str) -> GetBookingsMessagesSource:
    if value in GET_BOOKINGS_MESSAGES_SOURCE_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {GET_BOOKINGS_MESSAGES_SOURCE_VALUES!r}"
    )
