"""Listing search (GET /propertycatalog-api/v1/listings): filters, text, radius, dates and
prices in ONE SQL query per page, whatever the number of listings it returns.

What a search can ask for (every parameter optional):
- the spec's list filters of listListings (§4.2, syntax of staykit.core.filters): title,
  hostId, address, pricePerNight (incl. $lt-/$btw- ranges), propertyType, currency,
  isPublished;
- q: words matched typo-tolerantly (pg_trgm word_similarity >= 0.5) against the title,
  the description and the city; EVERY word must match one of them. "apartmnt" finds
  "apartment", "buapest" finds Budapest. Ranked by similarity (title counts double);
- lat, lng, radiusKm: listings whose property lies within radiusKm of the point
  (earthdistance: an earth_box test the GiST index ix_properties_earth answers, then the
  exact great-circle distance). lat/lng alone only give `distanceKm` and sort=distance;
- checkIn, checkOut: only listings bookable for the WHOLE stay under the rules of the quote
  engine (quote.py): every night has a sellable unit (active units minus active
  occupancies, then the InventoryDay's stop-sell or availability cap), the stay length
  within the min/max stay of the ARRIVAL date (the default rate's RateDay, else the
  listing's), not closed to arrival on checkIn nor to departure on checkOut, and checkIn
  not before today where the property is;
- guestCount: at most the listing's max guests;
- minPrice, maxPrice: the nightly price (pricePerNight) without dates; with dates, the
  quoted total of the stay on the default rate, computed in SQL exactly as quote_stay does:
  nightly prices (RateDay price > last matching seasonal rule > base price, each quantized
  half-even), extra-guest charges for the adult guest type, cleaning fee and city tax.
  Amounts are compared as numbers whatever the listing's currency (add a currency filter
  to compare like with like);
- amenityIds: the listing has ALL of them;
- sort: newest (default), relevance (default when q is given; needs q), price, -price
  (the quoted total when dates are given), distance (needs lat/lng).

How it stays one query and cheap: the dates part is a LATERAL subquery per candidate
listing (after the index-backed filters: the earth_box GiST test, published, guests,
amenities), reading the listing's units and occupancies once and the calendar rows of the
stay's nights by primary key; every amount is rounded at the level quote.py rounds it.
The statement of each "shape" of search (which parameters are present) is built once and
reused with bound parameters: building it costs more than running it.

Who sees what: everyone sees published, active listings. A user filtering by their own
hostId also sees their unpublished ones; admins see every active listing (isPublished
narrows), and with `isActive=false` the deleted ones.
"""

from __future__ import annotations

import functools
import re
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal, InvalidOperation
from typing import Any

from sqlalchemy import (
    Date,
    DateTime,
    Float,
    Integer,
    Numeric,
    Select,
    String,
    and_,
    any_,
    bindparam,
    case,
    cast,
    column,
    distinct,
    false,
    func,
    literal_column,
    or_,
    select,
    true,
)
from sqlalchemy.dialects.postgresql import ARRAY, JSONB, UUID
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import aliased
from sqlalchemy.sql.elements import ColumnElement

from staykit.core import filters as flt
from staykit.core import money
from staykit.core.actor import Actor
from staykit.core.clock import utcnow
from staykit.core.errors import InvalidInput
from staykit.domain.catalog.models import (
    PROPERTY_TYPES,
    GuestType,
    InventoryDay,
    Occupancy,
    Property,
    Rate,
    RateDay,
    Unit,
    UnitType,
)

MAX_NIGHTS = 365
MAX_RADIUS_KM = 500.0
MAX_GUESTS = 1000
MAX_PRICE = Decimal("1000000000")
MAX_Q_LENGTH = 200
MAX_Q_WORDS = 8
MAX_AMENITIES = 50
# pg_trgm word similarity a q word needs with some word of the title, city or description.
# The extension's default (0.6, the `<%` operator) misses one dropped letter in a short
# word ("buapest" / "Budapest" is 0.55); 0.5 still keeps unrelated words apart.
WORD_SIMILARITY = 0.5
SORTS = ("newest", "relevance", "price", "-price", "distance")
WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")

