"""The stay's price in SQL, exactly as quote_stay computes it: the currency's rounding,
the seasonal rules, extra-guest charges, the calendar of the stay (stay_days) and the
price levels over the candidate listings (priced_levels). Also the bound parameters of a
dated search that the statement (query.py) shares with them."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import (
    Date,
    DateTime,
    Integer,
    Numeric,
    String,
    and_,
    any_,
    bindparam,
    case,
    cast,
    column,
    func,
    literal_column,
    or_,
    select,
)
from sqlalchemy.dialects.postgresql import ARRAY, JSONB
from sqlalchemy.orm import aliased
from sqlalchemy.sql.elements import ColumnElement

from staykit.core import money
from staykit.domain.catalog.models import GuestType, RateDay
from staykit.domain.catalog.search_index import SearchListing

# The search index row (search_index.py) each candidate listing is read from.
_S = SearchListing
CHECK_IN = bindparam("check_in", type_=Date)
CHECK_OUT = bindparam("check_out", type_=Date)
NIGHTS = bindparam("nights", type_=Integer)
GUESTS = bindparam("guests", type_=Integer)
# The index row's columns the price levels read after the candidate level (see priced_levels).
PRICE_INPUTS = (
    "business_id",
    "base_price",
    "seasonal_pricing",
    "base_occupancy",
    "cleaning_fee",
    "city_tax_percent",
    "extra_guest_charges",
)


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
        func.generate_series(0, NIGHTS - 1)
        .table_valued(column("i", Integer))
        .render_derived(name="g")
    )
    night = cast(CHECK_IN + series.c.i, Date)
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


def stay_days() -> Any:
    """A LATERAL subquery, one row per candidate listing: its calendar for the stay, summed
    up from ONE range scan of rate_days (the primary key, rate then date) over [checkIn,
    checkOut]. Only the dates that differ from the rate's defaults have a row; the nights
    without one cost the same (see priced_levels), so they are counted, not listed.

    Also the currency's 10 ** minor units (`f`) and the arrival and departure dates'
    restrictions. Parameters: check_in, check_out, guests."""
    day = aliased(RateDay, name="rd")
    # The factor once per listing. OFFSET 0 keeps a level a subquery: flattened into the
    # level above, each use of a column would recompute its expression.
    factor = select(_factor(_S.currency).label("f")).correlate(_S).offset(0).subquery("k")
    f = factor.c.f
    is_night = day.date < CHECK_OUT  # the range's last date is the departure
    extra_guests = func.greatest(GUESTS - func.coalesce(day.base_occupancy, _S.base_occupancy), 0)
    on_arrival, on_departure = day.date == CHECK_IN, day.date == CHECK_OUT
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
            and_(day.rate_id == _S.rate_id, day.date >= CHECK_IN, day.date <= CHECK_OUT),
        )
        .correlate(_S)
        .lateral("days")
    )


def priced_levels(candidates: Any, carried: Sequence[str]) -> Any:
    """Levels over the candidate listings (a subquery with the columns of stay_days and
    PRICE_INPUTS): the stay's subtotal and total, computed in SQL exactly as quote_stay
    does: nightly prices (RateDay price > last matching seasonal rule > base price, each
    rounded), extra-guest charges (summed, then rounded), the cleaning fee (rounded), the
    city tax on subtotal + extras (rounded). Each level reads plain columns of the one
    below, so no amount is computed twice. `carried` columns pass through unchanged."""
    c = candidates.c
    # A listing with seasonal rules walks its unpriced nights one by one; others skip it.
    seasonal_nights = _seasonal_nights(candidates)
    default_guests = func.greatest(GUESTS - c.base_occupancy, 0)
    keep = [c[name] for name in carried]
    summed = (
        select(
            *keep,
            (
                func.coalesce(c.priced_subtotal, 0)
                + case(
                    (
                        c.seasonal_pricing.is_(None),
                        (NIGHTS - c.priced_nights) * _quantize(c.base_price, c.f),
                    ),
                    else_=func.coalesce(seasonal_nights, 0),
                )
            ).label("subtotal"),
            (
                func.coalesce(c.day_extras, 0)
                + (NIGHTS - c.day_rows)
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
