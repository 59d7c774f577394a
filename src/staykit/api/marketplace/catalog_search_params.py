"""The listing search's query string (GET /propertycatalog-api/v1/listings) read into the
domain's SearchParams: the marketplace's parameter names (checkIn, guestCount, ...), their
readers, and the spec's list filters of listListings. 400s name the parameter in domain
words (`guests`, `radius_km`), as the domain's own rules do (search.validate); the
marketplace's error vocabulary writes them back as checkIn, guestCount, radiusKm..."""

from __future__ import annotations

import dataclasses
import re
import uuid
from collections.abc import Sequence
from datetime import date
from decimal import Decimal, InvalidOperation

from staykit.api.marketplace import filters as flt
from staykit.api.surface import camel
from staykit.core.errors import InvalidInput
from staykit.core.schemas import ISO_DATE
from staykit.domain.catalog.models import PROPERTY_TYPES, Property, UnitType
from staykit.domain.catalog.search import MAX_AMENITIES, SearchParams, validate

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


_DECIMAL = re.compile(r"-?([0-9]+(\.[0-9]*)?|\.[0-9]+)")
_INTEGER = re.compile(r"-?[0-9]+")


# The parameters whose domain name is not their name here.
DOMAIN_NAMES = {
    "checkIn": "arrival",
    "checkOut": "departure",
    "guestCount": "guests",
    "radiusKm": "radius_km",
    "minPrice": "min_price",
    "maxPrice": "max_price",
    "amenityIds": "amenity_ids",
}


def _bad(name: str, message: str) -> InvalidInput:
    field = DOMAIN_NAMES.get(name, name)
    return InvalidInput(message, code=f"{camel(field)}IsInvalid", field=field)


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
            raise _bad(
                "amenityIds", f"amenityIds[{index}]: {value[:40]!r} is not a valid id."
            ) from None
    return tuple(dict.fromkeys(ids))


def _named_hosts(query: Sequence[tuple[str, str]]) -> tuple[uuid.UUID, ...]:
    # The hosts the hostId filter names, each as written in the canonical form of an id
    # (what a user naming themselves sends); the filter itself checks every value.
    hosts = []
    for key, value in query:
        if key != "hostId":
            continue
        written = value.strip().lower()
        try:
            host = uuid.UUID(written)
        except ValueError:
            continue
        if str(host) == written:
            hosts.append(host)
    return tuple(hosts)


def with_filters(params: SearchParams, query: Sequence[tuple[str, str]]) -> SearchParams:
    """`params` narrowed by the spec's list filters among the query's (name, value) pairs;
    400 naming the filter for a malformed value."""
    return dataclasses.replace(
        params,
        filters=tuple(flt.build(FILTERS, [(k, v) for k, v in query if k in FILTERS])),
        host_ids=_named_hosts(query),
    )


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
    # The filters once every other parameter is valid: a query wrong in both gets the
    # other parameter's 400, as when the search itself read the filters.
    return with_filters(params, query)
