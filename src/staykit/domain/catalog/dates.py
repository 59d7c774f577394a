"""The one date rule: which stay dates can be quoted, searched and booked, and which
calendar dates can be written.

- A stay [arrival, departure) arrives from today and ends at most YEARS_AHEAD years ahead:
  today <= arrival and departure <= today + 3 years, "today" being the date where the
  property is (stay dates are calendar dates there, never converted through time zones).
  Quotes and bookings report an arrival before today as the quote's `arrivalInPast` rule
  (a quote still answers, a booking refuses it); a departure beyond the horizon is a 400.
- Calendar, price and block writes cover yesterday to 3 years ahead, property-local: a
  host may still correct the night that just ended. A block, like a stay, is a range and
  ends (departure) at most 3 years ahead; a calendar date is at most 3 years ahead.
- A search names no property: it accepts what is valid in SOME time zone (arrival from
  today at UTC-12, departure up to today at UTC+14 plus 3 years) and each listing then
  meets the rule in its own zone (search/query.py).

Outside these windows: `DateOutOfRange`, a 400 naming the field, with the allowed first and
last date as facts. A stay also needs at least one night and at most `max_nights`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from staykit.core.clock import utcnow
from staykit.domain.catalog.errors import DateOutOfRange, StayLengthInvalid

YEARS_AHEAD = 3
MAX_NIGHTS = 365
# The zones furthest behind and ahead of UTC (Etc/GMT+12, Pacific/Kiritimati).
WEST_MOST = timedelta(hours=-12)
EAST_MOST = timedelta(hours=14)


def years_after(day: date, years: int) -> date:
    """The same date `years` later; 29 February becomes 28 February, as PostgreSQL's
    `date + interval 'N years'` does."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


def property_today(time_zone: str, now: datetime | None = None) -> date:
    """Today's date where the property is."""
    return (now or utcnow()).astimezone(ZoneInfo(time_zone)).date()


@dataclass(frozen=True)
class DateWindow:
    """The first and last date allowed (both included)."""

    first: date
    last: date

    def check(self, field: str, value: date) -> None:
        if not self.first <= value <= self.last:
            raise DateOutOfRange(field, value, self.first, self.last)


def stay_window(today: date) -> DateWindow:
    """Arrival from `today`, departure at most YEARS_AHEAD years after it."""
    return DateWindow(today, years_after(today, YEARS_AHEAD))


def write_window(today: date) -> DateWindow:
    """Calendar, price and block dates: yesterday to YEARS_AHEAD years ahead."""
    return DateWindow(today - timedelta(days=1), years_after(today, YEARS_AHEAD))


def any_write_window(now: datetime | None = None) -> DateWindow:
    """The calendar dates some property may write: yesterday in the west-most zone to
    YEARS_AHEAD years after today in the east-most."""
    at = now or utcnow()
    return DateWindow(
        (at + WEST_MOST).date() - timedelta(days=1),
        years_after((at + EAST_MOST).date(), YEARS_AHEAD),
    )


def search_window(now: datetime | None = None) -> DateWindow:
    """A stay valid in some time zone: arrival from the west-most zone's today, departure
    up to the east-most zone's today plus YEARS_AHEAD years."""
    at = now or utcnow()
    return DateWindow((at + WEST_MOST).date(), years_after((at + EAST_MOST).date(), YEARS_AHEAD))


def check_stay_dates(
    arrival: date,
    departure: date,
    *,
    names: tuple[str, str] = ("arrival", "departure"),
    max_nights: int = MAX_NIGHTS,
) -> int:
    """The nights of [arrival, departure), or a 400 naming the departure field (`names`: the
    domain names of the two dates) when there is none or more than `max_nights`. Quotes,
    searches, bookings and blocks check the same way."""
    nights = (departure - arrival).days
    if nights <= 0 or nights > max_nights:
        raise StayLengthInvalid(names, nights, max_nights)
    return nights


def check_stay_ends(window: DateWindow, departure: date, *, field: str = "departure") -> None:
    """A stay's end within the window (its arrival is the quote's `arrivalInPast` rule)."""
    if departure > window.last:
        raise DateOutOfRange(field, departure, window.first, window.last)


def check_range(
    window: DateWindow,
    arrival: date,
    departure: date,
    *,
    names: tuple[str, str] = ("arrival", "departure"),
) -> None:
    """A range [arrival, departure) that starts and ends within the window."""
    window.check(names[0], arrival)
    if departure > window.last:
        raise DateOutOfRange(names[1], departure, window.first, window.last)