# The spec's filters of listListings (§4.2), over the listing and its property.
FILTERS: dict[str, flt.FilterSpec] = {
    "title": flt.FilterSpec("title", UnitType.title, flt.Kind.STRING),
    "hostId": flt.FilterSpec("hostId", UnitType.host_id, flt.Kind.ID),
    "address": flt.FilterSpec("address", Property.address, flt.Kind.STRING),
    "pricePerNight": flt.FilterSpec("pricePerNight", UnitType.price_per_night, flt.Kind.DOUBLE),
    "propertyType": flt.FilterSpec(
        "propertyType", UnitType.property_type, flt.Kind.ENUM, PROPERTY_TYPES
    ),
    "currency": flt.FilterSpec("currency", UnitType.currency, flt.Kind.STRING),
    "isPublished": flt.FilterSpec("isPublished", UnitType.is_published, flt.Kind.BOOL),
}
# The search's own parameters (besides FILTERS and paging).
PARAMETERS = (
    "q",
    "lat",
    "lng",
    "radiusKm",
    "checkIn",
    "checkOut",
    "guestCount",
    "minPrice",
    "maxPrice",
    "amenityIds",
    "sort",
)


@dataclass(frozen=True)
class SearchParams:
    """A validated search. Build it with `parse_search_params` from a query string, or
    directly (the benchmark does); `search_listings` checks it again either way."""

    filters: tuple[tuple[str, str], ...] = ()
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


@dataclass
class SearchHit:
    """One listing found, with what the search computed for it."""

    listing: UnitType
    property: Property
    distance_km: float | None = None
    nights: int | None = None
    subtotal: Decimal | None = None
    total: Decimal | None = None
    relevance: float | None = None


# --- parsing the query string ---------------------------------------------------------------

_DECIMAL = re.compile(r"-?([0-9]+(\.[0-9]*)?|\.[0-9]+)")
_INTEGER = re.compile(r"-?[0-9]+")
_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_WORD = re.compile(r"\w+")


def _bad(name: str, message: str) -> InvalidInput:
    return InvalidInput(message, code=f"{name}IsInvalid", field=name)


def _single(query: Sequence[tuple[str, str]], name: str) -> str | None:
    values = [v for k, v in query if k == name and v != ""]
    if not values:
        return None
    if len(values) > 1:
        raise _bad(name, f"{name} may be given once.")
    value = values[0]
    if len(value) > 500 or "\x00" in value:
        raise _bad(name, f"{name} must be at most 500 characters, without NUL.")
    return value


def _float(query: Sequence[tuple[str, str]], name: str) -> float | None:
    raw = _single(query, name)
    if raw is None:
        return None
    # Plain decimal notation only: float() would also take "nan", "inf" and "1_0".
    if not _DECIMAL.fullmatch(raw) or len(raw) > 30:
        raise _bad(name, f"{name} must be a number.")
    return float(raw)


def _decimal(query: Sequence[tuple[str, str]], name: str) -> Decimal | None:
    raw = _single(query, name)
    if raw is None:
        return None
    if not _DECIMAL.fullmatch(raw) or len(raw) > 30:
        raise _bad(name, f"{name} must be a number.")
    try:
        return Decimal(raw)
    except InvalidOperation:  # pragma: no cover - the pattern admits only valid decimals
        raise _bad(name, f"{name} must be a number.") from None


def _int(query: Sequence[tuple[str, str]], name: str) -> int | None:
    raw = _single(query, name)
    if raw is None:
        return None
    if not _INTEGER.fullmatch(raw) or len(raw) > 12:
        raise _bad(name, f"{name} must be a whole number.")
    return int(raw)


