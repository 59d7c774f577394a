"""A BFF index: a view defined by its fields, one query with the principal's visibility
built in, and the shaping of a page of rows, read with list, count, get and schema.

Every view is a plain query over the source tables in the request's transaction: what a
user just wrote is in their next read (no staleness), and who sees a row is decided by
the owning package's readable statement, never here."""

from __future__ import annotations

import uuid
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Select, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from staykit.core.errors import NotFound
from staykit.domain.access.principal import Principal
from staykit.domain.auth import policy
from staykit.domain.views.filtering import (
    ViewField,
    ViewQuery,
    conditions,
    ordered,
    paged,
    searched,
)

Shape = Callable[[AsyncSession, Principal | None, Sequence[Any]], Awaitable[list[dict[str, Any]]]]


class IndexNotFound(NotFound):
    code = "indexNotFound"


class ViewRecordNotFound(NotFound):
    code = "recordNotFound"


@dataclass(frozen=True)
class IndexView:
    """One index. `query(actor)` selects the rows the actor may see (the root entity's id
    column is `id_column`); `shape` turns a page of those rows into records, in order."""

    name: str
    description: str
    fields: tuple[ViewField, ...]
    query: Callable[[Principal | None], Select[Any]]
    shape: Shape
    id_column: Any
    default_sort: str
    search: tuple[Any, ...] = ()
    search_description: str = ""
    login_required: bool = True
    staleness: str = "none: a query over the source tables in the request's transaction"

    def _actor(self, actor: Principal | None) -> Principal | None:
        return policy.require_login(actor) if self.login_required else actor

    def _filtered(self, actor: Principal | None, query: ViewQuery) -> Select[Any]:
        stmt = self.query(self._actor(actor))
        for cond in conditions(self.fields, query.filters):
            stmt = stmt.where(cond)
        return stmt.where(searched(self.search, query.q))

    async def list(
        self, session: AsyncSession, actor: Principal | None, query: ViewQuery
    ) -> tuple[list[dict[str, Any]], int]:
        """A page of records and the number of all that match."""
        stmt = self._filtered(actor, query)
        page = paged(ordered(stmt, self.fields, query, self.default_sort, self.id_column), query)
        rows = (await session.execute(page)).all()
        if len(rows) < query.limit and (rows or query.page == 1):
            total = (query.page - 1) * query.limit + len(rows)
        else:
            total = await self._count(session, stmt)
        return await self.shape(session, actor, rows), total

    async def count(self, session: AsyncSession, actor: Principal | None, query: ViewQuery) -> int:
        return await self._count(session, self._filtered(actor, query))

    async def _count(self, session: AsyncSession, stmt: Select[Any]) -> int:
        counted = select(func.count()).select_from(
            stmt.with_only_columns(self.id_column).order_by(None).subquery()
        )
        return int(await session.scalar(counted) or 0)

    async def get(
        self, session: AsyncSession, actor: Principal | None, record_id: uuid.UUID
    ) -> dict[str, Any]:
        """The record if the actor may see it; 404 otherwise (nothing says it exists)."""
        stmt = self.query(self._actor(actor)).where(self.id_column == record_id)
        rows = (await session.execute(stmt)).all()
        if not rows:
            raise ViewRecordNotFound(
                f"{self.name} has no record {record_id} that you can see.", field="id"
            )
        return (await self.shape(session, actor, rows))[0]

    def schema(self) -> dict[str, Any]:
        """What the index holds, for a front end building its filters."""
        return {
            "indexName": self.name,
            "description": self.description,
            "loginRequired": self.login_required,
            "staleness": self.staleness,
            "defaultSort": self.default_sort,
            "search": self.search_description,
            "fields": [
                {
                    "name": f.name,
                    "type": f.kind.value,
                    "description": f.description,
                    "nullable": f.nullable,
                    "filterable": f.filterable,
                    "operators": list(f.operators),
                    "sortable": f.sortable,
                    "enumValues": list(f.enum_values) or None,
                }
                for f in self.fields
            ],
        }
