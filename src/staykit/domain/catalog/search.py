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
  (earthdistance: an earth_box test the GiST index ix_search_listings_earth answers, then
  the great-circle distance). lat/lng alone only give `distanceKm` and sort=distance;
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

How it stays one query and cheap:
- Candidates come from search_listings (search_index.py), one compact row per listing kept
  exact by triggers: the filters, the property's earth point and time zone, the price
  inputs and `sold_out`, the nights with no sellable unit. A stay is available when its
  nights miss `sold_out` (one range operator): no units, occupancies or inventory rows are
  read at search time. The radius test compares the chord length (cube_distance, cheap)
  and computes the exact great-circle distance only within a hair of the radius.
- With dates, each candidate reads its calendar in ONE range scan of rate_days (checkIn to
  checkOut); nights without a RateDay price cost the same and are counted, not listed
  (listings with seasonal rules walk theirs). The price levels then run over the
  candidates, each amount rounded where quote.py rounds it.
- The page is cut from these narrow rows (with the window count); only its rows are
  joined to unit_types and properties.
- q: each word is an IN over three trigram GIN indexes (title, description, city) with
  `word <% column`, whose threshold the statement itself sets (set_config(..., true), an
  InitPlan the index scan depends on) to WORD_SIMILARITY for the transaction; the exact
  word_similarity test is kept as well.
- The statement of each "shape" of search (which parameters are present), and its paged
  form, are built once and reused with bound parameters: building one (and SQLAlchemy's
  cache key of it) costs about as much as running a small search.

