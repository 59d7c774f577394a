"""GDPR requests over the platformadmin API: who may file, list and decide them (the
permission matrix), bad input, the export's archive and its signed, expiring link, and
that the database refuses to delete a request."""

from __future__ import annotations

import uuid
from datetime import timedelta
from typing import Any

import httpx
import pytest
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError
from sqlalchemy.ext.asyncio import AsyncSession

from staykit.core.clock import utcnow
from staykit.core.config import Settings
from staykit.domain.auth.models import GivenPermission
from staykit.domain.gdpr import archive
from staykit.domain.gdpr.models import GdprAction, GdprExport
from tests.api.marketplace.gdpr import API, EXPORTS, decide, file_request, footprint
from tests.factories import Person, assert_error, make_logged_in


@pytest.fixture
async def compliance(client: httpx.AsyncClient, db: AsyncSession) -> Person:
    """An admin granted gdpr.manage (a superAdmin needs no grant)."""
    person = await make_logged_in(client, db, role="admin")
    db.add(GivenPermission(permission_name="gdpr.manage", subject_user_id=person.user.id))
    await db.commit()
    return person


# --- create ---------------------------------------------------------------------------------


async def test_user_files_a_request_about_themself_with_server_set_fields(
    client: httpx.AsyncClient, user: Person
) -> None:
    r = await client.post(
        API,
        json={"actionType": "consent", "userId": user.id, "processedAt": "2020-01-01T00:00:00Z"},
        headers=user.headers,
    )
    assert r.status_code == 201, r.text
    row = r.json()["gdprAction"]
    assert row["status"] == "pending" and row["status_idx"] == 0
    assert row["processedAt"] is None and row["requestedAt"] is not None
    assert row["userId"] == user.id and row["actionType"] == "consent"


async def test_user_cannot_file_for_another_user_but_an_admin_can(
    client: httpx.AsyncClient, user: Person, other: Person, admin: Person
) -> None:
    r = await client.post(
        API, json={"actionType": "export", "userId": other.id}, headers=user.headers
    )
    assert_error(r, 403, field="userId")
    assert (await file_request(client, admin, other, "consent"))["userId"] == other.id


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"actionType": "shred", "userId": None}, "actionType"),
        ({"userId": None}, "actionType"),
        ({"actionType": "export"}, "userId"),
        ({"actionType": "export", "userId": "not-a-uuid"}, "userId"),
        ({"actionType": 7, "userId": None}, "actionType"),
    ],
)
async def test_bad_create_bodies_are_400_naming_the_field(
    client: httpx.AsyncClient, user: Person, body: dict[str, Any], field: str
) -> None:
    if "userId" in body and body["userId"] is None:
        body = {**body, "userId": user.id}
    r = await client.post(API, json=body, headers=user.headers)
    assert_error(r, 400, field=field)


async def test_request_about_an_unknown_user_is_404(
    client: httpx.AsyncClient, admin: Person
) -> None:
    r = await client.post(
        API, json={"actionType": "export", "userId": str(uuid.uuid4())}, headers=admin.headers
    )
    assert_error(r, 404, field="userId")


async def test_anonymous_cannot_file_list_or_decide(client: httpx.AsyncClient) -> None:
    assert_error(
        await client.post(API, json={"actionType": "export", "userId": str(uuid.uuid4())}), 401
    )
    assert_error(await client.get(API), 401)
    assert_error(await client.patch(f"{API}/{uuid.uuid4()}", json={"status": "failed"}), 401)


# --- list -----------------------------------------------------------------------------------


async def test_users_list_their_own_requests_and_admins_list_all(
    client: httpx.AsyncClient, user: Person, other: Person, admin: Person
) -> None:
    mine = await file_request(client, user, user, "consent")
    theirs = await file_request(client, other, other, "consent")
    r = await client.get(API, headers=user.headers)
    assert [row["id"] for row in r.json()["gdprActions"]] == [mine["id"]]
    r = await client.get(API, params={"userId": other.id}, headers=admin.headers)
    assert [row["id"] for row in r.json()["gdprActions"]] == [theirs["id"]]
    r = await client.get(API, params={"actionType": "consent"}, headers=admin.headers)
    assert {row["id"] for row in r.json()["gdprActions"]} >= {mine["id"], theirs["id"]}
    assert r.json()["paging"]["totalRowCount"] >= 2


