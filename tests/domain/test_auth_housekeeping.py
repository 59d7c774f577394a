"""The periodic purge removes only auth records that have served their purpose."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from staykit.core.clock import utcnow
from staykit.core.config import Settings
from staykit.domain.auth.models import AuthSession, LoginFailure, VerificationCode
from staykit.domain.auth.tasks import purge_expired
from staykit.jobs.app import app as jobs_app
from tests.factories import make_user


async def _count(db: AsyncSession, model: type) -> int:
    return int(await db.scalar(select(func.count()).select_from(model)) or 0)


async def test_purge_keeps_live_records_and_removes_stale_ones(
    db: AsyncSession, settings: Settings
) -> None:
    person = await make_user(db)
    now = utcnow()
    window = timedelta(seconds=settings.login_window_seconds)
    retention = timedelta(days=settings.auth_record_retention_days)

    db.add_all(
        [
            LoginFailure(
                email="x@example.test", ip_address="1.2.3.4", at=now - window - timedelta(seconds=1)
            ),
            LoginFailure(
                email="x@example.test",
                ip_address="1.2.3.4",
                at=now - window + timedelta(seconds=30),
            ),
        ]
    )
    live = AuthSession(user_id=person.user.id, created_at=now, expires_at=now + timedelta(hours=1))
    old = AuthSession(
        user_id=person.user.id,
        created_at=now - retention * 2,
        expires_at=now - retention - timedelta(hours=1),
    )
    db.add_all([live, old])
    await db.flush()
    db.add_all(
        [
            VerificationCode(
                purpose="p1",
                user_id=person.user.id,
                code_hash="h",
                created_at=now,
                expires_at=now + timedelta(hours=1),
            ),
            VerificationCode(
                purpose="p2",
                user_id=person.user.id,
                code_hash="h",
                created_at=now - timedelta(days=3),
                expires_at=now - timedelta(days=2),
            ),
            VerificationCode(
                purpose="p3",
                user_id=person.user.id,
                session_id=old.id,
                code_hash="h",
                created_at=now - retention * 2,
                expires_at=now - retention * 2,
                consumed_at=now - retention * 2,
            ),
        ]
    )
    await db.flush()

    counts = await purge_expired(db, settings)

    assert counts == {"loginFailures": 1, "verificationCodes": 2, "sessions": 1}
    assert await _count(db, LoginFailure) == 1
    assert await _count(db, AuthSession) == 1
    assert (await db.scalar(select(AuthSession.id))) == live.id
    assert {c.purpose for c in (await db.scalars(select(VerificationCode))).all()} == {"p1"}


def test_the_purge_is_scheduled_every_fifteen_minutes() -> None:
    periodic = {t.task.name: t.cron for t in jobs_app.periodic_registry.periodic_tasks.values()}
    assert periodic.get("auth:purge_expired_auth_records") == "*/15 * * * *"
