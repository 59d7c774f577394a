"""What a listing search can ask for, in domain words (SearchParams), its limits, and the
rules every search must meet (validate): each broken rule a 400 naming the parameter in
domain words (`arrival`, `departure`, `guests`, `radius_km`), which each API renames into
its own (the marketplace: checkIn, checkOut, guestCount, radiusKm)."""

from __future__ import annotations

import re
import uuid
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from pydantic.alias_generators import to_camel
from sqlalchemy.sql.elements import ColumnElement

from staykit.core.errors import InvalidInput
from staykit.domain.catalog.dates import check_stay_dates, search_window

MAX_NIGHTS = 365
MAX_RADIUS_KM = 500.0
MAX_GUESTS = 1000
MAX_PRICE = Decimal("1000000000")
MAX_Q_LENGTH = 200
MAX_Q_WORDS = 8
MAX_AMENITIES = 50
SORTS = ("newest", "relevance", "price", "-price", "distance", "rating")

_WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class SearchParams:
    """A search. The marketplace builds it from a query string
    (staykit.api.marketplace.catalog_search_params); the benchmark and tests build it
    directly. `search_listings` validates it either way."""

    # Further conditions on the listing (UnitType) and its property (Property): the
    # marketplace's list filters, built by the API layer.
    filters: tuple[ColumnElement[bool], ...] = field(default=(), compare=False)
    # The hosts those filters narrow the search to: a user among them also sees their own
    # unpublished listings.
    host_ids: tuple[uuid.UUID, ...] = ()
    q: str | None = None
    lat: float | None = None
    lng: float | None = None
    radius_km: float | None = None
    check_in: date | None = None
    check_out: date | None = None
    guest_count: int | None = None
    min_price: Decimal | None = None
    max_price: Decimal | None = None
    amenity_ids: tuple[uuid.UUID, ...] = ()
    sort: str | None = None
    include_inactive: bool | None = None  # admins: isActive=false lists deleted listings
    page_number: int = 1  # 0 = every row (up to max_rows)
    page_row_count: int = 25
    max_rows: int = 1000

    @property
    def nights(self) -> int | None:
        if self.check_in is None or self.check_out is None:
            return None
        return (self.check_out - self.check_in).days


def _bad(name: str, message: str) -> InvalidInput:
    return InvalidInput(message, code=f"{to_camel(name)}IsInvalid", field=name)


def words(q: str) -> list[str]:
    # Trigrams of one-letter words match almost anything: they carry no meaning here.
    return [w for w in _WORD.findall(q.lower()) if len(w) >= 2][:MAX_Q_WORDS]


def validate(params: SearchParams) -> None:
    """Every rule a search must meet, each a 400 naming the parameter."""
    if params.q is not None:
        if len(params.q) > MAX_Q_LENGTH:
            raise _bad("q", f"q must be at most {MAX_Q_LENGTH} characters.")
        if not words(params.q):
            raise _bad("q", "q needs at least one word of two or more letters or digits.")
    if (params.lat is None) != (params.lng is None):
        missing = "lng" if params.lng is None else "lat"
        raise _bad(missing, "lat and lng go together: give both or neither.")
    if params.lat is not None and not -90 <= params.lat <= 90:
        raise _bad("lat", "lat must be between -90 and 90.")
    if params.lng is not None and not -180 <= params.lng <= 180:
        raise _bad("lng", "lng must be between -180 and 180.")
    if params.radius_km is not None:
        if params.lat is None:
            raise _bad("lat", "radiusKm needs lat and lng.")
        if not 0 < params.radius_km <= MAX_RADIUS_KM:
            raise _bad("radius_km", f"radiusKm must be above 0 and at most {MAX_RADIUS_KM:g}.")
    if (params.check_in is None) != (params.check_out is None):
        missing = "departure" if params.check_out is None else "arrival"
        raise _bad(missing, "The arrival and departure dates go together: give both or neither.")
    if params.check_in is not None and params.check_out is not None:
        check_stay_dates(params.check_in, params.check_out, max_nights=MAX_NIGHTS)
        # No property yet: the stay must be valid in SOME time zone (dates.search_window);
        # a listing whose own zone refuses it simply does not match (in SQL).
        window = search_window()
        window.check("arrival", params.check_in)
        window.check("departure", params.check_out)
    if params.guest_count is not None and not 1 <= params.guest_count <= MAX_GUESTS:
        raise _bad("guests", f"The number of guests must be between 1 and {MAX_GUESTS}.")
    for name, value in (("min_price", params.min_price), ("max_price", params.max_price)):
        if value is not None and not 0 <= value <= MAX_PRICE:
            raise _bad(name, f"{to_camel(name)} must be between 0 and {MAX_PRICE}.")
    if (
        params.min_price is not None
        and params.max_price is not None
        and params.min_price > params.max_price
    ):
        raise _bad("min_price", "minPrice must not exceed maxPrice.")
    if params.sort is not None:
        if params.sort not in SORTS:
            raise _bad("sort", "sort must be one of " + ", ".join(SORTS) + ".")
        if params.sort == "distance" and params.lat is None:
            raise _bad("sort", "sort=distance needs lat and lng.")
        if params.sort == "relevance" and params.q is None:
            raise _bad("sort", "sort=relevance needs q.")
    if params.page_number < 0 or params.page_row_count < 1:
        raise _bad("page_number", "pageNumber must be 0 or more and pageRowCount 1 or more.")
