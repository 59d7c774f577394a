"""A person's reviews in a GDPR export and erase: the reviews they wrote (in any state:
they are theirs) and the published ones about them as a guest. Reviews still behind the
double-blind about them are not handed over: the other side's text is not theirs to read
before publication.

An erase replaces the words of the reviews they wrote, and of those written about them as
a guest, with a placeholder; the ratings stay, so the listings' and hosts' aggregates (other
people's records) do not move.
"""

from __future__ import annotations

from sqlalchemy import and_, or_, update
from sqlalchemy.ext.asyncio import AsyncSession

from staykit.domain.gdpr.activity import Rows, bump, changed, t
from staykit.domain.gdpr.registry import ERASED_TEXT, Subject, table_rows
from staykit.domain.reviews.models import Review


async def export_reviews(session: AsyncSession, subject: Subject) -> Rows:
    rv = t(Review)
    about_them = and_(
        rv.c.reviewee_type == "guest", rv.c.reviewee_id == subject.user_id, rv.c.is_published
    )
    return [
        {
            "written": await table_rows(session, rv, rv.c.reviewer_id == subject.user_id),
            "aboutThem": await table_rows(session, rv, about_them),
        }
    ]


async def erase_reviews(session: AsyncSession, subject: Subject) -> int:
    rv = t(Review)
    theirs = or_(
        rv.c.reviewer_id == subject.user_id,
        and_(rv.c.reviewee_type == "guest", rv.c.reviewee_id == subject.user_id),
    )
    return await changed(
        session,
        update(rv)
        .where(theirs, rv.c.review_text != ERASED_TEXT)
        .values(review_text=ERASED_TEXT, **bump(Review)),
    )
