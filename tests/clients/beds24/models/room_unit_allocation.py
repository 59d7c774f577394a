from typing import Literal

RoomUnitAllocation = Literal["perBooking", "perGuest"]

ROOM_UNIT_ALLOCATION_VALUES: set[RoomUnitAllocation] = {
    "perBooking",
    "perGuest",
}


def check_room_unit_allocation(value: str) -> RoomUnitAllocation:
    if value in ROOM_UNIT_ALLOCATION_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {ROOM_UNIT_ALLOCATION_VALUES!r}"
    )