async def test_bad_list_filter_is_400(client: httpx.AsyncClient, admin: Person) -> None:
    r = await client.get(API, params={"userId": "nope"}, headers=admin.headers)
    assert_error(r, 400, field="userId")


# --- update: only a compliance admin ----------------------------------------------------------


@pytest.mark.parametrize("who", ["user", "other", "admin"])
async def test_only_a_compliance_admin_decides(
    client: httpx.AsyncClient,
    who: str,
    user: Person,
    other: Person,
    admin: Person,
) -> None:
    filed = await file_request(client, user, user, "consent")
    caller = {"user": user, "other": other, "admin": admin}[who]
    r = await client.patch(
        f"{API}/{filed['id']}", json={"status": "complete"}, headers=caller.headers
    )
    assert_error(r, 403)


async def test_granted_admin_and_super_admin_decide_and_a_decision_is_final(
    client: httpx.AsyncClient, db: AsyncSession, user: Person, compliance: Person
) -> None:
    first = await file_request(client, user, user, "consent")
    done = await decide(client, compliance, first["id"], "complete")
    assert done["status"] == "complete" and done["processedAt"] is not None
    r = await client.patch(
        f"{API}/{first['id']}", json={"status": "failed"}, headers=compliance.headers
    )
    assert_error(r, 409, field="status")
    boss = await make_logged_in(client, db, role="superAdmin")
    second = await file_request(client, user, user, "delete")
    refused = await decide(client, boss, second["id"], "failed")
    assert refused["status"] == "failed"
    # A refused erase erased nothing.
    r = await client.get(API, headers=user.headers)
    assert r.status_code == 200


@pytest.mark.parametrize(
    ("body", "status", "field"),
    [
        ({"status": "archived"}, 400, "status"),
        ({"status": "pending"}, 400, "status"),
        ({}, 400, "status"),
        ({"status": 3}, 400, "status"),
    ],
)
async def test_bad_decisions_are_400(
    client: httpx.AsyncClient,
    user: Person,
    compliance: Person,
    body: dict[str, Any],
    status: int,
    field: str,
) -> None:
    filed = await file_request(client, user, user, "consent")
    r = await client.patch(f"{API}/{filed['id']}", json=body, headers=compliance.headers)
    assert_error(r, status, field=field)


async def test_deciding_an_unknown_request_is_404(
    client: httpx.AsyncClient, compliance: Person
) -> None:
    r = await client.patch(
        f"{API}/{uuid.uuid4()}", json={"status": "failed"}, headers=compliance.headers
    )
    assert_error(r, 404, field="gdprActionId")


async def test_there_is_no_delete_route_and_the_database_refuses_delete(
    client: httpx.AsyncClient, db: AsyncSession, user: Person, admin: Person
) -> None:
    filed = await file_request(client, user, user, "consent")
    r = await client.delete(f"{API}/{filed['id']}", headers=admin.headers)
    assert r.status_code in (404, 405), r.text
    with pytest.raises(DBAPIError, match="compliance records"):
        async with db.begin_nested():
            await db.execute(text("DELETE FROM gdpr_actions WHERE id = :i"), {"i": filed["id"]})
    assert await db.get(GdprAction, uuid.UUID(filed["id"])) is not None


# --- export ---------------------------------------------------------------------------------


async def _exported(
    client: httpx.AsyncClient, db: AsyncSession, person: Person, compliance: Person
) -> str:
    """The download URL the person is sent once their export is built."""
    filed = await file_request(client, person, person, "export")
    done = await decide(client, compliance, filed["id"], "complete")
    assert done["status"] == "complete"
    note = await db.scalar(
        text("SELECT data FROM notifications WHERE user_id = :u AND event = 'gdpr.exportReady'"),
        {"u": person.user.id},
    )
    assert note is not None, "the owner is notified"
    return str(note["downloadUrl"])