Who sees what: everyone sees published, active listings. A user filtering by their own
hostId also sees their unpublished ones; admins see every active listing (isPublished
narrows), and with `isActive=false` the deleted ones.
"""

from __future__ import annotations

import dataclasses
import functools
import math
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
    Text,
    and_,
    any_,
    bindparam,
    case,
    cast,
    column,
    false,
    func,
    literal_column,
    not_,
    or_,
    select,
    true,
    union,
)
from sqlalchemy.dialects.postgresql import ARRAY, JSONB, UUID
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import aliased
from sqlalchemy.sql.elements import ColumnElement

from staykit.core import filters as flt
from staykit.core import money
from staykit.core.clock import utcnow
from staykit.core.errors import InvalidInput
from staykit.core.schemas import ISO_DATE
from staykit.domain.access.principal import Principal
from staykit.domain.catalog.models import (
    PROPERTY_TYPES,
    GuestType,
    Property,
    RateDay,
    UnitType,
)
from staykit.domain.catalog.quote import check_stay_dates
from staykit.domain.catalog.search_index import SearchListing

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
        if not ISO_DATE.fullmatch(raw):
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
        check_stay_dates(params.check_in, params.check_out, max_nights=MAX_NIGHTS)
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


def _seasonal_nights(candidates: Any) -> Any:
    """The sum of the rounded prices of the stay's nights that have no RateDay price, for a
    listing with seasonal rules (pricing.seasonal_price in SQL): each night takes the last
    of the listing's rules that matches it, else the base price. A scalar subquery over a
    candidate listing (columns seasonal_pricing, base_price, priced_dates, f).

    The rules are read from their JSON once per listing (a MATERIALIZED CTE: every test on
    the text of a rule runs once), then matched to each night by dates and weekday."""
    c = candidates.c
    stored = c.seasonal_pricing["rules"]
    elements = (
        func.jsonb_array_elements(case((func.jsonb_typeof(stored) == "array", stored), else_=None))
        .table_valued(column("value", JSONB), with_ordinality="ord")
        .render_derived(name="rule")
    )
    rule = elements.c.value
    start, end = rule["startDate"].astext, rule["endDate"].astext
    price, percent = rule["pricePerNight"].astext, rule["adjustmentPercent"].astext
    iso_date = r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$"
    rules = (
        select(
            elements.c.ord,
            cast(start, Date).label("first"),
            cast(end, Date).label("last"),
            (func.jsonb_typeof(rule["weekdays"]) == "array").label("has_weekdays"),
            rule["weekdays"].label("weekdays"),
            case(
                (price.is_not(None), _plain_number(price)),
                else_=c.base_price * (100 + _plain_number(percent)) / 100,
            ).label("price"),
        )
        .select_from(elements)
        .where(
            func.jsonb_typeof(rule) == "object",
            start.op("~")(iso_date),
            end.op("~")(iso_date),
            or_(_plain_number(price).is_not(None), _plain_number(percent).is_not(None)),
        )
        .correlate(candidates)
        .cte("rules", nesting=True)
        .prefix_with("MATERIALIZED")
    )
    series = (
        func.generate_series(0, _NIGHTS - 1)
        .table_valued(column("i", Integer))
        .render_derived(name="g")
    )
    night = cast(_CHECK_IN + series.c.i, Date)
    weekday = func.trim(func.to_char(cast(night, DateTime), "dy"))
    matching = (
        select(rules.c.price)
        .where(
            rules.c.first <= night,
            rules.c.last >= night,
            or_(rules.c.has_weekdays.is_not(True), rules.c.weekdays.op("?")(weekday)),
        )
        .order_by(rules.c.ord.desc())
        .limit(1)
        .correlate(series)
        .scalar_subquery()
    )
    unpriced = (
        select(func.coalesce(matching, c.base_price).label("price"))
        .select_from(series)
        .where(night != func.all(func.coalesce(c.priced_dates, cast([], ARRAY(Date)))))
        .correlate(candidates)
        .offset(0)
        .subquery("unpriced")
    )
    return (
        select(func.sum(_quantize(unpriced.c.price, c.f)))
        .select_from(unpriced)
        .add_cte(rules, nest_here=True)
        .correlate(candidates)
        .scalar_subquery()
    )


# The search index row (search_index.py) each candidate listing is read from.
_S = SearchListing
_CHECK_IN = bindparam("check_in", type_=Date)
_CHECK_OUT = bindparam("check_out", type_=Date)
_NIGHTS = bindparam("nights", type_=Integer)
_GUESTS = bindparam("guests", type_=Integer)
# earthdistance's earth(): the sphere's radius in metres (ll_to_earth, earth_distance).
EARTH_RADIUS_M = 6378168.0
# The chord bounds below are widened by this much either way: only listings within a hair
# of the radius pay for the exact great-circle distance.
_CHORD_MARGIN = 1e-9
# The index row's columns the price levels read after the candidate level (see _priced).
_PRICE_INPUTS = (
    "business_id",
    "base_price",
    "seasonal_pricing",
    "base_occupancy",
    "cleaning_fee",
    "city_tax_percent",
    "extra_guest_charges",
)


def _adult_key(business_id: Any) -> Any:
    """The id (text) of the business's first active "adult" guest type: the key of the
    per-guest charges (quote.py)."""
    return (
        select(cast(GuestType.id, String))
        .where(
            GuestType.business_id == business_id,
            GuestType.code == "adult",
            GuestType.is_active,
        )
        .order_by(GuestType.created_at)
        .limit(1)
        .correlate_except(GuestType)
        .scalar_subquery()
    )


def _extra_charge(
    extra_guests: Any, day_charges: Any, rate_charges: Any, business_id: Any
) -> ColumnElement[Any]:
    """One night's extra-guest charge: the guests above the base occupancy times the adult
    charge of the night (RateDay), else of the rate, else 0 (never below 0). The guest type
    is looked up only when someone is above the base occupancy."""
    adult = _adult_key(business_id)
    charges = [] if day_charges is None else [_plain_number(day_charges.op("->>")(adult))]
    charge = func.coalesce(*charges, _plain_number(rate_charges.op("->>")(adult)), 0)
    return case((extra_guests > 0, extra_guests * func.greatest(charge, 0)), else_=0)


def _stay_days() -> Any:
    """A LATERAL subquery, one row per candidate listing: its calendar for the stay, summed
    up from ONE range scan of rate_days (the primary key, rate then date) over [checkIn,
    checkOut]. Only the dates that differ from the rate's defaults have a row; the nights
    without one cost the same (see _priced), so they are counted, not listed.

    Also the currency's 10 ** minor units (`f`) and the arrival and departure dates'
    restrictions. Parameters: check_in, check_out, guests."""
    day = aliased(RateDay, name="rd")
    # The factor once per listing. OFFSET 0 keeps a level a subquery: flattened into the
    # level above, each use of a column would recompute its expression.
    factor = select(_factor(_S.currency).label("f")).correlate(_S).offset(0).subquery("k")
    f = factor.c.f
    is_night = day.date < _CHECK_OUT  # the range's last date is the departure
    extra_guests = func.greatest(_GUESTS - func.coalesce(day.base_occupancy, _S.base_occupancy), 0)
    on_arrival, on_departure = day.date == _CHECK_IN, day.date == _CHECK_OUT
    return (
        select(
            func.max(f).label("f"),
            func.count(day.price).filter(is_night).label("priced_nights"),
            func.sum(_quantize(day.price, f)).filter(is_night).label("priced_subtotal"),
            func.array_agg(day.date)
            .filter(and_(is_night, day.price.is_not(None)))
            .label("priced_dates"),
            func.count(day.date).filter(is_night).label("day_rows"),
            func.sum(
                _extra_charge(
                    extra_guests, day.extra_guest_charges, _S.extra_guest_charges, _S.business_id
                )
            )
            .filter(is_night)
            .label("day_extras"),
            func.max(day.min_stay).filter(on_arrival).label("day_min_stay"),
            func.max(day.max_stay).filter(on_arrival).label("day_max_stay"),
            func.bool_or(day.closed_to_arrival).filter(on_arrival).label("closed_to_arrival"),
            func.bool_or(day.closed_to_departure).filter(on_departure).label("closed_to_departure"),
        )
        .select_from(factor)
        .outerjoin(
            day,
            and_(day.rate_id == _S.rate_id, day.date >= _CHECK_IN, day.date <= _CHECK_OUT),
        )
        .correlate(_S)
        .lateral("days")
    )


def _priced(candidates: Any, carried: Sequence[str]) -> Any:
    """Levels over the candidate listings (a subquery with the columns of _stay_days and
    _PRICE_INPUTS): the stay's subtotal and total, computed in SQL exactly as quote_stay
    does: nightly prices (RateDay price > last matching seasonal rule > base price, each
    rounded), extra-guest charges (summed, then rounded), the cleaning fee (rounded), the
    city tax on subtotal + extras (rounded). Each level reads plain columns of the one
    below, so no amount is computed twice. `carried` columns pass through unchanged."""
    c = candidates.c
    # A listing with seasonal rules walks its unpriced nights one by one; others skip it.
    seasonal_nights = _seasonal_nights(candidates)
    default_guests = func.greatest(_GUESTS - c.base_occupancy, 0)
    keep = [c[name] for name in carried]
    summed = (
        select(
            *keep,
            (
                func.coalesce(c.priced_subtotal, 0)
                + case(
                    (
                        c.seasonal_pricing.is_(None),
                        (_NIGHTS - c.priced_nights) * _quantize(c.base_price, c.f),
                    ),
                    else_=func.coalesce(seasonal_nights, 0),
                )
            ).label("subtotal"),
            (
                func.coalesce(c.day_extras, 0)
                + (_NIGHTS - c.day_rows)
                * _extra_charge(default_guests, None, c.extra_guest_charges, c.business_id)
            ).label("extras"),
            c.f,
            c.cleaning_fee,
            c.city_tax_percent,
        )
        .offset(0)
        .subquery("summed")
    )
    s = summed.c
    rounded = (
        select(
            *[s[name] for name in carried],
            s.subtotal,
            _quantize(s.extras, s.f).label("extras"),
            _quantize(s.cleaning_fee, s.f).label("cleaning"),
            s.f,
            s.city_tax_percent,
        )
        .offset(0)
        .subquery("rounded")
    )
    r = rounded.c
    taxed = (
        select(
            *[r[name] for name in carried],
            r.subtotal,
            r.extras,
            r.cleaning,
            ((r.subtotal + r.extras) * r.city_tax_percent / 100).label("tax"),
            r.f,
        )
        .offset(0)
        .subquery("taxed")
    )
    t = taxed.c
    priced = (
        select(
            *[t[name] for name in carried],
            t.subtotal,
            t.extras,
            t.cleaning,
            _quantize(t.tax, t.f).label("city_tax"),
        )
        .offset(0)
        .subquery("priced")
    )
    return priced


def _indexed_word(index: int) -> Any:
    """The q word `index` for the trigram operators, as an InitPlan that first sets
    pg_trgm.word_similarity_threshold to WORD_SIMILARITY for the rest of the transaction
    (set_config(..., true) = SET LOCAL, inside this one statement). The word is the value
    the GIN index scan and the `<%` operator read, so PostgreSQL must run the InitPlan,
    and so set the threshold, before either uses it."""
    threshold = func.set_config("pg_trgm.word_similarity_threshold", str(WORD_SIMILARITY), true())
    word = bindparam(f"word_{index}", type_=String)
    return select(cast(word, Text)).where(threshold.is_not(None)).scalar_subquery()


def _word_matches(index: int) -> ColumnElement[bool]:
    """The listings with the q word `index` in the title, the description or the city:
    an IN over the trigram GIN indexes of the three columns (`word <% column` holds
    exactly when word_similarity(word, column) >= the threshold set above). One UNION
    branch per column, so that each is one index scan."""
    word = _indexed_word(index)
    ut, prop = aliased(UnitType, name=f"ut_w{index}"), aliased(Property, name=f"p_w{index}")

    def similar(text: Any) -> ColumnElement[bool]:
        return word.op("<%", is_comparison=True)(text)

    in_title = select(ut.id).where(similar(ut.title))
    in_description = select(ut.id).where(similar(ut.description))
    in_city = select(ut.id).join(prop, prop.id == ut.property_id).where(similar(prop.city))
    return _S.unit_type_id.in_(union(in_title, in_description, in_city))


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


def _shape(actor: Principal | None, params: SearchParams) -> _Shape:
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


def _values(actor: Principal | None, params: SearchParams) -> dict[str, Any]:
    now = utcnow()
    values: dict[str, Any] = {
        "me": actor.user_id if actor is not None else None,
        "lat": params.lat,
        "lng": params.lng,
        "radius_m": None,
        "chord_in": None,
        "chord_out": None,
        "guest_count": params.guest_count,
        "guests": params.guest_count or 1,
        "amenity_ids": list(params.amenity_ids),
        "check_in": params.check_in,
        "check_out": params.check_out,
        "nights": params.nights,
        "now": now,
        # No time zone is more than a day ahead of UTC: from this date on, no arrival is in
        # the past anywhere, and the per-listing time zone test is skipped.
        "never_past": now.date() + timedelta(days=1),
        "min_price": params.min_price,
        "max_price": params.max_price,
        "q": params.q.lower() if params.q is not None else None,
    }
    if params.radius_km is not None:
        radius_m = params.radius_km * 1000.0
        # The straight-line (chord) length of a great-circle distance: earth_distance is
        # 2R·asin(chord / 2R), so distance <= radius exactly when chord <= 2R·sin(radius / 2R).
        chord = 2 * EARTH_RADIUS_M * math.sin(radius_m / (2 * EARTH_RADIUS_M))
        values["radius_m"] = radius_m
        values["chord_in"] = chord * (1 - _CHORD_MARGIN)
        values["chord_out"] = chord * (1 + _CHORD_MARGIN)
    if params.q is not None:
        for index, word in enumerate(_words(params.q)):
            values[f"word_{index}"] = word
    return values


@dataclass(frozen=True)
class _Template:
    """One shape's statement: the matching listings as narrow rows (`id`, the extra
    columns, `_sort` when the sort needs one, `_created`), and how to order them."""

    stmt: Select[Any]
    names: tuple[str, ...]
    sorted_by: bool  # has a `_sort` column
    descending: bool
    cached: bool = False  # one of _template's (no spec filters): its page is cached too

    def order(self, rows: Any) -> list[Any]:
        """The ORDER BY over `rows` (this statement, or a subquery of it)."""
        c = rows.selected_columns if isinstance(rows, Select) else rows.c
        order: list[Any] = []
        if self.sorted_by:
            order.append(c._sort.desc() if self.descending else c._sort.asc())
        return [*order, c._created.desc(), c.id.desc()]


@functools.lru_cache(maxsize=256)
def _template(shape: _Shape) -> _Template:
    """The statement of one shape without the spec's filters (built once per shape)."""
    return dataclasses.replace(_build(shape, ()), cached=True)


