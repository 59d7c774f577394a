from typing import Literal

RoomDependenciesAssignBookingsToType = Literal[
    "allDependencyRooms",
    "firstAvailableDependencyRoom",
    "firstAvailableSubDependencyRoom",
    "roomId",
    "thisRoom",
]

ROOM_DEPENDENCIES_ASSIGN_BOOKINGS_TO_TYPE_VALUES: set[
    RoomDependenciesAssignBookingsToType
] = {
    "allDependencyRooms",
    "firstAvailableDependencyRoom",
    "firstAvailableSubDependencyRoom",
    "roomId",
    "thisRoom",
}


def check_room_dependencies_assign_bookings_to_type(
    value: str,
) -> RoomDependenciesAssignBookingsToType:
    if value in ROOM_DEPENDENCIES_ASSIGN_BOOKINGS_TO_TYPE_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {ROOM_DEPENDENCIES_ASSIGN_BOOKINGS_TO_TYPE_VALUES!r}"
    )