def _date(query: Sequence[tuple[str, str]], name: str) -> date | None:
    raw = _single(query, name)
    if raw is None:
        return None
    try:
        if not _ISO_DATE.fullmatch(raw):
            raise ValueError(raw)
        return date.fromisoformat(raw)
    except ValueError:
        raise _bad(name, f"{name} must be a date (YYYY-MM-DD).") from None


def _amenity_ids(query: Sequence[tuple[str, str]]) -> tuple[uuid.UUID, ...]:
    # Both ?amenityIds=a&amenityIds=b and ?amenityIds=a,b
    raw = [part.strip() for k, v in query if k == "amenityIds" for part in v.split(",")]
    raw = [r for r in raw if r]
    if len(raw) > MAX_AMENITIES:
        raise _bad("amenityIds", f"amenityIds takes at most {MAX_AMENITIES} ids.")
    ids: list[uuid.UUID] = []
    for index, value in enumerate(raw):
        try:
            ids.append(uuid.UUID(value))
        except ValueError:
            raise InvalidInput(
                f"amenityIds[{index}]: {value[:40]!r} is not a valid id.",
                code="amenityIdsIsInvalid",
                field="amenityIds",
            ) from None
    return tuple(dict.fromkeys(ids))


def parse_search_params(
    query: Sequence[tuple[str, str]],
    *,
    page_number: int = 1,
    page_row_count: int = 25,
    max_rows: int = 1000,
    include_inactive: bool | None = None,
) -> SearchParams:
    """A SearchParams from the query string's (name, value) pairs; 400 naming the parameter
    for anything malformed. Paging is parsed by the caller (the marketplace conventions)."""
    params = SearchParams(
        filters=tuple((k, v) for k, v in query if k in FILTERS),
        q=_single(query, "q"),
        lat=_float(query, "lat"),
        lng=_float(query, "lng"),
        radius_km=_float(query, "radiusKm"),
        check_in=_date(query, "checkIn"),
        check_out=_date(query, "checkOut"),
        guest_count=_int(query, "guestCount"),
        min_price=_decimal(query, "minPrice"),
        max_price=_decimal(query, "maxPrice"),
        amenity_ids=_amenity_ids(query),
        sort=_single(query, "sort"),
        include_inactive=include_inactive,
        page_number=page_number,
        page_row_count=page_row_count,
        max_rows=max_rows,
    )
    validate(params)
    return params


def _words(q: str) -> list[str]:
    # Trigrams of one-letter words match almost anything: they carry no meaning here.
    return [w for w in _WORD.findall(q.lower()) if len(w) >= 2][:MAX_Q_WORDS]


def validate(params: SearchParams) -> None:
    """Every rule a search must meet, each a 400 naming the parameter."""
    if params.q is not None:
        if len(params.q) > MAX_Q_LENGTH:
            raise _bad("q", f"q must be at most {MAX_Q_LENGTH} characters.")
        if not _words(params.q):
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
            raise _bad("radiusKm", f"radiusKm must be above 0 and at most {MAX_RADIUS_KM:g}.")
    if (params.check_in is None) != (params.check_out is None):
        missing = "checkOut" if params.check_out is None else "checkIn"
        raise _bad(missing, "checkIn and checkOut go together: give both or neither.")
    if params.check_in is not None and params.check_out is not None:
        if params.check_out <= params.check_in:
            raise _bad("checkOut", "checkOut must be after checkIn.")
        if (params.check_out - params.check_in).days > MAX_NIGHTS:
            raise _bad("checkOut", f"A stay may last at most {MAX_NIGHTS} nights.")
        # Nowhere on Earth is the local date more than one day behind UTC's; a later
        # checkIn that is past where the property is simply matches nothing (in SQL).
        if params.check_in < utcnow().date() - timedelta(days=1):
            raise _bad("checkIn", "checkIn is in the past.")
    if params.guest_count is not None and not 1 <= params.guest_count <= MAX_GUESTS:
        raise _bad("guestCount", f"guestCount must be between 1 and {MAX_GUESTS}.")
    for name, value in (("minPrice", params.min_price), ("maxPrice", params.max_price)):
        if value is not None and not 0 <= value <= MAX_PRICE:
            raise _bad(name, f"{name} must be between 0 and {MAX_PRICE}.")
    if (
        params.min_price is not None
        and params.max_price is not None
        and params.min_price > params.max_price
    ):
        raise _bad("minPrice", "minPrice must not exceed maxPrice.")
    if params.sort is not None:
        if params.sort not in SORTS:
            raise _bad("sort", "sort must be one of " + ", ".join(SORTS) + ".")
        if params.sort == "distance" and params.lat is None:
            raise _bad("sort", "sort=distance needs lat and lng.")
        if params.sort == "relevance" and params.q is None:
            raise _bad("sort", "sort=relevance needs q.")
    if params.page_number < 0 or params.page_row_count < 1:
        raise _bad("pageNumber", "pageNumber must be 0 or more and pageRowCount 1 or more.")


