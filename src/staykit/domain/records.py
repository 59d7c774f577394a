"""Plain tables through the domain: one `Records` definition per table says who may read
and write its rows and what a violated unique index means; `page`, `get`, `create`,
`update` and `delete` (a soft delete) apply it the same way for every table and every API.

Errors are typed domain errors in domain words: a row that is not there (or not visible)
is `NotFound` with code `<name>NotFound` and field `<name as snake_case>_id`
(e.g. `userGroupNotFound` on `user_group_id`); a surface renames the field in its own words.

Commands: `create` takes the table's creation command and `update` its changes. For a
plain table these are `{attribute: value}` mappings (an update maps only the attributes
the caller provided); a table with rules of its own gives `build` and `apply`, which take
its own command dataclasses. The rules hang off the definition as hooks, all of them
optional, run in this order:

    page:   may_read, readable(principal) as a condition
    get:    may_read, load (404), check_read
    create: may_create, build, owner = principal, before_create, insert, after_create
    update: may_update, load (404), check_change, before_update, apply, after_update
    delete: may_delete, load (404), check_change, is_active = false, after_delete
"""

from __future__ import annotations

import re
import uuid
from collections.abc import AsyncIterator, Awaitable, Callable, Mapping, Sequence
from contextlib import asynccontextmanager
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Select, func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.sql.elements import ColumnElement

from staykit.core.clock import utcnow
from staykit.core.errors import Conflict, NotFound
from staykit.domain.access.principal import Principal

# A rule raises a DomainError to refuse.
Rule = Callable[[Principal | None], object]
RowRule = Callable[[AsyncSession, Principal | None, Any], Awaitable[None]]
Hook = Callable[[AsyncSession, Principal | None, Any, Any], Awaitable[None]]
Build = Callable[[AsyncSession, Principal | None, Any], Awaitable[Any]]
Apply = Callable[[Any, Any], None]
Readable = Callable[[Principal | None], ColumnElement[bool]]


def anyone(_principal: Principal | None) -> None:
    return None


def _newest_first(model: type[Any]) -> Sequence[Any]:
    return (model.created_at.desc(), model.id.desc())


def snake(name: str) -> str:
    """userGroup -> user_group"""
    return re.sub(r"(?<!^)(?=[A-Z])", "_", name).lower()


@dataclass(frozen=True)
class UniqueRule:
    """What a violated unique index means: a 409 naming a domain field."""

    constraint: str
    field: str  # in domain words, e.g. "language_code"
    message: str
    code: str  # e.g. "listingLocaleTextAlreadyExists"

    def conflict(self) -> Conflict:
        return Conflict(self.message, code=self.code, field=self.field)


@dataclass(frozen=True)
class Page:
    rows: list[Any]
    total: int


def set_values(row: Any, values: Mapping[str, Any]) -> None:
    """The default `apply`: each provided attribute gets its value."""
    for key, value in values.items():
        setattr(row, key, value)


