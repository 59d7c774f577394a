"""Generic data access for plain-CRUD resources: paged lists, gets, soft deletes.

Business rules stay in the domain packages; these functions only read and write rows.
"""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator, Sequence
from contextlib import asynccontextmanager
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Select, func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.sql.elements import ColumnElement

from staykit.core.clock import utcnow
from staykit.core.errors import Conflict, NotFound


async def list_page(
    session: AsyncSession,
    stmt: Select[Any],
    *,
    conditions: Sequence[ColumnElement[bool]],
    order_by: Sequence[Any],
    page_number: int,
    page_row_count: int,
    max_rows: int,
) -> tuple[list[Any], int]:
    """One page of rows plus the total count, in one round trip when the page has rows."""
    stmt = stmt.where(*conditions)
    limit = max_rows if page_number == 0 else page_row_count
    offset = 0 if page_number == 0 else (page_number - 1) * page_row_count
    entity = stmt.column_descriptions[0]["entity"]
    counted = (
        stmt.add_columns(func.count().over().label("_total"))
        .order_by(*order_by)
        .limit(limit)
        .offset(offset)
    )
    result = (await session.execute(counted)).all()
    if result:
        return [row[0] for row in result], int(result[0][-1])
    if offset == 0:
        return [], 0
    total = await session.scalar(
        select(func.count()).select_from(stmt.with_only_columns(entity.id).subquery())
    )
    return [], int(total or 0)


async def get_one(
    session: AsyncSession,
    model: type[Any],
    obj_id: uuid.UUID,
    *,
    field: str,
    label: str,
    include_inactive: bool = False,
) -> Any:
    obj = await session.get(model, obj_id)
    if obj is None or (not include_inactive and not obj.is_active):
        raise NotFound(f"No {label} with id {obj_id}.", code=f"{label}NotFound", field=field)
    return obj


def apply_values(obj: Any, values: dict[str, Any]) -> None:
    for key, value in values.items():
        setattr(obj, key, value)
    obj.updated_at = utcnow()


async def soft_delete(session: AsyncSession, obj: Any) -> Any:
    obj.is_active = False
    obj.updated_at = utcnow()
    await session.flush()
    return obj


@dataclass(frozen=True)
class UniqueRule:
    """What a violated unique index means to the client."""

    constraint: str
    field: str
    message: str
    code: str = "alreadyExists"


@asynccontextmanager
async def unique_guard(session: AsyncSession, rules: Sequence[UniqueRule]) -> AsyncIterator[None]:
    """Make the changes of the block and flush them in a savepoint. When a concurrent
    request wins the race the application checked for, the unique index catches it and
    the client gets a 409 naming the field, and the transaction stays usable."""
    try:
        async with session.begin_nested():
            yield
            await session.flush()
    except IntegrityError as exc:
        diag = getattr(exc.orig, "diag", None)
        name = getattr(diag, "constraint_name", None)
        for rule in rules:
            if rule.constraint == name:
                raise Conflict(rule.message, code=rule.code, field=rule.field) from None
        raise
