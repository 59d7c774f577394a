from typing import Literal

GetBookingsFilter = Literal["arrivals", "current", "departures", "new"]

GET_BOOKINGS_FILTER_VALUES: set[GetBookingsFilter] = {
    "arrivals",
    "current",
    "departures",
    "new",
}


def check_get_bookings_filter(value: str) -> GetBookingsFilter:
    if value in GET_BOOKINGS_FILTER_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {GET_BOOKINGS_FILTER_VALUES!r}"
    )
