"""Saved filters: a user's named filter of one index, kept to list with later.

A filter is validated against the index's fields when saved, exactly as a live filter is
(so what is saved always lists). Each user sees and deletes only their own (admins too:
a saved filter is a personal preference, not platform data); another user's id is a 404.
Names are unique per user and index (409)."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from staykit.core.errors import Conflict, NotFound
from staykit.domain.access.principal import Principal
from staykit.domain.auth import policy
from staykit.domain.views.filtering import conditions
from staykit.domain.views.models import SavedFilter
from staykit.domain.views.registry import index

MAX_PER_INDEX = 100


class SavedFilterNotFound(NotFound):
    code = "savedFilterNotFound"


@dataclass(frozen=True)
class NewSavedFilter:
    index_name: str
    filter_name: str
    conditions: dict[str, Any]


def _own(me: Principal, index_name: str) -> Any:
    return (
        (SavedFilter.user_id == me.user_id)
        & (SavedFilter.index_name == index_name)
        & SavedFilter.is_active
    )


async def page(
    session: AsyncSession, actor: Principal | None, index_name: str, number: int, limit: int
) -> tuple[list[SavedFilter], int]:
    me = policy.require_login(actor)
    index(index_name)
    total = await session.scalar(select(func.count()).where(_own(me, index_name))) or 0
    rows = await session.scalars(
        select(SavedFilter)
        .where(_own(me, index_name))
        .order_by(SavedFilter.created_at.desc(), SavedFilter.id.desc())
        .offset((number - 1) * limit)
        .limit(limit)
    )
    return list(rows), int(total)


async def create(
    session: AsyncSession, actor: Principal | None, command: NewSavedFilter
) -> SavedFilter:
    me = policy.require_login(actor)
    view = index(command.index_name)
    conditions(view.fields, command.conditions)  # a 400 naming the bad field, as a live list
    taken = await session.scalar(select(func.count()).where(_own(me, command.index_name)))
    if (taken or 0) >= MAX_PER_INDEX:
        raise Conflict(
            f"You have {MAX_PER_INDEX} saved filters for {view.name}; delete one first.",
            code="tooManySavedFilters",
            field="filter_name",
        )
    same = await session.scalar(
        select(SavedFilter.id).where(
            _own(me, command.index_name), SavedFilter.filter_name == command.filter_name
        )
    )
    if same is not None:
        raise Conflict(
            f"You already have a filter named {command.filter_name!r} for {view.name}.",
            code="filterNameIsTaken",
            field="filter_name",
        )
    row = SavedFilter(
        user_id=me.user_id,
        owner_id=me.user_id,
        index_name=view.name,
        filter_name=command.filter_name,
        conditions=command.conditions,
    )
    session.add(row)
    try:
        await session.flush()
    except IntegrityError:  # the same name saved at the same moment by another request
        raise Conflict(
            f"You already have a filter named {command.filter_name!r} for {view.name}.",
            code="filterNameIsTaken",
            field="filter_name",
        ) from None
    return row


async def delete(
    session: AsyncSession, actor: Principal | None, index_name: str, filter_id: uuid.UUID
) -> SavedFilter:
    """Removes the caller's own filter (the row goes: a preference keeps no history)."""
    me = policy.require_login(actor)
    index(index_name)
    row = await session.scalar(
        select(SavedFilter).where(_own(me, index_name), SavedFilter.id == filter_id)
    )
    if row is None:
        raise SavedFilterNotFound(
            f"You have no saved filter {filter_id} for {index_name}.", field="filter_id"
        )
    await session.delete(row)
    await session.flush()
    return row
