"""The marketplace list-filter language (spec §1.5), turned into SQL conditions.

    string  partial, case-insensitive           ?email=smith
    id      exact                               ?userId=<uuid>
    enum    exact, case-insensitive             ?roleId=admin
    bool    true | false                        ?isActive=false
    number  exact or $lt-v $lte-v $gt-v $gte-v $btw-min-max
    date    YYYY-MM-DD, $today $ltoday $week $lweek $month $leq-<date> $lin-<date>
            (and the number operators with dates)
Every filter takes several values (?f=a&f=b, OR-ed) and `null`.
"""

from __future__ import annotations

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


def _number(spec: FilterSpec, raw: str) -> Any:
    try:
        if spec.kind is Kind.INT:
            return int(raw)
        value = Decimal(raw)
        if not value.is_finite():
            raise InvalidOperation
        return value
    except (ValueError, InvalidOperation):
        raise _bad(spec.name, raw, "a number") from None


def _date(spec: FilterSpec, raw: str) -> date:
    try:
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
            # split on the dash between the two numbers (the second may be negative)
            idx = rest.find("-", 1)
            if idx < 0:
                raise _bad(spec.name, raw, "$btw-<min>-<max>")
            lo_raw, hi_raw = rest[:idx], rest[idx + 1 :]
        lo, hi = parse(spec, lo_raw), parse(spec, hi_raw)
        return and_(col >= lo, col <= hi)
    return None


def _date_condition(spec: FilterSpec, raw: str) -> ColumnElement[bool]:
    col = cast(spec.column, Date) if spec.kind is Kind.DATETIME else spec.column
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
        if key in specs:
            grouped.setdefault(key, []).append(value)
    out = []
    for key, values in grouped.items():
        conds = [condition(specs[key], v) for v in values]
        out.append(conds[0] if len(conds) == 1 else or_(*conds))
    return out