def _build(shape: _Shape, filters: Sequence[ColumnElement[bool]]) -> _Template:
    """The statement of one shape (see _Shape) with the spec's `filters`, without paging.

    The candidate level reads search_listings (one compact row per listing: the index's
    filters, the sold-out nights, the price inputs); unit_types and properties are LEFT
    JOINed for the text search and the spec's filters, and PostgreSQL drops both joins
    when nothing uses them (each is on a primary key). With dates, the price levels
    (_priced) run over the candidates that passed every other test."""
    conds: list[ColumnElement[bool]] = list(filters)
    if shape.visibility.startswith("admin"):
        conds.append(_S.is_active.is_(shape.visibility != "admin_inactive"))
    else:
        conds.append(_S.is_active.is_(True))
        if shape.visibility == "own":
            me = bindparam("me", type_=UUID(as_uuid=True))
            conds.append(or_(_S.is_published.is_(True), _S.host_id == me))
        else:
            conds.append(_S.is_published.is_(True))
    columns: list[ColumnElement[Any]] = [_S.unit_type_id.label("id")]
    stmt: Select[Any] = select().select_from(_S)
    if shape.words or filters:
        stmt = stmt.outerjoin(UnitType, UnitType.id == _S.unit_type_id).outerjoin(
            Property, Property.id == UnitType.property_id
        )

    relevance = None
    if shape.words:
        city = func.coalesce(Property.city, "")
        for index in range(shape.words):
            conds.append(_word_matches(index))
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
        columns.append(relevance.label("relevance"))

    distance_km = None
    if shape.geo:
        origin = func.ll_to_earth(bindparam("lat", type_=Float), bindparam("lng", type_=Float))
        # The index row's earth is ll_to_earth(latitude, longitude) of the property: the
        # same value, so the same distance, as computing it from the property here.
        meters = func.earth_distance(origin, _S.earth, type_=Float)
        if shape.sort == "distance":
            distance_km = meters / 1000.0
            columns.append(distance_km.label("distance_km"))
        else:  # only the page's rows need it: computed after paging (see paged_query)
            columns.append(_S.earth.label("earth"))
        if shape.radius:
            radius = bindparam("radius_m", type_=Float)
            # earth_box: what the GiST index ix_search_listings_earth answers.
            conds.append(func.earth_box(origin, radius).op("@>", is_comparison=True)(_S.earth))
            # earth_distance <= radius, decided by the cheap chord length (cube_distance)
            # except within a hair of the radius, where the exact distance decides.
            chord = func.cube_distance(origin, _S.earth, type_=Float)
            conds.append(
                or_(
                    chord <= bindparam("chord_in", type_=Float),
                    and_(chord <= bindparam("chord_out", type_=Float), meters <= radius),
                )
            )

    if shape.guests:
        conds.append(_S.max_guests >= bindparam("guest_count", type_=Integer))
    if shape.amenities:
        wanted = bindparam("amenity_ids", type_=ARRAY(UUID(as_uuid=True)))
        # amenity_ids @> ARRAY[...]: the GIN index ix_unit_types_amenities answers it.
        listing = aliased(UnitType, name="ut_amenities")
        with_amenities = select(listing.id).where(
            listing.amenity_ids.op("@>", is_comparison=True)(wanted)
        )
        conds.append(_S.unit_type_id.in_(with_amenities))
    columns.append(_S.created_at.label("_created"))

    # The first sort key (validate() made sure relevance has q and distance lat/lng).
    priced_sort = shape.sort in ("price", "-price")
    descending = shape.sort in ("relevance", "-price")
    by_column = {"relevance": relevance, "distance": distance_km}.get(shape.sort)
    sorted_by = priced_sort or by_column is not None
    if not shape.dates:
        price = _S.price_per_night
        if shape.min_price:
            conds.append(price >= bindparam("min_price", type_=Numeric))
        if shape.max_price:
            conds.append(price <= bindparam("max_price", type_=Numeric))
        first: Any = price if priced_sort else by_column
        if first is not None:
            columns.append(first.label("_sort"))
        stmt = stmt.add_columns(*columns).where(*conds)
        return _Template(stmt, _names(columns), sorted_by, descending)

    # With dates: the candidates (every test but the price range), then the price levels.
    days = _stay_days()
    now = bindparam("now", type_=DateTime(timezone=True))
    local_today = cast(func.timezone(_S.time_zone, now), Date)
    min_stay = func.coalesce(days.c.day_min_stay, _S.min_stay)
    max_stay = func.coalesce(days.c.day_max_stay, _S.max_stay)
    conds += [
        _S.rate_id.is_not(None),  # a listing without a default rate cannot be quoted
        or_(_CHECK_IN >= bindparam("never_past", type_=Date), local_today <= _CHECK_IN),
        # Every night sellable: none of them is in the unit type's sold-out nights.
        not_(_S.sold_out.op("&&", is_comparison=True)(func.daterange(_CHECK_IN, _CHECK_OUT))),
        min_stay <= _NIGHTS,
        or_(max_stay.is_(None), max_stay >= _NIGHTS),
        func.coalesce(days.c.closed_to_arrival, false()).is_(False),
        func.coalesce(days.c.closed_to_departure, false()).is_(False),
    ]
    carried = [str(col.name) for col in columns]
    candidates = (
        stmt.join(days, true())
        .add_columns(
            *columns,
            *(getattr(_S, name) for name in _PRICE_INPUTS),
            days.c.f,
            days.c.priced_nights,
            days.c.priced_subtotal,
            days.c.priced_dates,
            days.c.day_rows,
            days.c.day_extras,
        )
        .where(*conds)
        .offset(0)
        .subquery("candidates")
    )
    priced = _priced(candidates, carried)
    p = priced.c
    total = p.subtotal + p.extras + p.cleaning + p.city_tax  # quote.py's total
    final = [*(p[name] for name in carried), p.subtotal.label("subtotal"), total.label("total")]
    if priced_sort:
        final.append(total.label("_sort"))
    elif sorted_by:
        final.append(
            p[{"relevance": "relevance", "distance": "distance_km"}[shape.sort]].label("_sort")
        )
    price_conds = []
    if shape.min_price:
        price_conds.append(total >= bindparam("min_price", type_=Numeric))
    if shape.max_price:
        price_conds.append(total <= bindparam("max_price", type_=Numeric))
    stmt = select(*final).select_from(priced).where(*price_conds)
    return _Template(stmt, _names(final), sorted_by, descending)


