from typing import Literal

CalendarCalendarItemOverride = Literal[
    "blackout", "exception", "noCheckIn", "noCheckInOrCheckOut", "noCheckOut", "none"
]

CALENDAR_CALENDAR_ITEM_OVERRIDE_VALUES: set[CalendarCalendarItemOverride] = {
    "blackout",
    "exception",
    "noCheckIn",
    "noCheckInOrCheckOut",
    "noCheckOut",
    "none",
}


def check_calendar_calendar_item_override(value: str) -> CalendarCalendarItemOverride:
    if value in CALENDAR_CALENDAR_ITEM_OVERRIDE_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {CALENDAR_CALENDAR_ITEM_OVERRIDE_VALUES!r}"
    )
