"""Businesses (tenants) and who may act for them."""

from __future__ import annotations

import uuid

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from staykit.core.actor import Actor
from staykit.domain.catalog.models import Business, BusinessMember

MANAGING_ROLES = ("owner", "manager")


async def business_of(session: AsyncSession, user_id: uuid.UUID) -> Business | None:
    """The business the user owns (their first membership as owner)."""
    return await session.scalar(
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


async def ensure_business(session: AsyncSession, actor: Actor) -> Business:
    """A user gets a business when they create their first listing."""
    business = await business_of(session, actor.user_id)
    if business is not None:
        return business
    business = Business(name=f"{actor.fullname or actor.email}'s rentals"[:200])
    business.owner_id = actor.user_id
    session.add(business)
    await session.flush()
    member = BusinessMember(business_id=business.id, user_id=actor.user_id, role="owner")
    member.owner_id = actor.user_id
    session.add(member)
    await session.flush()
    return business


async def role_in(session: AsyncSession, user_id: uuid.UUID, business_id: uuid.UUID) -> str | None:
    return await session.scalar(
        select(BusinessMember.role).where(
            BusinessMember.user_id == user_id,
            BusinessMember.business_id == business_id,
            BusinessMember.is_active,
        )
    )


async def can_manage(session: AsyncSession, actor: Actor, business_id: uuid.UUID) -> bool:
    """Admins, and owners or managers of the business."""
    if actor.is_admin:
        return True
    return await role_in(session, actor.user_id, business_id) in MANAGING_ROLES