# --- SQL pieces -------------------------------------------------------------------------------


def _codes(exponent: int) -> Any:
    # Inline constants (our own currency table, never user input): no expanding IN list.
    codes = ",".join(f"'{c}'" for c, e in money.MINOR_UNITS.items() if e == exponent)
    return any_(literal_column(f"ARRAY[{codes}]::varchar[]"))


_ZERO_DECIMALS, _THREE_DECIMALS = _codes(0), _codes(3)


def _factor(currency: Any) -> ColumnElement[Any]:
    """10 ** (the currency's minor units), as money.exponent says."""
    return case(
        (currency == _ZERO_DECIMALS, literal_column("1::numeric")),
        (currency == _THREE_DECIMALS, literal_column("1000::numeric")),
        else_=literal_column("100::numeric"),
    )


def _quantize(amount: Any, factor: Any) -> ColumnElement[Any]:
    """money.quantize in SQL: half-even to the currency's minor units (amount >= 0), with
    `factor` = 10 ** minor units (see `_factor`).

    PostgreSQL's round() goes half away from zero; quote_stay rounds half-even, and a search
    must show and filter on the same totals. Both arguments should be plain columns of a
    subquery: each appears several times in the expression."""
    scaled = amount * factor
    low = func.floor(scaled)
    up = or_(scaled - low > 0.5, and_(scaled - low == 0.5, func.mod(low, 2) == 1))
    return case((up, low + 1), else_=low) / factor


def _plain_number(text_value: Any) -> ColumnElement[Any]:
    """A JSON text value as numeric, or NULL when it is not a plain number (never an error)."""
    return case(
        (text_value.op("~")(r"^\s*-?[0-9]+(\.[0-9]+)?\s*$"), cast(text_value, Numeric)),
        else_=None,
    )


def _seasonal_price(night: Any, base_price: Any) -> ColumnElement[Any]:
    """The default rate's price from the listing's last seasonal rule matching `night`,
    or NULL (pricing.seasonal_price in SQL)."""
    stored = UnitType.seasonal_pricing["rules"]
    rules = (
        func.jsonb_array_elements(case((func.jsonb_typeof(stored) == "array", stored), else_=None))
        .table_valued(column("value", JSONB), with_ordinality="ord")
        .render_derived(name="rule")
    )
    rule = rules.c.value
    start, end = rule["startDate"].astext, rule["endDate"].astext
    price, percent = rule["pricePerNight"].astext, rule["adjustmentPercent"].astext
    weekday = func.trim(func.to_char(cast(night, DateTime), "dy"))
    iso_date = r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$"
    return (
        select(
            case(
                (price.is_not(None), _plain_number(price)),
                else_=base_price * (100 + _plain_number(percent)) / 100,
            )
        )
        .select_from(rules)
        .where(
            func.jsonb_typeof(rule) == "object",
            start.op("~")(iso_date),
            end.op("~")(iso_date),
            cast(start, Date) <= night,
            cast(end, Date) >= night,
            or_(
                func.jsonb_typeof(rule["weekdays"]).is_distinct_from("array"),
                rule["weekdays"].op("?")(weekday),
            ),
            or_(_plain_number(price).is_not(None), _plain_number(percent).is_not(None)),
        )
        .order_by(rules.c.ord.desc())
        .limit(1)
        .correlate_except(rules)
        .scalar_subquery()
    )


