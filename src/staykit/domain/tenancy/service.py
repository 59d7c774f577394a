"""The one tenancy rule: which businesses a principal may read and which it may manage.

Admins (first-party sessions with an admin role) see every business. Anyone else reads
the businesses they are an active member of, and manages those where they are owner or
manager. A partner credential is further down-scoped to the businesses it was granted
(`Principal.businesses`), and still needs the granting user's membership: a token stops
working for a business the moment its user leaves it.

Every package builds its "readable statement for this principal" from
`readable_condition` / `managed_condition` (or `readable_arm`, the same rule written for
one arm of an OR); nothing else reads business membership.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Select, any_, func, select, true
from sqlalchemy.dialects.postgresql import ARRAY, UUID
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.sql.elements import ColumnElement

from staykit.core.errors import Forbidden
from staykit.domain.access.principal import Principal
from staykit.domain.tenancy.models import Business, BusinessMember

MANAGING_ROLES = ("owner", "manager")


def _member_businesses(principal: Principal, roles: tuple[str, ...] | None) -> Select[Any]:
    stmt = select(BusinessMember.business_id).where(
        BusinessMember.user_id == principal.user_id, BusinessMember.is_active
    )
    if roles is not None:
        stmt = stmt.where(BusinessMember.role.in_(roles))
    if principal.businesses is not None:
        stmt = stmt.where(BusinessMember.business_id.in_(principal.businesses))
    return stmt


def readable_business_ids(principal: Principal) -> Select[Any] | None:
    """The ids of the businesses whose rows the principal may read; None = all (admins)."""
    if principal.is_admin:
        return None
    return _member_businesses(principal, None)


def managed_business_ids(principal: Principal) -> Select[Any] | None:
    """The ids of the businesses the principal may change; None = all (admins)."""
    if principal.is_admin:
        return None
    return _member_businesses(principal, MANAGING_ROLES)


def readable_condition(business_column: Any, principal: Principal) -> ColumnElement[bool]:
    """`business_column` names a business whose rows the principal may read."""
    ids = readable_business_ids(principal)
    return true() if ids is None else business_column.in_(ids)


def readable_arm(business_column: Any, principal: Principal) -> ColumnElement[bool]:
    """`readable_condition` written for one arm of an OR (guest OR host OR member): the
    readable business ids as `business_column = ANY(ARRAY(subquery))`. PostgreSQL runs the
    ARRAY subquery once, before the scan (an InitPlan), so the test is an index condition
    and each arm of the OR can use its own index (a BitmapOr). An `IN (subquery)` under
    an OR is never turned into a join: it is a SubPlan tested row by row, which reads the
    whole table. Same truth value as `readable_condition` for every row."""
    ids = readable_business_ids(principal)
    if ids is None:
        return true()
    array = func.array(ids.scalar_subquery(), type_=ARRAY(UUID(as_uuid=True)))
    return business_column == any_(array)


def managed_condition(business_column: Any, principal: Principal) -> ColumnElement[bool]:
    """`business_column` names a business the principal may manage."""
    ids = managed_business_ids(principal)
    return true() if ids is None else business_column.in_(ids)


async def role_in(
    session: AsyncSession, principal: Principal, business_id: uuid.UUID
) -> str | None:
    """The principal's role in the business (owner, manager, staff), or None."""
    if not principal.may_act_for(business_id):
        return None
    role: str | None = await session.scalar(
        select(BusinessMember.role).where(
            BusinessMember.user_id == principal.user_id,
            BusinessMember.business_id == business_id,
            BusinessMember.is_active,
        )
    )
    return role


async def can_read(session: AsyncSession, principal: Principal, business_id: uuid.UUID) -> bool:
    """Admins, and any member of the business (staff included)."""
    return principal.is_admin or await role_in(session, principal, business_id) is not None


class TenantNotReadable(Forbidden):
    code = "tenantNotReadable"

    def __init__(self) -> None:
        super().__init__(
            "This credential's user can no longer read this tenant (business): they left "
            "it, or it was closed."
        )


async def require_reader(
    session: AsyncSession, principal: Principal, business_id: uuid.UUID
) -> None:
    """403 unless the principal may read the business now. A partner credential is granted
    by a user; it reaches no further than that user does today (one statement)."""
    if not await can_read(session, principal, business_id):
        raise TenantNotReadable()


