"""Businesses as accounts and their members as users: the reads behind the Channel API's
/accounts and /organizations/users, by the tenancy rule.

Callers pass the businesses a credential covers (already the tenancy rule's answer, see
`tenants_of`); these reads never widen it: inactive businesses and inactive memberships
match nothing. Businesses are flat (no sub-accounts).
"""

from __future__ import annotations

import uuid
from collections.abc import Collection
from dataclasses import dataclass

from sqlalchemy import case, select
from sqlalchemy.ext.asyncio import AsyncSession

from staykit.domain.auth.models import User
from staykit.domain.tenancy.models import BUSINESS_ROLES, Business, BusinessMember


@dataclass(frozen=True)
class AccountRow:
    id: uuid.UUID
    int_id: int
    name: str


@dataclass(frozen=True)
class MemberRow:
    business_id: uuid.UUID
    business_int_id: int
    user_id: uuid.UUID
    email: str
    role: str  # owner, manager or staff


async def accounts(
    session: AsyncSession, business_ids: Collection[uuid.UUID], *, offset: int, limit: int
) -> list[AccountRow]:
    """The active businesses among `business_ids`, by integer id (one statement)."""
    if not business_ids:
        return []
    rows = await session.execute(
        select(Business.id, Business.int_id, Business.name)
        .where(Business.id.in_(business_ids), Business.is_active)
        .order_by(Business.int_id)
        .offset(offset)
        .limit(limit)
    )
    return [AccountRow(r.id, r.int_id, r.name) for r in rows]


# Owners first, then managers, then staff (the order of BUSINESS_ROLES).
_ROLE_RANK = case(
    {role: rank for rank, role in enumerate(BUSINESS_ROLES)}, value=BusinessMember.role
)


async def members(
    session: AsyncSession, business_ids: Collection[uuid.UUID], *, offset: int, limit: int
) -> list[MemberRow]:
    """The active members of the active businesses among `business_ids`: by business
    (integer id), owners first, then by when they joined (one statement)."""
    if not business_ids:
        return []
    rows = await session.execute(
        select(
            Business.id.label("business_id"),
            Business.int_id.label("business_int_id"),
            User.id.label("user_id"),
            User.email,
            BusinessMember.role,
        )
        .join(BusinessMember, BusinessMember.business_id == Business.id)
        .join(User, User.id == BusinessMember.user_id)
        .where(
            Business.id.in_(business_ids),
            Business.is_active,
            BusinessMember.is_active,
            User.is_active,
        )
        .order_by(Business.int_id, _ROLE_RANK, BusinessMember.created_at, BusinessMember.id)
        .offset(offset)
        .limit(limit)
    )
    return [MemberRow(r.business_id, r.business_int_id, r.user_id, r.email, r.role) for r in rows]
