"""The service starts, answers health checks and serves every service's default routes."""

from __future__ import annotations

import httpx


async def test_health_answers_ok(client: httpx.AsyncClient) -> None:
    r = await client.get("/auth-api/health")
    assert r.status_code == 200
    assert r.json()["status"] == "OK"
    r = await client.get("/auth-api/admin/health")
    assert r.status_code == 200
    assert r.json()["checks"]["database"] == "OK"
