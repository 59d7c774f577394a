from typing import Literal

RoomRoomType = Literal[
    "activity",
    "apartment",
    "bedInDormitory",
    "bungalow",
    "campSite",
    "carRental",
    "chalet",
    "dormitoryRoom",
    "double",
    "family",
    "holidayHome",
    "mobileHome",
    "quadruple",
    "single",
    "studio",
    "suite",
    "tent",
    "tour",
    "triple",
    "twin",
    "twinDouble",
    "villa",
]

ROOM_ROOM_TYPE_VALUES: set[RoomRoomType] = {
    "activity",
    "apartment",
    "bedInDormitory",
    "bungalow",
    "campSite",
    "carRental",
    "chalet",
    "dormitoryRoom",
    "double",
    "family",
    "holidayHome",
    "mobileHome",
    "quadruple",
    "single",
    "studio",
    "suite",
    "tent",
    "tour",
    "triple",
    "twin",
    "twinDouble",
    "villa",
}


def check_room_room_type(value: str) -> RoomRoomType:
    if value in ROOM_ROOM_TYPE_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {ROOM_ROOM_TYPE_VALUES!r}"
    )
