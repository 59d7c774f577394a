"""Erase, table by table: a person with data in every table is erased by a compliance
admin; afterwards no table holds their email, name, phone or what they wrote, every
ledger total is what it was, and they cannot sign in. A second erase changes nothing."""

from __future__ import annotations

import httpx
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from staykit.core.config import Settings
from staykit.domain.audit.models import AuditLog
from staykit.domain.gdpr import service
from tests.api.marketplace.gdpr import (
    decide,
    file_request,
    footprint,
    ledger_totals,
    where_found,
)
from tests.factories import make_logged_in


async def test_erase_leaves_no_personal_field_in_any_table_and_keeps_every_ledger_total(
    client: httpx.AsyncClient, db: AsyncSession
) -> None:
    fp = await footprint(client, db)
    compliance = await make_logged_in(client, db, role="superAdmin")
    before = await where_found(db, fp.needles)
    # The scan is not vacuous: the person is in many tables before.
    assert {place.split(".")[0] for place in before} >= {
        "users",
        "messages",
        "reviews",
        "notifications",
        "auth_login_failures",
        "unit_types",
    }, before
    totals = await ledger_totals(db)
    assert totals, "the footprint has ledger lines"
    audits = await db.scalar(select(func.count()).select_from(AuditLog))

    request = await file_request(client, fp.person, fp.person, "delete")
    assert request["status"] == "pending"
    done = await decide(client, compliance, request["id"])

    assert done["status"] == "complete" and done["processedAt"] is not None
    left = await where_found(db, fp.needles)
    assert left == [], left
    assert await ledger_totals(db) == totals
    # The request and its decision are audited (two new rows; the old ones untouched).
    assert await db.scalar(select(func.count()).select_from(AuditLog)) == (audits or 0) + 2


async def test_erased_person_cannot_sign_in_and_a_second_erase_changes_nothing(
    client: httpx.AsyncClient, db: AsyncSession, settings: Settings
) -> None:
    fp = await footprint(client, db)
    compliance = await make_logged_in(client, db, role="superAdmin")
    request = await file_request(client, compliance, fp.person, "delete")
    await decide(client, compliance, request["id"])
    again = await service.erase(db, settings, fp.person.user.id)
    assert again and all(n == 0 for n in again.values()), again

    r = await client.post(
        "/auth-api/login", json={"username": fp.person.email, "password": fp.person.password}
    )
    assert r.status_code in (401, 403), r.text
    # Their old token no longer works either (sessions revoked).
    r = await client.get("/platformadmin-api/v1/gdpractions", headers=fp.person.headers)
    assert r.status_code == 401, r.text
