"""The account portal's webhook pages through HTTP as a browser sends them: sign-in is
needed, only the business's owners and managers reach them (404 for anyone else, staff
included), every form needs its CSRF token, creating and rotating show the secret once
(the list never), bad input is shown by its field and makes nothing, the attempts page
lists what the receiver answered (escaped) and Resend sends the delivery again: through
a real worker and a real loopback receiver."""

from __future__ import annotations

import re
import uuid
from collections.abc import Iterator
from urllib.parse import urlencode

import httpx
import pytest
from pydantic import SecretStr
from sqlalchemy import select, text
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from staykit.core.clock import utcnow
from staykit.core.config import Settings
from staykit.domain.webhooks import secrets, service
from staykit.domain.webhooks.models import (
    DeliveryStatus,
    WebhookAttempt,
    WebhookDelivery,
    WebhookSubscription,
)
from tests.api.portal.helpers import csrf_of, host_with_business, shown_value, sign_in
from tests.api.portal.test_portal import assert_error_page
from tests.factories import actor_of, add_member, make_user
from tests.jobs.webhook_world import make_world, work
from tests.webhook_receiver import Receiver

RECEIVER = "http://127.0.0.1:9/hook"  # loopback: allowed outside production
FORM = {"Content-Type": "application/x-www-form-urlencoded"}


def hooks(business_id: uuid.UUID) -> str:
    return f"/account/businesses/{business_id}/webhooks"


async def post(
    client: httpx.AsyncClient, path: str, data: list[tuple[str, str]], csrf: str
) -> httpx.Response:
    return await client.post(path, content=urlencode([("csrf_token", csrf), *data]), headers=FORM)


async def list_page(client: httpx.AsyncClient, business_id: uuid.UUID) -> httpx.Response:
    r = await client.get(hooks(business_id))
    assert r.status_code == 200, r.text
    assert r.headers["cache-control"] == "no-store"
    return r


async def create(
    client: httpx.AsyncClient,
    business_id: uuid.UUID,
    data: list[tuple[str, str]] | None = None,
    *,
    csrf: str | None = None,
) -> httpx.Response:
    if csrf is None:
        csrf = csrf_of((await list_page(client, business_id)).text)
    fields = data if data is not None else [("url", RECEIVER), ("events", "reservation.*")]
    return await post(client, hooks(business_id), fields, csrf)


async def subscriptions(db: AsyncSession) -> list[WebhookSubscription]:
    db.expire_all()
    return list(await db.scalars(select(WebhookSubscription)))


async def signed_in_host(client: httpx.AsyncClient, db: AsyncSession) -> uuid.UUID:
    host, business_id = await host_with_business(db)
    await sign_in(client, host)
    return business_id


# --- who may -------------------------------------------------------------------------------------


@pytest.mark.parametrize("tail", ["", "/0190b2a4-1c7e-7000-8000-000000000009"])
async def test_the_pages_need_sign_in(
    client: httpx.AsyncClient, db: AsyncSession, tail: str
) -> None:
    _, business_id = await host_with_business(db)
    r = await client.get(hooks(business_id) + tail)
    assert r.status_code == 303
    assert r.headers["location"].startswith("/account/signin?next=%2Faccount%2Fbusinesses")


async def test_a_post_signed_out_goes_to_sign_in_and_makes_nothing(
    client: httpx.AsyncClient, db: AsyncSession
) -> None:
    _, business_id = await host_with_business(db)
    r = await client.post(hooks(business_id), data={"url": RECEIVER, "events": "*"})
    assert r.status_code == 303 and r.headers["location"].startswith("/account/signin")
    assert await subscriptions(db) == []


