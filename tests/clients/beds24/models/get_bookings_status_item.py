from typing import Literal

GetBookingsStatusItem = Literal[
    "black", "cancelled", "confirmed", "inquiry", "new", "request"
]

GET_BOOKINGS_STATUS_ITEM_VALUES: set[GetBookingsStatusItem] = {
    "black",
    "cancelled",
    "confirmed",
    "inquiry",
    "new",
    "request",
}


def check_get_bookings_status_item(value: str) -> GetBookingsStatusItem:
    if value in GET_BOOKINGS_STATUS_ITEM_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {GET_BOOKINGS_STATUS_ITEM_VALUES!r}"
    )