def _stay(rate: Any) -> Any:
    """A LATERAL subquery, one row per listing: how many nights, whether every one is
    sellable, and what the stay costs on the default rate (quote.py's amounts).
    Parameters: check_in, check_out, nights, guests."""
    check_in, check_out = _CHECK_IN, _CHECK_OUT
    guests, last = bindparam("guests", type_=Integer), _NIGHTS - 1
    outer = (UnitType, Property, rate)
    series = (
        func.generate_series(0, last).table_valued(column("i", Integer)).render_derived(name="g")
    )
    night = cast(check_in + series.c.i, Date)

    # Once per listing (not per night): its active units, and the nights of the stay its
    # occupancies cover (the ix_occupancies_unit_dates index finds them by unit and date).
    units_of_type = and_(Unit.unit_type_id == UnitType.id, Unit.is_active)
    units = (
        select(func.count().label("n"))
        .select_from(Unit)
        .where(units_of_type)
        .correlate_except(Unit)
        .subquery("units")
    )
    covered = (
        func.generate_series(0, last).table_valued(column("i", Integer)).render_derived(name="c")
    )
    covered_night = cast(check_in + covered.c.i, Date)
    taken = (
        select(
            covered_night.label("night"),
            func.count(distinct(Occupancy.unit_id)).label("n"),
        )
        .select_from(Occupancy)
        .join(Unit, Unit.id == Occupancy.unit_id)
        .join(
            covered,
            and_(Occupancy.arrival <= covered_night, Occupancy.departure > covered_night),
        )
        .where(units_of_type, Occupancy.active)
        .where(Occupancy.arrival < check_out, Occupancy.departure > check_in)
        .group_by(covered_night)
        .correlate_except(Occupancy, Unit, covered)
        .subquery("taken")
    )
    inv = aliased(InventoryDay, name="inv")
    day = aliased(RateDay, name="rd")
    extra_guests = func.greatest(
        guests - func.coalesce(day.base_occupancy, UnitType.base_occupancy), 0
    )
    adult_key = (
        select(cast(GuestType.id, String))
        .where(
            GuestType.business_id == UnitType.business_id,
            GuestType.code == "adult",
            GuestType.is_active,
        )
        .order_by(GuestType.created_at)
        .limit(1)
        .correlate_except(GuestType)
        .scalar_subquery()
    )
    # Level 1, one row per night: the raw facts. OFFSET 0 keeps it a subquery: flattened
    # into the levels above, each use of a column would re-run its subqueries.
    per_night = (
        select(
            (units.c.n - func.coalesce(taken.c.n, 0)).label("free"),
            func.coalesce(inv.stop_sell, false()).label("stop_sell"),
            inv.availability_cap.label("cap"),
            func.coalesce(
                day.price, _seasonal_price(night, rate.base_price), rate.base_price
            ).label("price"),
            extra_guests.label("extra_guests"),
            # The guest type matters only when someone is above the base occupancy.
            case((extra_guests > 0, adult_key), else_=None).label("adult"),
            day.extra_guest_charges.label("day_charges"),
            _factor(UnitType.currency).label("f"),
        )
        .select_from(series)
        .join(units, true())
        .outerjoin(taken, taken.c.night == night)
        .outerjoin(inv, and_(inv.unit_type_id == UnitType.id, inv.date == night, inv.is_active))
        .outerjoin(day, and_(day.rate_id == rate.id, day.date == night))
        .correlate(*outer)
        .offset(0)
        .subquery("per_night")
    )
    n = per_night.c
    charge = func.coalesce(
        _plain_number(n.day_charges.op("->>")(n.adult)),
        _plain_number(rate.extra_guest_charges.op("->>")(n.adult)),
        0,
    )
    # Levels 2-4 read plain columns of the level below, so no amount is computed twice
    # and every rounding happens where quote.py rounds.
    summed = (
        select(
            func.count().label("nights"),
            func.bool_and(
                case(
                    (n.stop_sell, false()),
                    else_=func.least(n.free, func.coalesce(n.cap, n.free)) >= 1,
                )
            ).label("sellable"),
            func.sum(_quantize(n.price, n.f)).label("subtotal"),
            func.sum(n.extra_guests * func.greatest(charge, 0)).label("extras"),
            func.max(n.f).label("f"),
        )
        .select_from(per_night)
        .correlate(*outer)
        .offset(0)
        .subquery("summed")
    )
    rounded = (
        select(
            summed.c.nights,
            summed.c.sellable,
            summed.c.subtotal,
            _quantize(summed.c.extras, summed.c.f).label("extras"),
            _quantize(UnitType.cleaning_fee, summed.c.f).label("cleaning"),
            summed.c.f,
        )
        .select_from(summed)
        .correlate(*outer)
        .offset(0)
        .subquery("rounded")
    )
    tax = (rounded.c.subtotal + rounded.c.extras) * UnitType.city_tax_percent / 100
    taxed = (
        select(*rounded.c, tax.label("tax"))
        .select_from(rounded)
        .correlate(*outer)
        .offset(0)
        .subquery("taxed")
    )
    priced = (
        select(
            taxed.c.nights,
            taxed.c.sellable,
            taxed.c.subtotal,
            taxed.c.extras,
            taxed.c.cleaning,
            _quantize(taxed.c.tax, taxed.c.f).label("city_tax"),
        )
        .select_from(taxed)
        .correlate(*outer)
        .offset(0)
        .subquery("priced")
    )
    # quote.py: total = subtotal + extra-guest charges + cleaning fee + city tax
    p = priced.c
    return (
        select(*p, (p.subtotal + p.extras + p.cleaning + p.city_tax).label("total"))
        .select_from(priced)
        .lateral("stay")
    )