async def test_another_business_is_the_404_page_everywhere(
    client: httpx.AsyncClient, db: AsyncSession, settings: Settings
) -> None:
    mine = await signed_in_host(client, db)
    other_host, other_id = await host_with_business(db)
    await service.create_subscription(
        db, actor_of(other_host), other_id, service.NewSubscription(RECEIVER, ["*"]), settings
    )
    await db.commit()
    [theirs] = await subscriptions(db)
    csrf = csrf_of((await list_page(client, mine)).text)

    assert_error_page(await client.get(hooks(other_id)), 404, "no such page")
    assert_error_page(await client.get(f"{hooks(other_id)}/{theirs.id}"), 404, "no such page")
    # Their subscription under my business: unknown here.
    assert_error_page(await client.get(f"{hooks(mine)}/{theirs.id}"), 404, "no such page")
    for verb in ("rotate", "delete", "enable"):
        for business in (other_id, mine):
            r = await post(client, f"{hooks(business)}/{theirs.id}/{verb}", [], csrf)
            assert_error_page(r, 404, "no such page")
    assert_error_page(await create(client, other_id, csrf=csrf), 404, "no such page")
    assert_error_page(await client.get(f"{hooks(mine)}/not-an-id"), 404, "no such page")
    [still] = await subscriptions(db)
    assert still.id == theirs.id and still.secret == theirs.secret


async def test_staff_are_refused_as_the_service_refuses_them(
    client: httpx.AsyncClient, db: AsyncSession
) -> None:
    _, business_id = await host_with_business(db)
    staff = await make_user(db)
    await add_member(db, business_id, staff, "staff")
    await sign_in(client, staff)
    assert_error_page(await client.get(hooks(business_id)), 404, "no such page")
    csrf = csrf_of((await client.get("/account")).text)
    assert_error_page(await create(client, business_id, csrf=csrf), 404, "no such page")
    assert await subscriptions(db) == []


async def test_a_manager_manages_the_webhooks(client: httpx.AsyncClient, db: AsyncSession) -> None:
    _, business_id = await host_with_business(db)
    manager = await make_user(db)
    await add_member(db, business_id, manager, "manager")
    await sign_in(client, manager)
    r = await create(client, business_id)
    assert r.status_code == 200, r.text
    assert len(await subscriptions(db)) == 1


@pytest.mark.parametrize("csrf", ["", "forged", "0" * 64])
async def test_every_form_without_its_csrf_token_is_403_and_changes_nothing(
    client: httpx.AsyncClient, db: AsyncSession, csrf: str
) -> None:
    business_id = await signed_in_host(client, db)
    assert_error_page(await create(client, business_id, csrf=csrf), 403, "security token")
    assert await subscriptions(db) == []
    good = csrf_of((await list_page(client, business_id)).text)
    assert (await create(client, business_id, csrf=good)).status_code == 200
    [sub] = await subscriptions(db)
    for verb in ("rotate", "delete", "enable"):
        r = await post(client, f"{hooks(business_id)}/{sub.id}/{verb}", [], csrf)
        assert_error_page(r, 403, "security token")
    r = await post(
        client, f"{hooks(business_id)}/{sub.id}/deliveries/{uuid.uuid4()}/resend", [], csrf
    )
    assert_error_page(r, 403, "security token")
    [same] = await subscriptions(db)
    assert same.secret == sub.secret and same.previous_secret is None


# --- create, rotate, delete, enable ------------------------------------------------------------


async def test_create_shows_the_secret_once_and_the_list_never(
    client: httpx.AsyncClient, db: AsyncSession, settings: Settings
) -> None:
    business_id = await signed_in_host(client, db)
    page = await list_page(client, business_id)
    assert (
        f'href="{hooks(business_id)}"'
        in (await client.get(f"/account/businesses/{business_id}")).text
    )
    assert "No webhook subscriptions." in page.text
    r = await create(
        client,
        business_id,
        [
            ("url", RECEIVER),
            ("events", "reservation.created"),
            ("moreEvents", "message.created, rates.updated"),
            ("description", "Front desk <app>"),
        ],
        csrf=csrf_of(page.text),
    )
    assert r.status_code == 200, r.text
    assert r.headers["cache-control"] == "no-store"
    secret = shown_value(r.text)
    assert secret.startswith("whsec_")
    assert "webhook-signature" in r.text and "only time" in r.text
    assert secret not in str(r.url) and "location" not in r.headers

    [sub] = await subscriptions(db)
    assert sub.url == RECEIVER and sub.description == "Front desk <app>"
    assert sub.event_types == ["reservation.created", "message.created", "rates.updated"]
    assert sub.scopes is None  # a first-party session: unrestricted payloads
    assert secrets.decrypt(settings, sub.secret) == secret

    listed = await list_page(client, business_id)
    assert secret not in listed.text and sub.secret not in listed.text
    assert RECEIVER in listed.text and "Front desk &lt;app&gt;" in listed.text
    assert listed.text.count('data-testid="subscription"') == 1
    assert "rates.updated" in listed.text and "Active" in listed.text
    assert f'href="{hooks(business_id)}/{sub.id}"' in listed.text
    assert f'action="{hooks(business_id)}/{sub.id}/enable"' not in listed.text  # active


