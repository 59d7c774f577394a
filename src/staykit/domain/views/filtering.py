"""The BFF's filter language, paging and sorting: what a view's list and count take, checked
against the view's declared fields before any SQL is built.

A filter is a JSON object keyed by field name (the names the view's schema lists):

    {"bookingStatus": "confirmed"}                 equal (a string field: contains, any case)
    {"bookingStatus": ["confirmed", "complete"]}   one of
    {"total": {"gte": 100, "lt": 500}}             operators, AND-ed
    {"guestId": null}                              no value
    {"checkIn": {"between": ["2027-07-01", "2027-07-31"]}}

Operators by kind (`eq` is what a bare value means):

    string    eq (contains, case-insensitive), is (exact), ne, startsWith, in, isNull
    id, enum  eq, ne, in, isNull   (enum values in any case)
    bool      eq, isNull
    int, decimal, date, datetime
              eq, ne, gt, gte, lt, lte, between [low, high] (inclusive), in, isNull

Values are typed: a JSON integer for int, a number or a decimal string for decimal,
`YYYY-MM-DD` for date, ISO 8601 with an offset (or a date, meaning its UTC midnight) for
datetime, a UUID for id, true/false for bool. An unknown field, an operator the field's
kind does not take or a value of the wrong type is a 400 naming `filters.<field>`; fields
are AND-ed. At most MAX_FIELDS fields and MAX_VALUES values in a list.

The view's names are the BFF's wire names (the schema route serves them), so errors name
fields as the client wrote them.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time
from decimal import Decimal, InvalidOperation
from enum import StrEnum
from typing import Any

from sqlalchemy import ColumnElement, Select, and_, false, func, or_, true

from staykit.core.errors import InvalidInput
from staykit.core.schemas import ISO_DATE

MAX_FIELDS = 30
MAX_VALUES = 100
MAX_STRING = 200
MAX_LIMIT = 100
DEFAULT_LIMIT = 25


class Kind(StrEnum):
    STRING = "string"
    ID = "id"
    ENUM = "enum"
    BOOL = "bool"
    INT = "int"
    DECIMAL = "decimal"
    DATE = "date"
    DATETIME = "datetime"
    OBJECT = "object"  # nested or listed data: shown, never filtered


_ORDERED = ("eq", "ne", "gt", "gte", "lt", "lte", "between", "in", "isNull")
OPERATORS: dict[Kind, tuple[str, ...]] = {
    Kind.STRING: ("eq", "is", "ne", "startsWith", "in", "isNull"),
    Kind.ID: ("eq", "ne", "in", "isNull"),
    Kind.ENUM: ("eq", "ne", "in", "isNull"),
    Kind.BOOL: ("eq", "isNull"),
    Kind.INT: _ORDERED,
    Kind.DECIMAL: _ORDERED,
    Kind.DATE: _ORDERED,
    Kind.DATETIME: _ORDERED,
    Kind.OBJECT: (),
}


@dataclass(frozen=True)
class ViewField:
    """One field of a view: its wire name and kind, what it says, and, when it can be
    filtered or sorted on, the SQL expression over the view's query that holds it."""

    name: str
    kind: Kind
    description: str
    column: Any = None  # None: shown only
    enum_values: tuple[str, ...] = ()
    sortable: bool = False
    nullable: bool = False

    @property
    def filterable(self) -> bool:
        return self.column is not None and self.kind is not Kind.OBJECT

    @property
    def operators(self) -> tuple[str, ...]:
        return OPERATORS[self.kind] if self.filterable else ()


class FilterError(InvalidInput):
    """Bad filter, paging or sort input, named in the BFF's wire words."""

    wire_words = True


def _bad(name: str, message: str, code: str = "filtersIsInvalid") -> FilterError:
    return FilterError(f"filters.{name}: {message}", code=code, field=f"filters.{name}")


# --- typed values ------------------------------------------------------------------------------

_DECIMAL = re.compile(r"-?([0-9]{1,15})(\.[0-9]{1,6})?")