_CHECK_IN = bindparam("check_in", type_=Date)
_CHECK_OUT = bindparam("check_out", type_=Date)
_NIGHTS = bindparam("nights", type_=Integer)


@dataclass(frozen=True)
class _Shape:
    """What decides the statement's structure; the values go in as bound parameters, so
    a shape's statement is built (and compiled by SQLAlchemy) once, not per search."""

    visibility: str  # public | own | admin | admin_active | admin_inactive
    words: int
    geo: bool
    radius: bool
    guests: bool
    amenities: bool
    dates: bool
    min_price: bool
    max_price: bool
    sort: str


def _shape(actor: Actor | None, params: SearchParams) -> _Shape:
    if actor is not None and actor.is_admin:
        visibility = {None: "admin", True: "admin_active", False: "admin_inactive"}[
            params.include_inactive
        ]
    elif actor is not None and any(
        k == "hostId" and v.strip().lower() == str(actor.user_id) for k, v in params.filters
    ):
        visibility = "own"
    else:
        visibility = "public"
    return _Shape(
        visibility=visibility,
        words=len(_words(params.q)) if params.q is not None else 0,
        geo=params.lat is not None,
        radius=params.radius_km is not None,
        guests=params.guest_count is not None,
        amenities=bool(params.amenity_ids),
        dates=params.check_in is not None,
        min_price=params.min_price is not None,
        max_price=params.max_price is not None,
        sort=params.sort or ("relevance" if params.q is not None else "newest"),
    )