async def test_rotate_shows_a_new_secret_once_and_the_old_one_signs_for_a_while(
    client: httpx.AsyncClient, db: AsyncSession, settings: Settings
) -> None:
    business_id = await signed_in_host(client, db)
    first = shown_value((await create(client, business_id)).text)
    [sub] = await subscriptions(db)
    page = await list_page(client, business_id)
    r = await post(client, f"{hooks(business_id)}/{sub.id}/rotate", [], csrf_of(page.text))
    assert r.status_code == 200, r.text
    assert r.headers["cache-control"] == "no-store"
    second = shown_value(r.text)
    assert second.startswith("whsec_") and second != first
    assert "grace period" in r.text
    [rotated] = await subscriptions(db)
    assert secrets.decrypt(settings, rotated.secret) == second
    assert rotated.previous_secret is not None
    assert secrets.decrypt(settings, rotated.previous_secret) == first
    assert second not in (await list_page(client, business_id)).text


async def test_delete_removes_it_with_a_notice(client: httpx.AsyncClient, db: AsyncSession) -> None:
    business_id = await signed_in_host(client, db)
    await create(client, business_id)
    [sub] = await subscriptions(db)
    sub_id = sub.id
    csrf = csrf_of((await list_page(client, business_id)).text)
    r = await post(client, f"{hooks(business_id)}/{sub_id}/delete", [], csrf)
    assert r.status_code == 303
    assert r.headers["location"] == f"{hooks(business_id)}?notice=deleted"
    assert await subscriptions(db) == []
    page = await client.get(r.headers["location"])
    assert "Deleted." in page.text and RECEIVER not in page.text
    again = await post(client, f"{hooks(business_id)}/{sub_id}/delete", [], csrf)
    assert_error_page(again, 404, "no such page")


async def test_enable_turns_a_disabled_subscription_back_on(
    client: httpx.AsyncClient, db: AsyncSession
) -> None:
    business_id = await signed_in_host(client, db)
    await create(client, business_id)
    [sub] = await subscriptions(db)
    sub.is_active, sub.disabled_reason, sub.disabled_at = False, "gone", utcnow()
    sub.consecutive_failures = 7
    await db.commit()
    page = await list_page(client, business_id)
    assert "Disabled: the receiver answered 410 Gone" in page.text
    enable = f"{hooks(business_id)}/{sub.id}/enable"
    assert f'action="{enable}"' in page.text
    r = await post(client, enable, [], csrf_of(page.text))
    assert r.status_code == 303
    assert r.headers["location"] == f"{hooks(business_id)}?notice=enabled"
    [on] = await subscriptions(db)
    assert on.is_active and on.disabled_reason is None and on.consecutive_failures == 0
    after = await client.get(r.headers["location"])
    assert "Enabled again" in after.text and f'action="{enable}"' not in after.text


# --- bad input -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "field", "words"),
    [
        ([("events", "*")], "url", "Enter the URL"),
        ([("url", "  "), ("events", "*")], "url", "Enter the URL"),
        ([("url", "ftp://example.com/x"), ("events", "*")], "url", "http"),
        ([("url", "http://10.1.2.3/hook"), ("events", "*")], "url", "public addresses only"),
        ([("url", RECEIVER)], "events", "at least one event type"),
        ([("url", RECEIVER), ("events", "bogus.thing")], "events", "unknown event type"),
        (
            [("url", RECEIVER), ("events", "*"), ("moreEvents", "reservation.exploded")],
            "events",
            "events[1]: unknown reservation event",
        ),
        ([("url", RECEIVER), ("events", "*"), ("description", "d" * 201)], "description", "200"),
    ],
)
async def test_bad_input_shows_the_form_again_with_the_fields_error(
    client: httpx.AsyncClient,
    db: AsyncSession,
    data: list[tuple[str, str]],
    field: str,
    words: str,
) -> None:
    business_id = await signed_in_host(client, db)
    r = await create(client, business_id, data)
    assert r.status_code == 400, r.text
    assert r.headers["content-type"].startswith("text/html")
    found = re.search(rf'id="webhook-{field}-error">([^<]*)<', r.text)
    assert found, r.text
    assert words in found.group(1)
    assert 'data-testid="secret-value"' not in r.text
    sent = dict(data)
    if sent.get("url", "").strip():
        assert f'value="{sent["url"]}"' in r.text  # what was typed comes back
    assert await subscriptions(db) == []


