"""New ORM rows written as one INSERT per table from a JSON array, without the unit of work.

A hot write path (a booking) sends its last rows in the same pipeline as its domain event
and job (events/recorder.py): one round trip for all of them instead of one flush
statement per table, and none of the unit of work's bookkeeping for rows nobody reads
back. The objects are built with their model's constructor as usual; `insert_statements`
reads the values they were given plus the columns' Python-side defaults (what a flush
would send) and leaves the rest to the database (server defaults, identity columns).

Only for new rows that the session does not hold and that nothing in the transaction
reads back through the ORM: they never enter the identity map.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import date, datetime
from decimal import Decimal
from functools import cache
from typing import Any
from uuid import UUID

from sqlalchemy import Column, Table, inspect
from sqlalchemy.dialects import postgresql

_DIALECT = postgresql.dialect()


def _json_value(value: Any) -> Any:
    if isinstance(value, UUID | Decimal):
        return str(value)
    if isinstance(value, date | datetime):  # datetime is a date
        return value.isoformat()
    return value


def _default(column: Column[Any]) -> tuple[bool, Any]:
    """(True, value) of the column's Python-side default as a flush would compute it;
    (False, None) when it has none (the database's default or identity applies)."""
    default = column.default
    if default is None or not (default.is_scalar or default.is_callable):
        return False, None
    arg: Any = default.arg  # type: ignore[attr-defined]
    # SQLAlchemy wraps a callable default into one taking the execution context, which
    # none of the models' defaults read.
    return True, arg(None) if default.is_callable else arg


@cache
def _insert_sql(table: Table, columns: tuple[str, ...]) -> str:
    """INSERT of `columns` from a JSON array of objects (%(rows)s), in the array's order."""
    typed = ", ".join(f"{c} {table.c[c].type.compile(dialect=_DIALECT)}" for c in columns)
    names = ", ".join(columns)
    return (
        f"INSERT INTO {table.name} ({names}) SELECT {names} "  # noqa: S608 (names from models)
        f"FROM jsonb_to_recordset(%(rows)s::jsonb) AS r({typed})"
    )


def insert_statements(objects: Sequence[Any]) -> list[tuple[str, dict[str, str]]]:
    """(SQL, parameters) for psycopg: one INSERT per table, the tables in the order their
    first object comes in (a row referring to another comes after it). Every object of a
    table must have been given the same attributes (one column list per table)."""
    by_table: dict[Table, list[dict[str, Any]]] = {}
    for obj in objects:
        mapper = inspect(obj).mapper
        table = mapper.local_table
        assert isinstance(table, Table)
        given = obj.__dict__
        row: dict[str, Any] = {}
        for prop in mapper.column_attrs:
            column = prop.columns[0]
            if prop.key in given:
                row[column.name] = _json_value(given[prop.key])
                continue
            has_default, value = _default(column)
            if has_default:
                row[column.name] = _json_value(value)
        by_table.setdefault(table, []).append(row)
    out = []
    for table, rows in by_table.items():
        columns = tuple(rows[0])
        assert all(tuple(r) == columns for r in rows), "one column list per table"
        out.append((_insert_sql(table, columns), {"rows": json.dumps(rows)}))
    return out
