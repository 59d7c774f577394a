"""An export request end to end: filing it defers the build job in the same transaction;
a real worker builds the archive, completes the request and notifies the owner, whose
link then downloads it. A rolled-back request leaves no job."""

from __future__ import annotations

import httpx
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from staykit.core.db import unit_of_work
from staykit.domain.gdpr import archive, service
from staykit.jobs.app import run_worker
from tests.factories import actor_of, login, make_user

API = "/platformadmin-api/v1/gdpractions"


async def count(engine: AsyncEngine, sql: str) -> int:
    async with engine.connect() as conn:
        return int((await conn.execute(text(sql))).scalar_one())


async def test_worker_builds_the_export_and_the_owner_downloads_it(
    committed_factory: async_sessionmaker[AsyncSession],
    committed_client: httpx.AsyncClient,
    database_url: str,
    engine: AsyncEngine,
) -> None:
    async with committed_factory() as db:
        person = await login(committed_client, await make_user(db, fullname="Ada Export"))
    r = await committed_client.post(
        API, json={"actionType": "export", "userId": person.id}, headers=person.headers
    )
    assert r.status_code == 201, r.text
    assert r.json()["gdprAction"]["status"] == "pending"
    assert (
        await count(
            engine, "SELECT count(*) FROM procrastinate_jobs WHERE task_name = 'gdpr:build_export'"
        )
        == 1
    )

    for _ in range(2):  # the build queues the notification's own jobs
        await run_worker(database_url, wait=False, queues=["gdpr"])

    r = await committed_client.get(API, headers=person.headers)
    row = r.json()["gdprActions"][0]
    assert row["status"] == "complete" and row["processedAt"] is not None
    async with engine.connect() as conn:
        url = (
            await conn.execute(
                text("SELECT data->>'downloadUrl' FROM notifications WHERE user_id = :u"),
                {"u": person.user.id},
            )
        ).scalar_one()
    r = await committed_client.get(url.removeprefix("http://testserver"), headers=person.headers)
    assert r.status_code == 200, r.text
    assert archive.read_archive(r.content)["profile"][0]["fullname"] == "Ada Export"


async def test_rolled_back_request_leaves_no_job(
    committed_factory: async_sessionmaker[AsyncSession], engine: AsyncEngine
) -> None:
    async with committed_factory() as db:
        person = await make_user(db)
    try:
        async with unit_of_work(committed_factory) as session:
            await service.create_action(
                session, actor_of(person), service.NewGdprAction("export", person.user.id)
            )
            raise RuntimeError("the request fails after filing")
    except RuntimeError:
        pass
    assert await count(engine, "SELECT count(*) FROM gdpr_actions") == 0
    assert (
        await count(
            engine, "SELECT count(*) FROM procrastinate_jobs WHERE task_name = 'gdpr:build_export'"
        )
        == 0
    )