async def can_manage(session: AsyncSession, principal: Principal, business_id: uuid.UUID) -> bool:
    """Admins, and owners or managers of the business."""
    if principal.is_admin:
        return True
    return await role_in(session, principal, business_id) in MANAGING_ROLES


async def credit_limit_of(session: AsyncSession, business_id: uuid.UUID) -> int | None:
    """The business's own Channel API credit limit per period, or None for the default."""
    limit: int | None = await session.scalar(
        select(Business.credit_limit).where(Business.id == business_id)
    )
    return limit


async def owner_of(session: AsyncSession, business_id: uuid.UUID) -> uuid.UUID | None:
    """The user who owns an active business (its first active owner), or None."""
    owner: uuid.UUID | None = await session.scalar(
        select(BusinessMember.user_id)
        .join(Business, Business.id == BusinessMember.business_id)
        .where(
            BusinessMember.business_id == business_id,
            BusinessMember.role == "owner",
            BusinessMember.is_active,
            Business.is_active,
        )
        .order_by(BusinessMember.created_at)
        .limit(1)
    )
    return owner


async def business_of(session: AsyncSession, user_id: uuid.UUID) -> Business | None:
    """The business the user owns (their first membership as owner)."""
    business: Business | None = await session.scalar(
        select(Business)
        .join(BusinessMember, BusinessMember.business_id == Business.id)
        .where(
            BusinessMember.user_id == user_id,
            BusinessMember.role == "owner",
            BusinessMember.is_active,
            Business.is_active,
        )
        .order_by(BusinessMember.created_at)
        .limit(1)
    )
    return business


async def ensure_business(session: AsyncSession, principal: Principal) -> Business:
    """A user gets a business when they create their first listing."""
    business = await business_of(session, principal.user_id)
    if business is not None:
        return business
    business = Business(name=f"{principal.fullname or principal.email}'s rentals"[:200])
    business.owner_id = principal.user_id
    session.add(business)
    await session.flush()
    await add_member(session, business.id, principal.user_id, "owner")
    return business


async def add_member(
    session: AsyncSession, business_id: uuid.UUID, user_id: uuid.UUID, role: str
) -> BusinessMember:
    member = BusinessMember(business_id=business_id, user_id=user_id, role=role)
    member.owner_id = user_id
    session.add(member)
    await session.flush()
    return member


@dataclass(frozen=True)
class Tenant:
    id: uuid.UUID
    name: str
    role: str


async def tenants_of(session: AsyncSession, principal: Principal) -> list[Tenant]:
    """The businesses the principal's user belongs to (within its down-scope), by name."""
    stmt = (
        select(Business.id, Business.name, BusinessMember.role)
        .join(BusinessMember, BusinessMember.business_id == Business.id)
        .where(
            BusinessMember.user_id == principal.user_id,
            BusinessMember.is_active,
            Business.is_active,
        )
        .order_by(Business.name, Business.id)
    )
    if principal.businesses is not None:
        stmt = stmt.where(Business.id.in_(principal.businesses))
    rows = await session.execute(stmt)
    return [Tenant(r.id, r.name, r.role) for r in rows]


async def managed_businesses_of_user(session: AsyncSession, user_id: uuid.UUID) -> list[Tenant]:
    """The active businesses the user owns or manages, by name (the command line's
    `--business <email>`)."""
    rows = await session.execute(
        select(Business.id, Business.name, BusinessMember.role)
        .join(BusinessMember, BusinessMember.business_id == Business.id)
        .where(
            BusinessMember.user_id == user_id,
            BusinessMember.is_active,
            BusinessMember.role.in_(MANAGING_ROLES),
            Business.is_active,
        )
        .order_by(Business.name, Business.id)
    )
    return [Tenant(r.id, r.name, r.role) for r in rows]


async def set_credit_limit(session: AsyncSession, user_id: uuid.UUID, limit: int | None) -> int:
    """Give every business the user owns its own Channel API credit limit (None: the
    default); how many businesses changed. For the demo and operators, not for requests."""
    owned = select(BusinessMember.business_id).where(
        BusinessMember.user_id == user_id,
        BusinessMember.role == "owner",
        BusinessMember.is_active,
    )
    businesses = list(await session.scalars(select(Business).where(Business.id.in_(owned))))
    for business in businesses:
        business.credit_limit = limit
    await session.flush()
    return len(businesses)