def _names(columns: Sequence[Any]) -> tuple[str, ...]:
    """The extra columns a hit carries (not the id nor the sort keys)."""
    return tuple(str(c.name) for c in columns if c.name != "id" and not c.name.startswith("_"))


def build_query(actor: Principal | None, params: SearchParams) -> tuple[_Template, dict[str, Any]]:
    """The search's template (its statement: the matching listings' narrow rows, without
    paging) and the values of its bound parameters."""
    shape = _shape(actor, params)
    filters = flt.build(FILTERS, list(params.filters))
    template = _build(shape, filters) if filters else _template(shape)
    return template, _values(actor, params)


def paged_query(template: _Template) -> Select[Any]:
    """One page of the template's statement, as full rows: (UnitType, Property, extra
    columns..., total). Parameters: page_limit, page_offset (see page_values).

    The page is cut from the narrow rows (the window count sees every match), and only
    its rows are joined to unit_types and properties."""
    if template.cached:
        return _paged(template)
    return _paged.__wrapped__(template)


def page_values(limit: int, offset: int) -> dict[str, int]:
    return {"page_limit": limit, "page_offset": offset}


@functools.lru_cache(maxsize=256)
def _paged(template: _Template) -> Select[Any]:
    # Cached with its template: SQLAlchemy's cache key of a statement object is computed
    # once per object, and building it costs about as much as running a small search.
    stmt = template.stmt
    page = (
        stmt.add_columns(func.count().over().label("_total"))
        .order_by(*template.order(stmt))
        .limit(bindparam("page_limit", type_=Integer))
        .offset(bindparam("page_offset", type_=Integer))
        .subquery("page")
    )
    extras: list[Any] = []
    for name in template.names:
        if name == "earth":
            origin = func.ll_to_earth(bindparam("lat", type_=Float), bindparam("lng", type_=Float))
            meters = func.earth_distance(origin, page.c.earth, type_=Float)
            extras.append((meters / 1000.0).label("distance_km"))
        else:
            extras.append(page.c[name])
    return (
        select(UnitType, Property, *extras, page.c._total)
        .select_from(UnitType)
        .join(Property, Property.id == UnitType.property_id)
        .join(page, page.c.id == UnitType.id)
        .order_by(*template.order(page))
    )


