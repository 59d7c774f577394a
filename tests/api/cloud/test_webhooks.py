"""Cloud API /webhooks: subscriptions of the acting tenant. Reading needs read:accounts,
writing write:accounts, deleting delete:accounts, and a user who manages the business;
another business's subscription is 404; every bad body a 4xx naming the field; the
secret is answered once (create, rotate) and never listed."""

from __future__ import annotations

import uuid

import httpx
import pytest
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession
from standardwebhooks import Webhook

from staykit.core.runtime import get_runtime
from staykit.domain.webhooks import secrets, service
from staykit.domain.webhooks.models import WebhookSubscription
from tests.api.cloud.conftest import Pms
from tests.factories import actor_of, add_member, make_user, partner_token

URL = "/cloudapi/webhooks"
SOME = "0190a3f2-7c1e-7d6a-9b1e-3f2a1c0d4e5f"  # an id nobody has
ALL = ("read:accounts", "write:accounts", "delete:accounts")
RECEIVER = "http://127.0.0.1:9/hook"  # loopback: allowed on a test server


def problem(r: httpx.Response, status: int, code: str | None = None) -> dict[str, object]:
    assert r.status_code == status, r.text
    body = r.json()
    assert body["status"] == status and body.get("traceId"), body
    if code is not None:
        assert body["code"] == code, body
    return dict(body)


async def create(client: httpx.AsyncClient, pms: Pms, **body: object) -> dict[str, object]:
    r = await client.post(
        URL,
        json={"url": RECEIVER, "events": ["reservation.*"], **body},
        headers=await pms.headers(*ALL),
    )
    assert r.status_code == 201, r.text
    return dict(r.json())


async def test_create_answers_the_secret_once_and_list_never_shows_it(
    client: httpx.AsyncClient, db: AsyncSession, pms: Pms
) -> None:
    made = await create(client, pms, events=["reservation.created", "message.created"])
    secret = str(made["secret"])
    assert secret.startswith("whsec_") and len(Webhook(secret)._whsecret) == 32
    assert made["events"] == ["reservation.created", "message.created"]
    assert made["active"] is True and made["scopes"] == sorted(ALL)
    r = await client.get(URL, headers=await pms.headers("read:accounts"))
    assert r.status_code == 200, r.text
    [listed] = r.json()
    assert listed["id"] == made["id"] and "secret" not in listed
    assert secret not in r.text
    # Stored encrypted, not as given.
    stored = await db.scalar(
        select(WebhookSubscription.secret).where(
            WebhookSubscription.id == uuid.UUID(str(made["id"]))
        )
    )
    assert stored and secret not in stored
    assert secrets.decrypt(get_runtime().settings, stored) == secret


async def test_rotate_answers_a_new_secret_and_keeps_the_old_one_for_the_grace_period(
    client: httpx.AsyncClient, pms: Pms
) -> None:
    made = await create(client, pms)
    r = await client.post(f"{URL}/{made['id']}/rotate", headers=await pms.headers("write:accounts"))
    assert r.status_code == 200, r.text
    assert r.json()["secret"] != made["secret"] and r.json()["secret"].startswith("whsec_")
    assert r.json()["previousSecretExpiresAt"] is not None


async def test_delete_removes_it_and_a_second_delete_is_404(
    client: httpx.AsyncClient, pms: Pms
) -> None:
    made = await create(client, pms)
    headers = await pms.headers("delete:accounts", "read:accounts")
    r = await client.delete(f"{URL}/{made['id']}", headers=headers)
    assert r.status_code == 204 and r.content == b""
    assert (await client.get(URL, headers=headers)).json() == []
    problem(await client.delete(f"{URL}/{made['id']}", headers=headers), 404, "webhookNotFound")


async def test_attempts_are_paged_and_resending_an_unknown_delivery_is_404(
    client: httpx.AsyncClient, pms: Pms
) -> None:
    made = await create(client, pms)
    r = await client.get(
        f"{URL}/{made['id']}/attempts",
        params={"limit": 5},
        headers=await pms.headers("read:accounts"),
    )
    assert r.status_code == 200 and r.json() == []
    assert 'rel="first"' in r.headers["link"]
    r = await client.post(
        f"{URL}/{made['id']}/deliveries/{uuid.uuid4()}/resend",
        headers=await pms.headers("write:accounts"),
    )
    problem(r, 404, "deliveryNotFound")


async def test_no_token_is_401(client: httpx.AsyncClient) -> None:
    for method, path in [("GET", URL), ("POST", URL), ("DELETE", f"{URL}/{uuid.uuid4()}")]:
        problem(await client.request(method, path), 401, "tokenMissing")


