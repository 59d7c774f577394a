"""The search's SQL statement: what shapes it (_Shape), the statement of each shape built
once and cached (its filters, text, radius, dates and price levels), the values of its
bound parameters, and its paged form (one page with the window count)."""

from __future__ import annotations

import dataclasses
import functools
import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from sqlalchemy import (
    Date,
    DateTime,
    Float,
    Integer,
    Interval,
    Numeric,
    Select,
    String,
    Text,
    and_,
    bindparam,
    cast,
    false,
    func,
    literal_column,
    not_,
    or_,
    select,
    true,
    union,
)
from sqlalchemy.dialects.postgresql import ARRAY, UUID
from sqlalchemy.orm import aliased
from sqlalchemy.sql.elements import ColumnElement

from staykit.core.clock import utcnow
from staykit.domain.access.principal import Principal
from staykit.domain.catalog.dates import WEST_MOST, YEARS_AHEAD, years_after
from staykit.domain.catalog.models import Property, UnitType
from staykit.domain.catalog.search.params import SearchParams, words
from staykit.domain.catalog.search.prices import (
    CHECK_IN,
    CHECK_OUT,
    NIGHTS,
    PRICE_INPUTS,
    priced_levels,
    stay_days,
)
from staykit.domain.catalog.search_index import SearchListing

# pg_trgm word similarity a q word needs with some word of the title, city or description.
# The extension's default (0.6, the `<%` operator) misses one dropped letter in a short
# word ("buapest" / "Budapest" is 0.55); 0.5 still keeps unrelated words apart.
WORD_SIMILARITY = 0.5
# The search index row (search_index.py) each candidate listing is read from.
_S = SearchListing
# earthdistance's earth(): the sphere's radius in metres (ll_to_earth, earth_distance).
EARTH_RADIUS_M = 6378168.0
# The chord bounds below are widened by this much either way: only listings within a hair
# of the radius pay for the exact great-circle distance.
_CHORD_MARGIN = 1e-9


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


# The carried column each sort by a column orders the priced rows by.
_SORT_COLUMNS = {"relevance": "relevance", "distance": "distance_km", "rating": "average_rating"}


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
    elif actor is not None and actor.user_id in params.host_ids:
        visibility = "own"
    else:
        visibility = "public"
    return _Shape(
        visibility=visibility,
        words=len(words(params.q)) if params.q is not None else 0,
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
        # Nor more than 12 hours behind: up to this departure, no stay ends beyond the date
        # rule's horizon (dates.py) anywhere, and the per-listing test is skipped too.
        "never_beyond": years_after((now + WEST_MOST).date(), YEARS_AHEAD),
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
        for index, word in enumerate(words(params.q)):
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
    cached: bool = False  # one of _template's (no filters): its page is cached too

    def order(self, rows: Any) -> list[Any]:
        """The ORDER BY over `rows` (this statement, or a subquery of it)."""
        c = rows.selected_columns if isinstance(rows, Select) else rows.c
        order: list[Any] = []
        if self.sorted_by:
            order.append(c._sort.desc() if self.descending else c._sort.asc())
        return [*order, c._created.desc(), c.id.desc()]


@functools.lru_cache(maxsize=256)
def _template(shape: _Shape) -> _Template:
    """The statement of one shape without filters (built once per shape)."""
    return dataclasses.replace(_build(shape, ()), cached=True)


def _build(shape: _Shape, filters: Sequence[ColumnElement[bool]]) -> _Template:
    """The statement of one shape (see _Shape) with `filters`, without paging.

    The candidate level reads search_listings (one compact row per listing: the index's
    filters, the sold-out nights, the price inputs); unit_types and properties are LEFT
    JOINed for the text search and the filters, and PostgreSQL drops both joins
    when nothing uses them (each is on a primary key). With dates, the price levels
    (priced_levels) run over the candidates that passed every other test."""
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
    # The listing's rating (the reviews domain keeps it on the index row): every hit
    # carries it, and sort=rating orders by it, best first.
    rating = _S.average_rating
    columns += [rating.label("average_rating"), _S.review_count.label("review_count")]
    columns.append(_S.created_at.label("_created"))

    # The first sort key (validate() made sure relevance has q and distance lat/lng).
    priced_sort = shape.sort in ("price", "-price")
    descending = shape.sort in ("relevance", "-price", "rating")
    by_column = {"relevance": relevance, "distance": distance_km, "rating": rating}.get(shape.sort)
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
    days = stay_days()
    now = bindparam("now", type_=DateTime(timezone=True))
    local_today = cast(func.timezone(_S.time_zone, now), Date)
    min_stay = func.coalesce(days.c.day_min_stay, _S.min_stay)
    max_stay = func.coalesce(days.c.day_max_stay, _S.max_stay)
    conds += [
        _S.rate_id.is_not(None),  # a listing without a default rate cannot be quoted
        or_(CHECK_IN >= bindparam("never_past", type_=Date), local_today <= CHECK_IN),
        # The date rule's horizon where the property is: departure <= local today + 3 years
        # (PostgreSQL's year arithmetic turns 29 February into 28 February, as dates.py does).
        or_(
            CHECK_OUT <= bindparam("never_beyond", type_=Date),
            CHECK_OUT
            <= cast(
                local_today + literal_column(f"interval '{YEARS_AHEAD} years'", Interval), Date
            ),
        ),
        # Every night sellable: none of them is in the unit type's sold-out nights.
        not_(_S.sold_out.op("&&", is_comparison=True)(func.daterange(CHECK_IN, CHECK_OUT))),
        min_stay <= NIGHTS,
        or_(max_stay.is_(None), max_stay >= NIGHTS),
        func.coalesce(days.c.closed_to_arrival, false()).is_(False),
        func.coalesce(days.c.closed_to_departure, false()).is_(False),
    ]
    carried = [str(col.name) for col in columns]
    candidates = (
        stmt.join(days, true())
        .add_columns(
            *columns,
            *(getattr(_S, name) for name in PRICE_INPUTS),
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
    priced = priced_levels(candidates, carried)
    p = priced.c
    total = p.subtotal + p.extras + p.cleaning + p.city_tax  # quote.py's total
    final = [*(p[name] for name in carried), p.subtotal.label("subtotal"), total.label("total")]
    if priced_sort:
        final.append(total.label("_sort"))
    elif sorted_by:
        final.append(p[_SORT_COLUMNS[shape.sort]].label("_sort"))
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
    filters = list(params.filters)
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
