"""Periodic jobs are deferred and run by a real worker."""

from __future__ import annotations

import asyncio
import contextlib
import time

import pytest
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from staykit.jobs.app import app as jobs_app
from staykit.jobs.app import run_worker


@pytest.mark.parametrize(
    "task",
    [
        "auth:purge_expired_auth_records",
        "booking:expire_requests",
        "booking:complete_stays",
        "ical:poll_ical_imports",
        "payments:expire_unpaid_holds",
        "payments:settle_ended_stays",
        "payments:refresh_unsettled_payments",
        "reviews:publish_due_reviews",
    ],
)
async def test_worker_defers_and_runs_the_periodic_jobs(
    database_url: str,
    engine: AsyncEngine,
    committed_factory: async_sessionmaker[AsyncSession],
    task: str,
) -> None:
    # Make the deferrer catch up on the last tick whenever it was (the default only looks
    # back 10 minutes), so the test does not depend on the wall clock.
    saved = dict(jobs_app.periodic_defaults)
    jobs_app.periodic_defaults["max_delay"] = 86_400
    worker = asyncio.create_task(run_worker(database_url, wait=True, name="test-periodic"))
    try:
        deadline = time.monotonic() + 15
        status = None
        while time.monotonic() < deadline and status != "succeeded":
            await asyncio.sleep(0.1)
            assert not worker.done(), worker.exception() if worker.done() else ""
            async with engine.connect() as conn:
                status = await conn.scalar(
                    text(
                        "SELECT status::text FROM procrastinate_jobs "
                        "WHERE task_name = :task ORDER BY id DESC LIMIT 1"
                    ),
                    {"task": task},
                )
        assert status == "succeeded"
    finally:
        worker.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await worker
        jobs_app.periodic_defaults.clear()
        jobs_app.periodic_defaults.update(saved)