def _values(actor: Actor | None, params: SearchParams) -> dict[str, Any]:
    values: dict[str, Any] = {
        "me": actor.user_id if actor is not None else None,
        "lat": params.lat,
        "lng": params.lng,
        "radius_m": params.radius_km * 1000.0 if params.radius_km is not None else None,
        "guest_count": params.guest_count,
        "guests": params.guest_count or 1,
        "amenity_ids": list(params.amenity_ids),
        "check_in": params.check_in,
        "check_out": params.check_out,
        "nights": params.nights,
        "now": utcnow(),
        "min_price": params.min_price,
        "max_price": params.max_price,
        "q": params.q.lower() if params.q is not None else None,
    }
    if params.q is not None:
        for index, word in enumerate(_words(params.q)):
            values[f"word_{index}"] = word
    return values


@functools.lru_cache(maxsize=256)
def _template(shape: _Shape) -> tuple[Select[Any], tuple[str, ...]]:
    """The statement of one shape (see _Shape), without the spec's filters and paging."""
    conds: list[ColumnElement[bool]] = []
    if shape.visibility.startswith("admin"):
        conds.append(UnitType.is_active.is_(shape.visibility != "admin_inactive"))
    else:
        conds.append(UnitType.is_active.is_(True))
        if shape.visibility == "own":
            me = bindparam("me", type_=UUID(as_uuid=True))
            conds.append(or_(UnitType.is_published.is_(True), UnitType.host_id == me))
        else:
            conds.append(UnitType.is_published.is_(True))
    extras: list[ColumnElement[Any]] = []
    stmt: Select[Any] = select(UnitType, Property).join(  # type: ignore[assignment]
        Property, Property.id == UnitType.property_id
    )

    relevance = None
    if shape.words:
        city = func.coalesce(Property.city, "")
        for index in range(shape.words):
            word = bindparam(f"word_{index}", type_=String)
            conds.append(
                or_(
                    *(
                        func.word_similarity(word, text) >= WORD_SIMILARITY
                        for text in (UnitType.title, city, UnitType.description)
                    )
                )
            )
        q = bindparam("q", type_=String)
        relevance = (
            2 * func.word_similarity(q, UnitType.title)
            + func.word_similarity(q, city)
            + func.word_similarity(q, UnitType.description)
        )
        extras.append(relevance.label("relevance"))

    distance_km = None
    if shape.geo:
        origin = func.ll_to_earth(bindparam("lat", type_=Float), bindparam("lng", type_=Float))
        # Exactly the expression of the GiST index ix_properties_earth.
        point = func.ll_to_earth(Property.latitude, Property.longitude)
        meters = func.earth_distance(origin, point, type_=Float)
        distance_km = meters / 1000.0
        extras.append(distance_km.label("distance_km"))
        if shape.radius:
            radius = bindparam("radius_m", type_=Float)
            conds.append(func.earth_box(origin, radius).op("@>", is_comparison=True)(point))
            conds.append(meters <= radius)

    if shape.guests:
        conds.append(UnitType.max_guests >= bindparam("guest_count", type_=Integer))
    if shape.amenities:
        wanted = bindparam("amenity_ids", type_=ARRAY(UUID(as_uuid=True)))
        # amenity_ids @> ARRAY[...]: the GIN index ix_unit_types_amenities answers it.
        conds.append(UnitType.amenity_ids.op("@>", is_comparison=True)(wanted))

    price: Any = UnitType.price_per_night
    if shape.dates:
        rate = aliased(Rate, name="rate")
        on_arrival = aliased(RateDay, name="rd_arrival")
        on_departure = aliased(RateDay, name="rd_departure")
        stay = _stay(rate)
        stmt = (
            stmt.join(
                rate,
                and_(rate.unit_type_id == UnitType.id, rate.is_default, rate.is_active),
            )
            .outerjoin(
                on_arrival, and_(on_arrival.rate_id == rate.id, on_arrival.date == _CHECK_IN)
            )
            .outerjoin(
                on_departure,
                and_(on_departure.rate_id == rate.id, on_departure.date == _CHECK_OUT),
            )
            .join(stay, true())
        )
        min_stay = func.coalesce(on_arrival.min_stay, UnitType.min_stay)
        max_stay = func.coalesce(on_arrival.max_stay, UnitType.max_stay)
        now = bindparam("now", type_=DateTime(timezone=True))
        local_today = cast(func.timezone(Property.time_zone, now), Date)
        conds += [
            local_today <= _CHECK_IN,
            min_stay <= _NIGHTS,
            or_(max_stay.is_(None), max_stay >= _NIGHTS),
            func.coalesce(on_arrival.closed_to_arrival, false()).is_(False),
            func.coalesce(on_departure.closed_to_departure, false()).is_(False),
            stay.c.sellable.is_(True),
            stay.c.nights == _NIGHTS,
        ]
        extras += [stay.c.subtotal.label("subtotal"), stay.c.total.label("total")]
        price = stay.c.total
    if shape.min_price:
        conds.append(price >= bindparam("min_price", type_=Numeric))
    if shape.max_price:
        conds.append(price <= bindparam("max_price", type_=Numeric))

    order: list[Any] = []
    if shape.sort == "relevance" and relevance is not None:
        order = [relevance.desc()]
    elif shape.sort == "price":
        order = [price.asc()]
    elif shape.sort == "-price":
        order = [price.desc()]
    elif shape.sort == "distance" and distance_km is not None:
        order = [distance_km.asc()]
    order += [UnitType.created_at.desc(), UnitType.id.desc()]

    stmt = stmt.add_columns(*extras).where(*conds).order_by(*order)
    return stmt, tuple(str(e.name) for e in extras if hasattr(e, "name"))