async def test_production_refuses_a_loopback_url_by_the_url_field(
    client: httpx.AsyncClient, db: AsyncSession, settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    business_id = await signed_in_host(client, db)
    csrf = csrf_of((await list_page(client, business_id)).text)
    monkeypatch.setattr(settings, "env", "production")
    monkeypatch.setattr(settings, "secrets_key", secrets_key())
    r = await create(
        client, business_id, [("url", "https://127.0.0.1/hook"), ("events", "*")], csrf=csrf
    )
    assert r.status_code == 400, r.text
    assert "public addresses only" in r.text and 'id="webhook-url-error"' in r.text
    r = await create(client, business_id, [("url", RECEIVER), ("events", "*")], csrf=csrf)
    assert r.status_code == 400 and "https" in r.text and 'id="webhook-url-error"' in r.text
    assert await subscriptions(db) == []


def secrets_key() -> SecretStr:
    return SecretStr(secrets.DEV_KEY.decode())


async def test_without_a_secrets_key_production_says_so_and_changes_nothing(
    client: httpx.AsyncClient, db: AsyncSession, settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    business_id = await signed_in_host(client, db)
    await create(client, business_id)
    [sub] = await subscriptions(db)
    csrf = csrf_of((await list_page(client, business_id)).text)
    monkeypatch.setattr(settings, "env", "production")
    monkeypatch.setattr(settings, "secrets_key", None)
    for r in (
        await create(client, business_id, csrf=csrf),
        await post(client, f"{hooks(business_id)}/{sub.id}/rotate", [], csrf),
    ):
        assert_error_page(r, 503, "STAYKIT_SECRETS_KEY")
        assert "Webhooks are not available" in r.text
    [same] = await subscriptions(db)
    assert same.secret == sub.secret and same.previous_secret is None


# --- attempts and resend -------------------------------------------------------------------------


async def add_attempts(
    db: AsyncSession, sub: WebhookSubscription, n: int, *, excerpt: str = '{"ok":true}'
) -> WebhookDelivery:
    """One delivered delivery with `n` attempts, as the worker records them."""
    found = WebhookDelivery(
        subscription_id=sub.id,
        target_id=sub.id,
        business_id=sub.business_id,
        event_id=uuid.uuid4(),
        event_seq=1,
        event_type="reservation.created",
        entity_type="reservation",
        entity_id=uuid.uuid4(),
        payload={"type": "reservation.created"},
        status=DeliveryStatus.DELIVERED,
        attempts=n,
    )
    db.add(found)
    await db.flush()
    for i in range(n):
        db.add(
            WebhookAttempt(
                delivery_id=found.id,
                target_id=sub.id,
                status_code=500 if i < n - 1 else 200,
                duration_ms=10 + i,
                response_excerpt=excerpt,
            )
        )
    await db.commit()
    return found


async def test_attempts_are_listed_paged_and_a_hostile_excerpt_is_escaped(
    client: httpx.AsyncClient, db: AsyncSession
) -> None:
    business_id = await signed_in_host(client, db)
    await create(client, business_id)
    [sub] = await subscriptions(db)
    here = f"{hooks(business_id)}/{sub.id}"
    empty = await client.get(here)
    assert empty.status_code == 200 and "Nothing has been sent" in empty.text
    hostile = '<script>alert("x")</script><img src=x onerror=alert(1)>'
    found = await add_attempts(db, sub, 23, excerpt=hostile)

    first = await client.get(here)
    assert first.status_code == 200, first.text
    assert first.headers["cache-control"] == "no-store"
    assert first.text.count('data-testid="attempt"') == 20
    assert "<script>alert" not in first.text and "<img src=x" not in first.text
    assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;" in first.text
    assert str(found.id) in first.text and "reservation.created" in first.text
    assert "HTTP 200" in first.text and "32 ms" in first.text  # the newest first
    assert "23 attempts" in first.text and "page 1 of 2" in first.text
    assert f'href="{here}?page=2"' in first.text
    second = await client.get(here, params={"page": "2"})
    assert second.text.count('data-testid="attempt"') == 3
    assert "HTTP 500" in second.text and "10 ms" in second.text
    for bad in ("0", "-1", "x", "1.5"):
        assert_error_page(await client.get(here, params={"page": bad}), 400, "page number")


async def test_resend_requeues_the_delivery_and_comes_back_with_a_notice(
    client: httpx.AsyncClient, db: AsyncSession
) -> None:
    business_id = await signed_in_host(client, db)
    await create(client, business_id)
    [sub] = await subscriptions(db)
    found = await add_attempts(db, sub, 1)
    found_id, sub_id = found.id, sub.id
    here = f"{hooks(business_id)}/{sub_id}"
    page = await client.get(here)
    resend = f"{here}/deliveries/{found_id}/resend"
    assert f'action="{resend}"' in page.text
    r = await post(client, resend, [], csrf_of(page.text))
    assert r.status_code == 303 and r.headers["location"] == f"{here}?notice=resent"
    assert "Resent" in (await client.get(r.headers["location"])).text
    db.expire_all()
    again = await db.get(WebhookDelivery, found_id)
    assert again is not None and again.status == DeliveryStatus.PENDING and again.attempts == 0
    drains = await db.scalar(
        text(
            "SELECT count(*) FROM procrastinate_jobs WHERE status = 'todo' "
            "AND args->>'target_id' = :target"
        ),
        {"target": str(sub_id)},
    )
    assert drains == 1  # a worker sends it now

    # Unknown delivery, another subscription's delivery id: the 404 page.
    csrf = csrf_of(page.text)
    unknown = await post(client, f"{here}/deliveries/{uuid.uuid4()}/resend", [], csrf)
    assert_error_page(unknown, 404, "no such page")
    # Disabled: refused, saying to enable it first.
    [now] = await subscriptions(db)
    now.is_active, now.disabled_reason = False, "failing"
    await db.commit()
    refused = await post(client, resend, [], csrf)
    assert_error_page(refused, 409, "enable it before resending")


@pytest.fixture
def receiver() -> Iterator[Receiver]:
    server = Receiver().start()
    try:
        yield server
    finally:
        server.stop()


async def test_a_real_delivery_is_listed_and_resend_sends_it_again(
    committed_client: httpx.AsyncClient,
    committed_factory: async_sessionmaker[AsyncSession],
    receiver: Receiver,
    database_url: str,
) -> None:
    world = await make_world(committed_factory)
    client = committed_client
    await sign_in(client, world.host)
    made = await create(
        client, world.business_id, [("url", receiver.url()), ("events", "reservation.created")]
    )
    assert made.status_code == 200, made.text
    secret = shown_value(made.text)
    await world.book(0)
    await work(database_url)
    [got] = await receiver.wait_for(1)
    got.verify(secret)

    async with committed_factory() as s:
        [sub] = list(await s.scalars(select(WebhookSubscription)))
    here = f"{hooks(world.business_id)}/{sub.id}"
    page = await client.get(here)
    assert page.text.count('data-testid="attempt"') == 1
    assert got.id in page.text and "HTTP 200" in page.text and "reservation.created" in page.text
    assert "&#34;ok&#34;: true" in page.text  # the receiver's answer, escaped

    r = await post(client, f"{here}/deliveries/{got.id}/resend", [], csrf_of(page.text))
    assert r.status_code == 303, r.text
    await work(database_url)
    received = list(receiver.received)  # the worker has sent by now; not deduplicated
    assert [x.id for x in received] == [got.id, got.id]  # the same webhook-id again
    assert received[1].body == got.body
    received[1].verify(secret)
    after = await client.get(here)
    assert after.text.count('data-testid="attempt"') == 2
