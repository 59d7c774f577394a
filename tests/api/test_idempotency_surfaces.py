"""`@idempotent` is one line on any surface's route: a probe route on a Cloud API
application (Bearer tokens, problem-details errors) replays its answers, refusals in the
surface's own error body and media type included, and runs once per key."""

from __future__ import annotations

from collections.abc import AsyncIterator

import httpx
import pytest
from fastapi import APIRouter
from fastapi.responses import JSONResponse
from pydantic import BaseModel
from sqlalchemy.ext.asyncio import AsyncSession

from staykit.api.apps import surface_app
from staykit.api.cloud.auth import Caller
from staykit.api.cloud.errors import CLOUD, ERROR_RESPONSES
from staykit.api.idempotency import idempotent
from staykit.core.errors import Conflict
from tests.factories import Person, make_logged_in

runs: list[str] = []
router = APIRouter()


class Charge(BaseModel):
    amount: int


@router.post("/charges", status_code=201)
@idempotent
async def charge(caller: Caller, body: Charge) -> JSONResponse:
    runs.append("charge")
    if body.amount <= 0:
        raise Conflict("Nothing to charge.", code="nothingToCharge", field="amount")
    return JSONResponse(
        {"charged": body.amount, "run": len(runs)},
        status_code=201,
        headers={"Location": f"/cloudapi/charges/{len(runs)}"},
    )


@pytest.fixture
async def cloud(app: object, client: httpx.AsyncClient) -> AsyncIterator[httpx.AsyncClient]:
    probe = surface_app(
        app.state,  # type: ignore[attr-defined]
        CLOUD,
        router,
        prefix="/cloudapi",
        title="probe",
        openapi_path=None,
        error_responses=ERROR_RESPONSES,
    )
    runs.clear()
    transport = httpx.ASGITransport(app=probe)
    async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as c:
        yield c


@pytest.fixture
async def partner(client: httpx.AsyncClient, db: AsyncSession) -> Person:
    return await make_logged_in(client, db)


async def test_a_cloud_route_replays_its_answer_with_its_headers(
    cloud: httpx.AsyncClient, partner: Person
) -> None:
    headers = {**partner.headers, "Idempotency-Key": "charge-1"}
    first = await cloud.post("/charges", json={"amount": 30}, headers=headers)
    again = await cloud.post("/charges", json={"amount": 30}, headers=headers)

    assert (first.status_code, again.status_code) == (201, 201), first.text
    assert again.content == first.content and runs == ["charge"]
    assert again.headers["Location"] == first.headers["Location"] == "/cloudapi/charges/1"
    assert again.headers["Idempotent-Replayed"] == "true"


async def test_a_cloud_refusal_is_replayed_in_problem_details(
    cloud: httpx.AsyncClient, partner: Person
) -> None:
    headers = {**partner.headers, "Idempotency-Key": "charge-2"}
    first = await cloud.post("/charges", json={"amount": 0}, headers=headers)
    again = await cloud.post("/charges", json={"amount": 0}, headers=headers)

    assert first.status_code == again.status_code == 409
    assert first.headers["content-type"] == again.headers["content-type"]
    assert again.headers["content-type"].startswith("application/problem+json")
    assert again.content == first.content and runs == ["charge"]
    assert first.json()["code"] == "nothingToCharge"


async def test_a_reused_key_is_refused_in_problem_details_naming_the_header(
    cloud: httpx.AsyncClient, partner: Person
) -> None:
    headers = {**partner.headers, "Idempotency-Key": "charge-3"}
    assert (await cloud.post("/charges", json={"amount": 5}, headers=headers)).status_code == 201
    r = await cloud.post("/charges", json={"amount": 6}, headers=headers)

    assert r.status_code == 409 and r.headers["content-type"].startswith("application/problem+json")
    body = r.json()
    assert body["code"] == "idempotencyKeyReused"
    assert "Idempotency-Key" in str(body["errors"]) and runs == ["charge"]