@dataclass(frozen=True)
class Records:
    """One plain table: its rows, who may see and change them, and their rules."""

    model: type[Any]
    name: str  # one row in domain words, camelCase as codes are: "userGroup"
    id_field: str = ""  # the id's field in errors; default "<snake name>_id"
    # rows the principal may list (None: every row)
    readable: Readable | None = None
    may_read: Rule = anyone
    may_create: Rule = anyone
    may_update: Rule = anyone
    may_delete: Rule = anyone
    check_read: RowRule | None = None  # (session, principal, row): may see this row
    check_change: RowRule | None = None  # (session, principal, row): may change/delete it
    build: Build | None = None  # (session, principal, command) -> new row; default model(**)
    apply: Apply = set_values  # (row, changes)
    before_create: Hook | None = None  # (session, principal, row, command)
    after_create: Hook | None = None
    before_update: Hook | None = None  # (session, principal, row, changes)
    after_update: Hook | None = None
    after_delete: RowRule | None = None
    unique: Sequence[UniqueRule] = ()
    order_by: Callable[[type[Any]], Sequence[Any]] = _newest_first

    @property
    def id_name(self) -> str:
        return self.id_field or f"{snake(self.name)}_id"

    def not_found(self, row_id: uuid.UUID) -> NotFound:
        return NotFound(
            f"No {self.name} with id {row_id}.", code=f"{self.name}NotFound", field=self.id_name
        )

    def readable_statement(
        self, principal: Principal | None, base: Select[Any] | None = None
    ) -> Select[Any]:
        """The rows `principal` may list (active or not), from `base` when given."""
        stmt = base if base is not None else select(self.model)
        if self.readable is not None:
            stmt = stmt.where(self.readable(principal))
        return stmt

    async def load(
        self, session: AsyncSession, row_id: uuid.UUID, *, include_inactive: bool = False
    ) -> Any:
        row = await session.get(self.model, row_id)
        if row is None or (not include_inactive and not row.is_active):
            raise self.not_found(row_id)
        return row

    async def page(
        self,
        session: AsyncSession,
        principal: Principal | None,
        *,
        conditions: Sequence[ColumnElement[bool]] = (),
        base: Select[Any] | None = None,
        page_number: int,
        page_row_count: int,
        max_rows: int,
        inactive: bool = False,
    ) -> Page:
        """One page of the readable rows matching `conditions`, with the total count.
        Page 0 is every row up to `max_rows`. Soft-deleted rows only for admins who ask
        (`inactive`: the conditions then decide about is_active)."""
        self.may_read(principal)
        where = list(conditions)
        if not (inactive and principal is not None and principal.is_admin):
            where.append(self.model.is_active.is_(True))
        rows, total = await list_page(
            session,
            self.readable_statement(principal, base),
            conditions=where,
            order_by=self.order_by(self.model),
            page_number=page_number,
            page_row_count=page_row_count,
            max_rows=max_rows,
        )
        return Page(rows, total)

    async def get(
        self, session: AsyncSession, principal: Principal | None, row_id: uuid.UUID
    ) -> Any:
        self.may_read(principal)
        row = await self.load(session, row_id)
        if self.check_read is not None:
            await self.check_read(session, principal, row)
        return row

    async def create(self, session: AsyncSession, principal: Principal | None, command: Any) -> Any:
        self.may_create(principal)
        if self.build is not None:
            row = await self.build(session, principal, command)
        else:
            row = self.model(**command)
        row.owner_id = principal.user_id if principal is not None else None
        if self.before_create is not None:
            await self.before_create(session, principal, row, command)
        async with unique_guard(session, self.unique):
            session.add(row)
        if self.after_create is not None:
            await self.after_create(session, principal, row, command)
        return row

    async def update(
        self, session: AsyncSession, principal: Principal | None, row_id: uuid.UUID, changes: Any
    ) -> Any:
        self.may_update(principal)
        row = await self.load(session, row_id)
        if self.check_change is not None:
            await self.check_change(session, principal, row)
        if self.before_update is not None:
            await self.before_update(session, principal, row, changes)
        async with unique_guard(session, self.unique):
            self.apply(row, changes)
            row.updated_at = utcnow()
        if self.after_update is not None:
            await self.after_update(session, principal, row, changes)
        return row

    async def delete(
        self, session: AsyncSession, principal: Principal | None, row_id: uuid.UUID
    ) -> Any:
        """A soft delete: the row stays, inactive, and answers 404 from then on."""
        self.may_delete(principal)
        row = await self.load(session, row_id)
        if self.check_change is not None:
            await self.check_change(session, principal, row)
        await soft_delete(session, row)
        if self.after_delete is not None:
            await self.after_delete(session, principal, row)
        return row


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


async def soft_delete(session: AsyncSession, row: Any) -> Any:
    row.is_active = False
    row.updated_at = utcnow()
    await session.flush()
    return row


@asynccontextmanager
async def unique_guard(session: AsyncSession, rules: Sequence[UniqueRule]) -> AsyncIterator[None]:
    """Make the changes of the block and flush them in a savepoint. When a concurrent
    request wins the race the application checked for, the unique index catches it and
    the caller gets the rule's 409, and the transaction stays usable."""
    try:
        async with session.begin_nested():
            yield
            await session.flush()
    except IntegrityError as exc:
        diag = getattr(exc.orig, "diag", None)
        name = getattr(diag, "constraint_name", None)
        for rule in rules:
            if rule.constraint == name:
                raise rule.conflict() from None
        raise