def _value(f: ViewField, raw: Any) -> Any:
    """The JSON value `raw` as the Python value of field `f`'s kind; 400 when it is not one."""
    name = f.name
    match f.kind:
        case Kind.STRING:
            if not isinstance(raw, str) or not raw or len(raw) > MAX_STRING or "\x00" in raw:
                raise _bad(name, f"expects a text of 1 to {MAX_STRING} characters.")
            return raw
        case Kind.ID:
            try:
                return uuid.UUID(raw) if isinstance(raw, str) else _fail()
            except ValueError:
                raise _bad(name, "expects an id (a UUID).") from None
        case Kind.ENUM:
            lowered = {v.lower(): v for v in f.enum_values}
            if not isinstance(raw, str) or raw.lower() not in lowered:
                raise _bad(name, "expects one of " + ", ".join(f.enum_values) + ".")
            return lowered[raw.lower()]
        case Kind.BOOL:
            if not isinstance(raw, bool):
                raise _bad(name, "expects true or false.")
            return raw
        case Kind.INT:
            if isinstance(raw, bool) or not isinstance(raw, int) or abs(raw) > 2**31 - 1:
                raise _bad(name, "expects a whole number (at most 2147483647 either way).")
            return raw
        case Kind.DECIMAL:
            text = str(raw) if isinstance(raw, int | float) and not isinstance(raw, bool) else raw
            if not isinstance(text, str) or not _DECIMAL.fullmatch(text):
                raise _bad(name, "expects a number (up to 15 digits and 6 decimals).")
            try:
                return Decimal(text)
            except InvalidOperation:  # pragma: no cover - the pattern admits only decimals
                raise _bad(name, "expects a number.") from None
        case Kind.DATE:
            if not isinstance(raw, str) or not ISO_DATE.fullmatch(raw):
                raise _bad(name, "expects a date (YYYY-MM-DD).")
            try:
                return date.fromisoformat(raw)
            except ValueError:
                raise _bad(name, "expects a date (YYYY-MM-DD).") from None
        case Kind.DATETIME:
            return _datetime(name, raw)
    raise _bad(name, "cannot be filtered.")  # pragma: no cover - OBJECT fields are refused before


def _fail() -> Any:
    raise ValueError


def _datetime(name: str, raw: Any) -> datetime:
    message = "expects a date-time in ISO 8601 with an offset, or a date (YYYY-MM-DD)."
    if not isinstance(raw, str) or len(raw) > 40:
        raise _bad(name, message)
    try:
        if ISO_DATE.fullmatch(raw):
            return datetime.combine(date.fromisoformat(raw), time(), UTC)
        value = datetime.fromisoformat(raw)
    except ValueError:
        raise _bad(name, message) from None
    if value.tzinfo is None:
        raise _bad(name, message)
    return value


# --- conditions --------------------------------------------------------------------------------


def _in(f: ViewField, raw: Any) -> list[Any]:
    if not isinstance(raw, list) or not raw or len(raw) > MAX_VALUES:
        raise _bad(f.name, f"expects a list of 1 to {MAX_VALUES} values.")
    return [_value(f, v) for v in raw]


def _operator(f: ViewField, op: str, raw: Any) -> ColumnElement[bool]:
    col = f.column
    if op not in f.operators:
        shown = op if len(op) <= 20 and op.isidentifier() else "(not shown)"
        raise _bad(
            f.name,
            f"operator {shown} is not one of {', '.join(f.operators)}.",
            "filtersOperatorIsUnknown",
        )
    if op == "isNull":
        if not isinstance(raw, bool):
            raise _bad(f.name, "isNull expects true or false.")
        return col.is_(None) if raw else col.is_not(None)
    if op == "in":
        values = _in(f, raw)
        if f.kind in (Kind.STRING, Kind.ENUM):
            return func.lower(col).in_([v.lower() for v in values])
        return col.in_(values)
    if op == "between":
        if not isinstance(raw, list) or len(raw) != 2:
            raise _bad(f.name, "between expects [low, high].")
        low, high = _value(f, raw[0]), _value(f, raw[1])
        return and_(col >= low, col <= high)
    value = _value(f, raw)
    if f.kind is Kind.STRING:
        escaped = value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        if op == "eq":
            return col.ilike(f"%{escaped}%", escape="\\")
        if op == "startsWith":
            return col.ilike(f"{escaped}%", escape="\\")
        if op == "is":
            return func.lower(col) == value.lower()
        return or_(col.is_(None), func.lower(col) != value.lower())
    if f.kind is Kind.ENUM:
        value = value.lower()
        col = func.lower(col)
    if op == "ne":
        return or_(col.is_(None), col != value)
    if f.kind is Kind.BOOL:
        return col.is_(value)
    compare = {"eq": col.__eq__, "gt": col.__gt__, "gte": col.__ge__}
    compare |= {"lt": col.__lt__, "lte": col.__le__}
    return compare[op](value)