async def search_listings(
    session: AsyncSession, actor: Principal | None, params: SearchParams
) -> tuple[list[SearchHit], int]:
    """One page of listings matching the search and how many match in all.

    One SQL statement: the page with a window count. A second (a plain count) runs only
    when the page is past the last row."""
    validate(params)
    template, values = build_query(actor, params)
    limit = params.max_rows if params.page_number == 0 else params.page_row_count
    offset = 0 if params.page_number == 0 else (params.page_number - 1) * params.page_row_count
    paged = paged_query(template)
    rows = (await session.execute(paged, {**values, **page_values(limit, offset)})).all()
    if not rows:
        if offset == 0:
            return [], 0
        counted = select(func.count()).select_from(template.stmt.subquery())
        return [], int(await session.scalar(counted, values) or 0)
    names = set(template.names)
    hits = []
    for row in rows:
        found = row._mapping
        hit = SearchHit(listing=row[0], property=row[1])
        if "earth" in names or "distance_km" in names:
            hit.distance_km = float(found["distance_km"])
        if "relevance" in names:
            hit.relevance = float(found["relevance"])
        if "total" in names:
            currency = hit.listing.currency
            hit.nights = params.nights
            hit.subtotal = money.quantize(Decimal(found["subtotal"]), currency)
            hit.total = money.quantize(Decimal(found["total"]), currency)
        hits.append(hit)
    return hits, int(rows[0][-1])
