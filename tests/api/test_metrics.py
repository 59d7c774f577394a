"""/metrics: Prometheus text with requests per surface, route template and status, the job
queues and the database pool."""

from __future__ import annotations

import re

import httpx
import pytest
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession

from tests.factories import make_logged_in


def sample(body: str, name: str, **labels: str) -> float | None:
    """The value of the series `name` whose labels include `labels`, or None."""
    for line in body.splitlines():
        m = re.match(rf"{re.escape(name)}(?:\{{(.*)\}})? (\S+)$", line)
        if not m:
            continue
        found = dict(re.findall(r'(\w+)="((?:[^"\\]|\\.)*)"', m.group(1) or ""))
        if all(found.get(k) == v for k, v in labels.items()):
            return float(m.group(2))
    return None


async def scrape(client: httpx.AsyncClient) -> str:
    r = await client.get("/metrics")
    assert r.status_code == 200, r.text
    assert r.headers["content-type"].startswith("text/plain")
    return r.text


async def test_requests_are_counted_by_surface_route_template_and_status(
    client: httpx.AsyncClient, db: AsyncSession
) -> None:
    person = await make_logged_in(client, db)
    route = "/auth-api/v1/users/{userId}"
    labels = {"surface": "marketplace", "method": "GET", "route": route, "status": "200"}
    before = sample(await scrape(client), "staykit_http_requests_total", **labels) or 0
    for _ in range(3):
        r = await client.get(f"/auth-api/v1/users/{person.user.id}", headers=person.headers)
        assert r.status_code == 200
    body = await scrape(client)
    assert sample(body, "staykit_http_requests_total", **labels) == before + 3
    # the template, never the id: one series for every user
    assert str(person.user.id) not in body
    count = sample(
        body,
        "staykit_http_request_duration_seconds_count",
        surface="marketplace",
        method="GET",
        route=route,
    )
    assert count is not None and count >= 3


async def test_partner_surfaces_and_unmatched_paths_are_labelled(client: httpx.AsyncClient) -> None:
    await client.get("/cloudapi/auth/tokendetails")
    await client.get("/v2/authentication/details")
    await client.get("/no/such/route/never-a-label")
    body = await scrape(client)
    cloud = sample(
        body, "staykit_http_requests_total", surface="cloud", route="/cloudapi/auth/tokendetails"
    )
    assert cloud is not None and cloud >= 1
    channel = sample(
        body, "staykit_http_requests_total", surface="channel", route="/v2/authentication/details"
    )
    assert channel is not None and channel >= 1
    unmatched = sample(body, "staykit_http_requests_total", route="unmatched", status="404")
    assert unmatched is not None and unmatched >= 1
    assert "never-a-label" not in body  # raw paths never become labels


async def test_job_queues_show_depth_and_age_of_the_oldest_due_job(
    client: httpx.AsyncClient, db: AsyncSession
) -> None:
    for delay in ("90 seconds", "10 seconds"):
        await db.execute(
            text(
                "INSERT INTO procrastinate_jobs (queue_name, task_name, args, scheduled_at) "
                f"VALUES ('metrics-test', 'noop', '{{}}', now() - interval '{delay}')"
            )
        )
    # scheduled for later: not due, not counted
    await db.execute(
        text(
            "INSERT INTO procrastinate_jobs (queue_name, task_name, args, scheduled_at) "
            "VALUES ('metrics-test', 'noop', '{}', now() + interval '1 hour')"
        )
    )
    await db.commit()
    body = await scrape(client)
    assert sample(body, "staykit_job_queue_depth", queue="metrics-test") == 2
    age = sample(body, "staykit_job_queue_oldest_seconds", queue="metrics-test")
    assert age is not None and age >= 90

    await db.execute(text("DELETE FROM procrastinate_jobs WHERE queue_name = 'metrics-test'"))
    await db.commit()
    body = await scrape(client)
    assert sample(body, "staykit_job_queue_depth", queue="metrics-test") == 0


async def test_the_database_pool_is_reported(client: httpx.AsyncClient) -> None:
    body = await scrape(client)
    size = sample(body, "staykit_db_pool_size")
    assert size is not None and size > 0
    assert sample(body, "staykit_db_pool_checked_out") is not None


@pytest.fixture
def metrics_token(app: object) -> object:
    state = app.state  # type: ignore[attr-defined]
    original = state.settings
    state.settings = original.model_copy(update={"metrics_token": "scrape-secret"})
    yield "scrape-secret"
    state.settings = original


async def test_a_configured_token_is_required(
    client: httpx.AsyncClient, metrics_token: str
) -> None:
    assert (await client.get("/metrics")).status_code == 401
    wrong = await client.get("/metrics", headers={"Authorization": "Bearer nope"})
    assert wrong.status_code == 401
    assert "scrape-secret" not in wrong.text
    ok = await client.get("/metrics", headers={"Authorization": f"Bearer {metrics_token}"})
    assert ok.status_code == 200
    assert "staykit_http_requests_total" in ok.text


async def test_only_get_is_answered(client: httpx.AsyncClient) -> None:
    r = await client.post("/metrics")
    assert r.status_code == 405
