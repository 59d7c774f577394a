"""The catalog's typed errors, in domain words: field names as the domain spells them
(`arrival`, `listing_id`), a stable camelCase code, and `facts` (JSON-ready) a client can
act on (the nights that are taken, the dates allowed). Each API surface renames the field
and code into its own words (staykit.api.surface.Vocabulary) and shows the facts."""

from __future__ import annotations

import uuid
from datetime import date
from typing import Any

from staykit.core.errors import Conflict, InvalidInput, NotFound

# A conflict over a long stay would otherwise list hundreds of dates in one sentence.
LISTED_NIGHTS = 31


class DateOutOfRange(InvalidInput):
    """A date outside what the date rule allows here (staykit.domain.catalog.dates)."""

    code = "dateOutOfRange"

    def __init__(self, field: str, value: date, first: date, last: date) -> None:
        super().__init__(
            f"{value} is outside the dates allowed here: from {first} to {last}.", field=field
        )
        self.facts: dict[str, Any] = {"first": first.isoformat(), "last": last.isoformat()}


class StayLengthInvalid(InvalidInput):
    """A stay with no night, or more nights than allowed; names the departure."""

    def __init__(self, names: tuple[str, str], nights: int, max_nights: int) -> None:
        first, last = names
        message = (
            f"{last} must be after {first}."
            if nights <= 0
            else f"A stay may last at most {max_nights} nights; this one has {nights}."
        )
        super().__init__(message, code=f"{last}IsInvalid", field=last)
        self.facts = {"max_nights": max_nights}


class NightsUnavailable(Conflict):
    """A unit (or every unit of a listing) is taken on some of the nights asked for."""

    code = "unitNotAvailable"

    def __init__(self, nights: list[date], *, field: str = "arrival") -> None:
        shown = ", ".join(n.isoformat() for n in nights[:LISTED_NIGHTS])
        more = len(nights) - LISTED_NIGHTS
        if more > 0:
            shown += f" and {more} more"
        iso = [n.isoformat() for n in nights]
        super().__init__(
            f"The unit is not available on the nights of {shown}.",
            field=field,
            errors=[{"field": field, "message": "Night already taken.", "nights": iso}],
        )
        self.facts = {"nights": iso}


class _EntityNotFound(NotFound):
    """No such row, or none the caller may see. `entity` names it in the message."""

    entity = "record"
    id_field = "id"

    def __init__(self, ident: object, *, field: str | None = None) -> None:
        super().__init__(f"No {self.entity} with id {ident}.", field=field or self.id_field)
        self.facts: dict[str, Any] = {"id": str(ident)}


class ListingNotFound(_EntityNotFound):
    code, entity, id_field = "listingNotFound", "listing", "listing_id"


class UnitNotFound(_EntityNotFound):
    code, entity, id_field = "unitNotFound", "unit", "unit_id"


class BlockNotFound(_EntityNotFound):
    code, entity, id_field = "blockNotFound", "block", "block_id"


class CalendarEntryNotFound(_EntityNotFound):
    code, entity, id_field = "listingCalendarNotFound", "listingCalendar", "listing_calendar_id"


class LocaleTextNotFound(_EntityNotFound):
    code, entity = "listingLocaleTextNotFound", "listingLocaleText"
    id_field = "listing_locale_text_id"


class AmenityNotFound(_EntityNotFound):
    code, entity, id_field = "listingAmenityNotFound", "listingAmenity", "listing_amenity_id"


class UserNotFound(_EntityNotFound):
    code, entity, id_field = "userNotFound", "user", "user_id"


class RateNotFound(NotFound):
    """The listing has no (active) default rate to price it with."""

    code = "rateNotFound"

    def __init__(self, listing_id: uuid.UUID) -> None:
        super().__init__("The listing has no default rate.", field="listing_id")
        self.facts: dict[str, Any] = {"listing_id": str(listing_id)}