async def test_export_archive_holds_every_section_and_only_the_owner_downloads_it(
    client: httpx.AsyncClient, db: AsyncSession, other: Person, compliance: Person
) -> None:
    fp = await footprint(client, db)
    url = await _exported(client, db, fp.person, compliance)
    path = url.removeprefix("http://testserver")
    assert path.startswith(EXPORTS)

    r = await client.get(path, headers=fp.person.headers)
    assert r.status_code == 200, r.text
    assert r.headers["content-type"] == "application/zip"
    files = archive.read_archive(r.content)
    assert set(files) >= {
        "manifest",
        "profile",
        "sessions",
        "listings",
        "reservations",
        "messages",
        "payments",
        "notifications",
        "pushDevices",
        "webhooks",
        "disputes",
        "reviews",
    }
    assert files["profile"][0]["email"] == fp.person.email
    assert "password_hash" not in files["profile"][0]
    roles = {row["role"] for row in files["reservations"][0]["reservations"]}
    assert roles == {"guest", "host"}
    texts = [m["content"] for m in files["messages"][0]["messages"]]
    assert fp.message_text in texts
    assert files["payments"][0]["ledger"], "their ledger lines"
    [reviews] = files["reviews"]
    assert [w["review_text"] for w in reviews["written"]] == ["Zelda Quartermain loved it."]
    assert [w["review_text"] for w in reviews["aboutThem"]] == ["Zelda Quartermain, a fine guest."]
    assert files["pushDevices"][0]["endpoint"] == "https://127.0.0.1:9/zelda-device"
    assert "p256dh" not in files["pushDevices"][0]
    assert files["listings"][0]["listings"][0]["title"] == "Zelda Quartermain's attic"

    assert_error(await client.get(path, headers=other.headers), 403, field="token")
    assert_error(await client.get(path, headers=compliance.headers), 403, field="token")
    assert_error(await client.get(path), 401)
    token = path.rsplit("/", 1)[1]
    tampered = token[:-6] + ("AAAAAA" if token[-6:] != "AAAAAA" else "BBBBBB")
    assert_error(
        await client.get(f"{EXPORTS}/{tampered}", headers=fp.person.headers), 403, field="token"
    )
    assert_error(
        await client.get(f"{EXPORTS}/not-a-token", headers=fp.person.headers), 403, field="token"
    )


async def test_expired_link_is_410(
    client: httpx.AsyncClient,
    db: AsyncSession,
    user: Person,
    compliance: Person,
    settings: Settings,
) -> None:
    await _exported(client, db, user, compliance)
    export = await db.scalar(
        text("SELECT action_id FROM gdpr_exports WHERE user_id = :u"), {"u": user.user.id}
    )
    stale = archive.sign_link(
        settings, archive.LinkClaims(export, user.user.id, utcnow() - timedelta(seconds=1))
    )
    assert_error(await client.get(f"{EXPORTS}/{stale}", headers=user.headers), 410, field="token")
    # A link whose archive has been purged is gone too.
    fresh = archive.sign_link(
        settings, archive.LinkClaims(export, user.user.id, utcnow() + timedelta(hours=1))
    )
    assert (await client.get(f"{EXPORTS}/{fresh}", headers=user.headers)).status_code == 200
    row = await db.get(GdprExport, export)
    assert row is not None
    row.expires_at = utcnow() - timedelta(seconds=1)
    await db.commit()
    assert_error(await client.get(f"{EXPORTS}/{fresh}", headers=user.headers), 410, field="token")


async def test_link_lifetime_is_the_ttl_setting(
    client: httpx.AsyncClient,
    db: AsyncSession,
    user: Person,
    compliance: Person,
    settings: Settings,
) -> None:
    await _exported(client, db, user, compliance)
    row = await db.scalar(
        text("SELECT built_at, expires_at FROM gdpr_exports WHERE user_id = :u"),
        {"u": user.user.id},
    )
    assert row is not None
    got = await db.execute(
        text("SELECT expires_at - built_at FROM gdpr_exports WHERE user_id = :u"),
        {"u": user.user.id},
    )
    assert got.scalar_one() == timedelta(hours=settings.gdpr_export_ttl_hours)
    notified = await db.scalar(
        text("SELECT count(*) FROM notifications WHERE user_id = :u"), {"u": user.user.id}
    )
    assert notified == 1