@pytest.mark.parametrize(
    ("method", "path", "needed"),
    [
        ("GET", URL, "read:accounts"),
        ("POST", URL, "write:accounts"),
        ("DELETE", f"{URL}/{SOME}", "delete:accounts"),
        ("POST", f"{URL}/{SOME}/rotate", "write:accounts"),
        ("POST", f"{URL}/{SOME}/enable", "write:accounts"),
        ("GET", f"{URL}/{SOME}/attempts", "read:accounts"),
        ("POST", f"{URL}/{SOME}/deliveries/{SOME}/resend", "write:accounts"),
    ],
)
async def test_a_token_without_the_scope_is_403_naming_it(
    client: httpx.AsyncClient, pms: Pms, method: str, path: str, needed: str
) -> None:
    r = await client.request(
        method,
        path,
        json={"url": RECEIVER, "events": ["*"]},
        headers=await pms.headers("all:bookings"),
    )
    body = problem(r, 403, "insufficientScope")
    assert needed in str(body["detail"])


async def test_a_staff_members_token_may_not_manage_webhooks(
    client: httpx.AsyncClient, db: AsyncSession, pms: Pms
) -> None:
    staff = await make_user(db, fullname="Front Desk")
    await add_member(db, pms.business_id, staff, "staff")
    token = await partner_token(db, staff, [pms.business_id], scopes=ALL)
    headers = {"Authorization": f"Bearer {token.value}"}
    problem(await client.get(URL, headers=headers), 403, "notManager")
    r = await client.post(URL, json={"url": RECEIVER, "events": ["*"]}, headers=headers)
    problem(r, 403, "notManager")


async def test_another_business_subscription_is_404_everywhere(
    client: httpx.AsyncClient, db: AsyncSession, pms: Pms
) -> None:
    other_host = await make_user(db)
    await add_member(db, pms.other_business_id, other_host, "owner")
    theirs = await service.create_subscription(
        db,
        actor_of(other_host),
        pms.other_business_id,
        service.NewSubscription(RECEIVER, ["*"]),
        get_runtime().settings,
    )
    await db.commit()
    sid = theirs.subscription.id
    headers = await pms.headers(*ALL)
    assert (await client.get(URL, headers=headers)).json() == []
    for method, path in [
        ("DELETE", f"{URL}/{sid}"),
        ("POST", f"{URL}/{sid}/rotate"),
        ("POST", f"{URL}/{sid}/enable"),
        ("GET", f"{URL}/{sid}/attempts"),
        ("POST", f"{URL}/{sid}/deliveries/{uuid.uuid4()}/resend"),
    ]:
        problem(await client.request(method, path, headers=headers), 404, "webhookNotFound")
    assert await db.get(WebhookSubscription, sid) is not None


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"events": ["*"]}, "url"),
        ({"url": RECEIVER}, "events"),
        ({"url": 42, "events": ["*"]}, "url"),
        ({"url": RECEIVER, "events": "reservation.created"}, "events"),
        ({"url": RECEIVER, "events": []}, "events"),
        ({"url": RECEIVER, "events": ["reservation.created", "booking.made"]}, "events[1]"),
        ({"url": RECEIVER, "events": ["reservation.teleported"]}, "events[0]"),
        ({"url": RECEIVER, "events": [7]}, "events"),
        ({"url": RECEIVER, "events": ["*"], "description": "x" * 201}, "description"),
        ({"url": RECEIVER, "events": ["*"], "colour": "red"}, "colour"),
        ({"url": "ftp://example.com/hook", "events": ["*"]}, "url"),
        ({"url": "http://user:pw@127.0.0.1/hook", "events": ["*"]}, "url"),
        ({"url": "http://10.1.2.3/hook", "events": ["*"]}, "url"),
        ({"url": "http://169.254.169.254/latest/meta-data", "events": ["*"]}, "url"),
        ({"url": "http://[fd00::1]/hook", "events": ["*"]}, "url"),
        ({"url": "http://192.168.1.10/hook", "events": ["*"]}, "url"),
        ({"url": "https://" + "a" * 2000 + ".com/", "events": ["*"]}, "url"),
    ],
)
async def test_a_bad_body_is_a_4xx_naming_the_field(
    client: httpx.AsyncClient, db: AsyncSession, pms: Pms, body: dict[str, object], field: str
) -> None:
    r = await client.post(URL, json=body, headers=await pms.headers(*ALL))
    assert r.status_code in (400, 422), r.text
    answer = r.json()
    assert answer.get("traceId")
    assert any(field in key for key in answer.get("errors", {})), answer
    assert "pw@" not in r.text  # a URL's password is never repeated
    assert await db.scalar(select(WebhookSubscription.id)) is None


async def test_a_body_that_is_not_json_is_a_4xx(client: httpx.AsyncClient, pms: Pms) -> None:
    r = await client.post(
        URL,
        content=b"{not json",
        headers={**(await pms.headers(*ALL)), "Content-Type": "application/json"},
    )
    assert 400 <= r.status_code < 500, r.text
