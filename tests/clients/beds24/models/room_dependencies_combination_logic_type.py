from typing import Literal

RoomDependenciesCombinationLogicType = Literal[
    "allRoomsAvailable",
    "anyRoomAvailable",
    "noUnitsAvailable",
    "numberOfUnitsAvailable",
    "numberOfUnitsAvailableOrLess",
    "sumAllBookings",
]

ROOM_DEPENDENCIES_COMBINATION_LOGIC_TYPE_VALUES: set[
    RoomDependenciesCombinationLogicType
] = {
    "allRoomsAvailable",
    "anyRoomAvailable",
    "noUnitsAvailable",
    "numberOfUnitsAvailable",
    "numberOfUnitsAvailableOrLess",
    "sumAllBookings",
}


def check_room_dependencies_combination_logic_type(
    value: str,
) -> RoomDependenciesCombinationLogicType:
    if value in ROOM_DEPENDENCIES_COMBINATION_LOGIC_TYPE_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {ROOM_DEPENDENCIES_COMBINATION_LOGIC_TYPE_VALUES!r}"
    )
