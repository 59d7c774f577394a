"""Periodic housekeeping of auth records: throttling rows, used codes, ended sessions."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import procrastinate
import structlog
from sqlalchemy import delete, or_
from sqlalchemy.ext.asyncio import AsyncSession

from staykit.core.clock import utcnow
from staykit.core.config import Settings
from staykit.core.db import unit_of_work
from staykit.core.runtime import get_runtime
from staykit.domain.auth.models import AuthSession, LoginFailure, VerificationCode

log = structlog.get_logger(__name__)
blueprint = procrastinate.Blueprint()


async def purge_expired(session: AsyncSession, settings: Settings) -> dict[str, int]:
    """Delete login failures outside the throttling window, codes used or expired more than
    a day ago, and sessions ended longer ago than the retention period."""
    now = utcnow()
    failures = await session.execute(
        delete(LoginFailure).where(
            LoginFailure.at < now - timedelta(seconds=settings.login_window_seconds)
        )
    )
    day_ago = now - timedelta(days=1)
    codes = await session.execute(
        delete(VerificationCode).where(
            or_(VerificationCode.consumed_at < day_ago, VerificationCode.expires_at < day_ago)
        )
    )
    kept_since = now - timedelta(days=settings.auth_record_retention_days)
    ended = or_(AuthSession.expires_at < kept_since, AuthSession.revoked_at < kept_since)
    # Codes tied to those sessions go first (foreign key).
    await session.execute(
        delete(VerificationCode).where(
            VerificationCode.session_id.in_(
                AuthSession.__table__.select().with_only_columns(AuthSession.id).where(ended)
            )
        )
    )
    sessions = await session.execute(delete(AuthSession).where(ended))
    counts = {
        "loginFailures": _rows(failures),
        "verificationCodes": _rows(codes),
        "sessions": _rows(sessions),
    }
    return counts


def _rows(result: Any) -> int:
    """Rows a DELETE touched (the cursor result of a bulk statement)."""
    return int(getattr(result, "rowcount", 0) or 0)


@blueprint.periodic(cron="*/15 * * * *")
@blueprint.task(name="purge_expired_auth_records", queue="housekeeping", pass_context=False)
async def purge_expired_auth_records(timestamp: int) -> None:
    runtime = get_runtime()
    async with unit_of_work(runtime.sessionmaker) as session:
        counts = await purge_expired(session, runtime.settings)
    (log.info if any(counts.values()) else log.debug)("purged expired auth records", **counts)
