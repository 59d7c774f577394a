from typing import Literal

GetBookingsMessagesFilter = Literal["read", "unread"]

GET_BOOKINGS_MESSAGES_FILTER_VALUES: set[GetBookingsMessagesFilter] = {
    "read",
    "unread",
}


def check_get_bookings_messages_filter(value: str) -> GetBookingsMessagesFilter:
    if value in GET_BOOKINGS_MESSAGES_FILTER_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {GET_BOOKINGS_MESSAGES_FILTER_VALUES!r}"
    )
