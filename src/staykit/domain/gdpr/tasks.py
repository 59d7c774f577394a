"""GDPR jobs: building an export's archive (deferred with the request) and forgetting
archives whose link has expired."""

from __future__ import annotations

import uuid

import procrastinate
import structlog
from sqlalchemy import select

from staykit.core.clock import utcnow
from staykit.core.db import unit_of_work
from staykit.core.runtime import get_runtime
from staykit.domain.gdpr import exports
from staykit.domain.gdpr.models import GdprAction

log = structlog.get_logger(__name__)
blueprint = procrastinate.Blueprint()


@blueprint.task(name="build_export", queue="gdpr", pass_context=False)
async def build_export(action_id: str) -> None:
    """Build a pending export request's archive. A failure marks the request failed
    (with the reason, never the data) so the person and the compliance admins see it."""
    runtime = get_runtime()
    try:
        async with unit_of_work(runtime.sessionmaker) as session:
            row = await session.scalar(
                select(GdprAction)
                .where(GdprAction.id == uuid.UUID(action_id))
                .with_for_update(skip_locked=True)
            )
            if row is None or row.status != "pending":
                return  # decided meanwhile (a compliance admin), or built already
            await exports.build(session, runtime.settings, row)
    except Exception as exc:
        log.exception("gdpr export failed", action_id=action_id)
        async with unit_of_work(runtime.sessionmaker) as session:
            row = await session.get(GdprAction, uuid.UUID(action_id), with_for_update=True)
            if row is not None and row.status == "pending":
                row.status = "failed"
                row.processed_at = utcnow()
                row.failure_reason = f"The archive could not be built ({type(exc).__name__})."
        raise


@blueprint.periodic(cron="17 * * * *")
@blueprint.task(name="purge_expired_exports", queue="housekeeping", pass_context=False)
async def purge_expired_exports(timestamp: int) -> None:
    """An archive outlives its link by nothing: once expired it is deleted."""
    runtime = get_runtime()
    async with unit_of_work(runtime.sessionmaker) as session:
        count = await exports.purge_expired(session, runtime.settings)
    (log.info if count else log.debug)("purged expired gdpr exports", count=count)