def _field_condition(f: ViewField, raw: Any) -> ColumnElement[bool]:
    if raw is None:
        return f.column.is_(None)
    if isinstance(raw, list):
        return _operator(f, "in", raw)
    if isinstance(raw, dict):
        if not raw:
            raise _bad(f.name, "expects at least one operator.")
        return and_(*(_operator(f, str(op), value) for op, value in raw.items()))
    return _operator(f, "eq", raw)


def conditions(fields: Sequence[ViewField], filters: Any) -> list[ColumnElement[bool]]:
    """The SQL conditions of a filter object over a view's fields (AND-ed by the caller)."""
    if filters is None:
        return []
    if not isinstance(filters, dict):
        raise FilterError("filters must be an object.", code="filtersIsInvalid", field="filters")
    if len(filters) > MAX_FIELDS:
        raise FilterError(
            f"filters has more than {MAX_FIELDS} fields.", code="filtersIsInvalid", field="filters"
        )
    by_name = {f.name: f for f in fields}
    out = []
    for name, raw in filters.items():
        f = by_name.get(name)
        if f is None or not f.filterable:
            known = ", ".join(x.name for x in fields if x.filterable)
            shown = name if len(name) <= 60 and name.isidentifier() else "(not shown)"
            what = "is not a field of this view" if f is None else "cannot be filtered"
            raise FilterError(
                f"filters: {shown} {what}; filterable: {known}.",
                code="filtersFieldIsUnknown",
                field=f"filters.{shown}",
            )
        out.append(_field_condition(f, raw))
    return out


# --- one list request ------------------------------------------------------------------------


@dataclass(frozen=True)
class ViewQuery:
    """What a list or count asks: a 1-based page of `limit` rows, sorted, searched, filtered."""

    page: int = 1
    limit: int = DEFAULT_LIMIT
    sort_by: str | None = None
    sort_order: str = "desc"
    q: str | None = None
    filters: dict[str, Any] | None = field(default=None)


def searched(columns: Sequence[Any], q: str | None) -> ColumnElement[bool]:
    """Rows where any of `columns` contains every word of `q` (case-insensitive)."""
    if not q or not q.strip() or not columns:
        return true()
    words = q.split()[:8]
    if any(len(w) > MAX_STRING or "\x00" in w for w in words):
        raise FilterError("q: a word is too long.", code="qIsInvalid", field="q")
    each = []
    for word in words:
        escaped = word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        each.append(or_(*(c.ilike(f"%{escaped}%", escape="\\") for c in columns)))
    return and_(*each)


def ordered(
    stmt: Select[Any], fields: Sequence[ViewField], query: ViewQuery, default: str, tiebreak: Any
) -> Select[Any]:
    """`stmt` sorted by `query.sort_by` (one of the view's sortable fields), then by id."""
    name = query.sort_by or default
    by_name = {f.name: f for f in fields if f.sortable}
    f = by_name.get(name)
    if f is None:
        shown = name if len(name) <= 60 and name.isidentifier() else "(not shown)"
        raise FilterError(
            f"sortBy: {shown} is not sortable; sortable: {', '.join(by_name)}.",
            code="sortByIsInvalid",
            field="sortBy",
        )
    if query.sort_order not in ("asc", "desc"):
        raise FilterError("sortOrder is asc or desc.", code="sortOrderIsInvalid", field="sortOrder")
    col = f.column
    key = col.asc().nulls_last() if query.sort_order == "asc" else col.desc().nulls_last()
    tie = tiebreak.asc() if query.sort_order == "asc" else tiebreak.desc()
    return stmt.order_by(key, tie)


def paged(stmt: Select[Any], query: ViewQuery) -> Select[Any]:
    if query.page < 1:
        raise FilterError("page starts at 1.", code="pageIsInvalid", field="page")
    if not 1 <= query.limit <= MAX_LIMIT:
        raise FilterError(f"limit is from 1 to {MAX_LIMIT}.", code="limitIsInvalid", field="limit")
    return stmt.offset((query.page - 1) * query.limit).limit(query.limit)


def nothing() -> ColumnElement[bool]:
    return false()