def build_query(
    actor: Actor | None, params: SearchParams
) -> tuple[Select[Any], tuple[str, ...], dict[str, Any]]:
    """The search statement (without paging), the names of its extra columns, and the
    values of its bound parameters."""
    template, names = _template(_shape(actor, params))
    stmt = template.where(*flt.build(FILTERS, list(params.filters)))
    return stmt, names, _values(actor, params)


async def search_listings(
    session: AsyncSession, actor: Actor | None, params: SearchParams
) -> tuple[list[SearchHit], int]:
    """One page of listings matching the search and how many match in all.

    One SQL statement: the page with a window count. A second (a plain count) runs only
    when the page is past the last row."""
    validate(params)
    stmt, extra_names, values = build_query(actor, params)
    limit = params.max_rows if params.page_number == 0 else params.page_row_count
    offset = 0 if params.page_number == 0 else (params.page_number - 1) * params.page_row_count
    paged = stmt.add_columns(func.count().over().label("_total")).limit(limit).offset(offset)
    rows = (await session.execute(paged, values)).all()
    if not rows:
        if offset == 0:
            return [], 0
        counted = select(func.count()).select_from(
            stmt.with_only_columns(UnitType.id).order_by(None).subquery()
        )
        return [], int(await session.scalar(counted, values) or 0)
    hits = []
    for row in rows:
        found = row._mapping
        hit = SearchHit(listing=row[0], property=row[1])
        if "distance_km" in extra_names:
            hit.distance_km = float(found["distance_km"])
        if "relevance" in extra_names:
            hit.relevance = float(found["relevance"])
        if "total" in extra_names:
            currency = hit.listing.currency
            hit.nights = params.nights
            hit.subtotal = money.quantize(Decimal(found["subtotal"]), currency)
            hit.total = money.quantize(Decimal(found["total"]), currency)
        hits.append(hit)
    return hits, int(rows[0][-1])
