"""The marketplace list-filter language (spec §1.5), turned into SQL conditions.

    string  partial, case-insensitive           ?email=smith
    id      exact                               ?userId=<uuid>
    enum    exact, case-insensitive             ?roleId=admin
    bool    true | false                        ?isActive=false
    number  exact or $lt-v $lte-v $gt-v $gte-v $btw-min-max
    date    YYYY-MM-DD, $today $ltoday $week $lweek $month $leq-<date> $lin-<date>
            (and the number operators with dates)
Every filter takes several values (?f=a&f=b, OR-ed) and `null`.

Decisions where the seed names a syntax without defining it:
- Values of one filter are OR-ed; different filters are AND-ed. `null` (lower case) matches
  a missing value for every kind. An empty value (`?f=`, as a blank HTML form field sends)
  adds no condition. A value over 500 characters, or one holding a NUL character, is a 400.
- string: `%`, `_` and the backslash in the value match themselves (LIKE wildcards are
  escaped).
- id: a UUID in any case; anything else is a 400 naming the filter.
- enum: one of the resource's values, any case; an unknown value is a 400 listing them.
- numbers: plain decimal notation only (`-12`, `3.50`; no exponents, NaN or infinities).
  Integer filters take whole numbers within the column's range. `$btw-min-max` is
  inclusive and either bound may be negative (`$btw--5--1`); min > max is an empty
  range, not an error.
- dates: `YYYY-MM-DD` only. A timestamp column is compared by its UTC date. "Today" is
  the UTC date of the injected clock. The keywords mean:
      $today   = today              $ltoday = before today
      $week    = the 7 days ending today (today-6 .. today)
      $lweek   = before those 7 days (on or before today-7)
      $month   = the 1st of this month .. today
      $leq-<d> = on or before d      $lin-<d> = on or after d
      $btw-<d1>-<d2> = d1 .. d2 inclusive; $lt- $lte- $gt- $gte- work as for numbers.
- object: `$exists` matches rows that have a value; any other value matches nothing.
"""

from __future__ import annotations

import re
import uuid
from dataclasses import dataclass
from datetime import UTC, date, timedelta
from decimal import Decimal, InvalidOperation
from enum import StrEnum
from typing import Any

from sqlalchemy import Date, and_, cast, false, func, or_
from sqlalchemy.sql.elements import ColumnElement

from staykit.core.clock import utcnow
from staykit.core.errors import InvalidInput
from staykit.core.schemas import ISO_DATE


class Kind(StrEnum):
    STRING = "string"
    ID = "id"
    ENUM = "enum"
    BOOL = "bool"
    INT = "int"
    DOUBLE = "double"
    DATE = "date"  # a DATE column
    DATETIME = "datetime"  # a timestamptz column, compared by its UTC date
    OBJECT = "object"


@dataclass(frozen=True)
class FilterSpec:
    name: str
    column: Any
    kind: Kind
    enum_values: tuple[str, ...] = ()


def _bad(name: str, value: str, expected: str) -> InvalidInput:
    return InvalidInput(
        f"Filter {name}: {value!r} is not {expected}.", code=f"{name}FilterIsInvalid", field=name
    )


_INTEGER = re.compile(r"-?[0-9]+")
_DECIMAL = re.compile(r"-?([0-9]+(\.[0-9]*)?|\.[0-9]+)")
_INT_BITS = {"SmallInteger": 16, "SMALLINT": 16, "BigInteger": 64, "BIGINT": 64}


def _number(spec: FilterSpec, raw: str) -> Any:
    # Plain notation only: Python would also take "1_000", "١٢" or "1e999999" (which
    # overflows PostgreSQL's numeric), none of which a client means.
    if spec.kind is Kind.INT:
        if not _INTEGER.fullmatch(raw):
            raise _bad(spec.name, raw, "a whole number")
        # The value is bound with the column's type: one out of its range would be a
        # database error instead of a 400 naming the filter.
        bits = _INT_BITS.get(type(spec.column.type).__name__, 32)
        low, high = -(2 ** (bits - 1)), 2 ** (bits - 1) - 1
        value = int(raw)
        if not low <= value <= high:
            raise _bad(spec.name, raw, f"a whole number from {low} to {high}")
        return value
    if not _DECIMAL.fullmatch(raw):
        raise _bad(spec.name, raw, "a number")
    try:
        return Decimal(raw)
    except InvalidOperation:  # pragma: no cover - the pattern admits only valid decimals
        raise _bad(spec.name, raw, "a number") from None


