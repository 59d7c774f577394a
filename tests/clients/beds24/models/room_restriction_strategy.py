from typing import Literal

RoomRestrictionStrategy = Literal["firstNight", "stayThrough"]

ROOM_RESTRICTION_STRATEGY_VALUES: set[RoomRestrictionStrategy] = {
    "firstNight",
    "stayThrough",
}


def check_room_restriction_strategy(value: str) -> RoomRestrictionStrategy:
    if value in ROOM_RESTRICTION_STRATEGY_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {ROOM_RESTRICTION_STRATEGY_VALUES!r}"
    )
