from typing import Literal

RoomOverbookingProtection = Literal["property", "room"]

ROOM_OVERBOOKING_PROTECTION_VALUES: set[RoomOverbookingProtection] = {
    "property",
    "room",
}


def check_room_overbooking_protection(value: str) -> RoomOverbookingProtection:
    if value in ROOM_OVERBOOKING_PROTECTION_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {ROOM_OVERBOOKING_PROTECTION_VALUES!r}"
    )
