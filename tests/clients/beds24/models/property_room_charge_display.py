from typing import Literal

PropertyRoomChargeDisplay = Literal["onePerBooking", "onePerDate"]

PROPERTY_ROOM_CHARGE_DISPLAY_VALUES: set[PropertyRoomChargeDisplay] = {
    "onePerBooking",
    "onePerDate",
}


def check_property_room_charge_display(value: str) -> PropertyRoomChargeDisplay:
    if value in PROPERTY_ROOM_CHARGE_DISPLAY_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {PROPERTY_ROOM_CHARGE_DISPLAY_VALUES!r}"
    )