def _date(spec: FilterSpec, raw: str) -> date:
    # date.fromisoformat also takes "20240310" and "2024-W10-1"; the syntax is YYYY-MM-DD.
    try:
        if not ISO_DATE.fullmatch(raw):
            raise ValueError(raw)
        return date.fromisoformat(raw)
    except ValueError:
        raise _bad(spec.name, raw, "a date (YYYY-MM-DD)") from None


def _range(spec: FilterSpec, col: Any, raw: str, parse: Any) -> ColumnElement[bool] | None:
    for op in ("$lte-", "$gte-", "$lt-", "$gt-"):
        if raw.startswith(op):
            v = parse(spec, raw[len(op) :])
            return {"$lte-": col <= v, "$gte-": col >= v, "$lt-": col < v, "$gt-": col > v}[op]
    if raw.startswith("$btw-"):
        rest = raw[5:]
        if spec.kind in (Kind.DATE, Kind.DATETIME):
            lo_raw, hi_raw = rest[:10], rest[11:]
            if len(rest) < 21 or rest[10] != "-":
                raise _bad(spec.name, raw, "$btw-<from>-<to>")
        else:
            # split on the dash between the two numbers (either may be negative)
            idx = rest.find("-", 1)
            if idx < 0:
                raise _bad(spec.name, raw, "$btw-<min>-<max>")
            lo_raw, hi_raw = rest[:idx], rest[idx + 1 :]
        lo, hi = parse(spec, lo_raw), parse(spec, hi_raw)
        return and_(col >= lo, col <= hi)
    return None


def _date_condition(spec: FilterSpec, raw: str) -> ColumnElement[bool]:
    col = spec.column
    if spec.kind is Kind.DATETIME:
        # the UTC date, whatever the connection's TimeZone setting
        col = cast(func.timezone("UTC", col), Date)
    today = utcnow().astimezone(UTC).date()
    keywords: dict[str, ColumnElement[bool]] = {
        "$today": col == today,
        "$ltoday": col < today,
        "$week": and_(col > today - timedelta(days=7), col <= today),
        "$lweek": col <= today - timedelta(days=7),
        "$month": and_(col >= today.replace(day=1), col <= today),
    }
    if raw in keywords:
        return keywords[raw]
    if raw.startswith("$leq-"):
        return col <= _date(spec, raw[5:])
    if raw.startswith("$lin-"):
        return col >= _date(spec, raw[5:])
    ranged = _range(spec, col, raw, _date)
    if ranged is not None:
        return ranged
    return col == _date(spec, raw)


def condition(spec: FilterSpec, raw: str) -> ColumnElement[bool]:
    """One value of one filter."""
    col = spec.column
    if raw == "null":
        return col.is_(None)
    if len(raw) > 500:
        raise _bad(spec.name, raw[:20] + "...", "a value of at most 500 characters")
    if "\x00" in raw:  # PostgreSQL text cannot hold NUL; psycopg would refuse the query
        raise _bad(spec.name, raw.replace("\x00", "\\0")[:40], "free of NUL characters")
    match spec.kind:
        case Kind.STRING:
            escaped = raw.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
            return col.ilike(f"%{escaped}%", escape="\\")
        case Kind.ID:
            try:
                return col == uuid.UUID(raw)
            except ValueError:
                raise _bad(spec.name, raw, "a valid id") from None
        case Kind.ENUM:
            lowered = {v.lower(): v for v in spec.enum_values}
            if spec.enum_values and raw.lower() not in lowered:
                raise _bad(spec.name, raw, "one of " + ", ".join(spec.enum_values))
            return func.lower(col) == raw.lower()
        case Kind.BOOL:
            if raw.lower() not in ("true", "false"):
                raise _bad(spec.name, raw, "true or false")
            return col.is_(raw.lower() == "true")
        case Kind.INT | Kind.DOUBLE:
            ranged = _range(spec, col, raw, _number)
            return ranged if ranged is not None else col == _number(spec, raw)
        case Kind.DATE | Kind.DATETIME:
            return _date_condition(spec, raw)
        case Kind.OBJECT:
            return col.is_not(None) if raw == "$exists" else false()
    raise AssertionError(spec.kind)  # pragma: no cover


def build(specs: dict[str, FilterSpec], params: list[tuple[str, str]]) -> list[ColumnElement[bool]]:
    """Conditions for every known filter present in the query; values of one filter are OR-ed."""
    grouped: dict[str, list[str]] = {}
    for key, value in params:
        if key in specs and value != "":
            grouped.setdefault(key, []).append(value)
    out = []
    for key, values in grouped.items():
        conds = [condition(specs[key], v) for v in values]
        out.append(conds[0] if len(conds) == 1 else or_(*conds))
    return out
