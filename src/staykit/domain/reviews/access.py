"""Who sees a review and who moderates, in one place.

Everyone (anonymous callers too) sees the published, approved reviews; a reviewer also sees
their own, whatever its state, through the same get and list (filter reviewerId to list
only theirs). Moderators see every review, deleted ones too. Nobody else sees an
unpublished review: the other party of the stay learns nothing of it before the
double-blind ends, through any route. Moderators are admins and superAdmins, and
first-party users granted the `reviews.moderate` permission (auth's givenPermissions)."""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy import select, true
from sqlalchemy.ext.asyncio import AsyncSession

from staykit.domain.access.principal import Principal
from staykit.domain.auth import permissions
from staykit.domain.reviews.errors import ReviewNotFound
from staykit.domain.reviews.models import Review

MODERATE = "reviews.moderate"


async def is_moderator(session: AsyncSession, actor: Principal | None) -> bool:
    if actor is None:
        return False
    if actor.is_admin:
        return True
    if not actor.first_party:
        return False
    return bool((await permissions.check(session, actor, MODERATE))["canDo"])


def shown_condition() -> Any:
    """SQL: the reviews everyone sees (and the aggregates count)."""
    return Review.is_active & Review.is_published & (Review.moderation_status == "approved")


def readable_condition(actor: Principal | None, *, moderator: bool) -> Any:
    """SQL: the reviews the actor may see (moderators: all, deleted ones included)."""
    if moderator:
        return true()
    if actor is None:
        return shown_condition()
    return shown_condition() | (Review.is_active & (Review.reviewer_id == actor.user_id))


async def readable_review(
    session: AsyncSession,
    actor: Principal | None,
    review_id: uuid.UUID,
    *,
    moderator: bool,
    lock: bool = False,
) -> Review:
    """The review if the actor may see it (locked FOR UPDATE when `lock`); else 404."""
    stmt = select(Review).where(
        Review.id == review_id, readable_condition(actor, moderator=moderator)
    )
    if lock:
        stmt = stmt.with_for_update().execution_options(populate_existing=True)
    review = await session.scalar(stmt)
    if review is None:
        raise ReviewNotFound(review_id)
    return review
