"""Web Push endpoints pass the outbound URL guard (core/urlguard.py) as webhooks do: a
device whose endpoint is not https or resolves to this machine or a private network is
refused when it registers (400 naming device.endpoint), and the sender checks again at
send time and connects to the address it checked (DNS rebinding sends nothing)."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest
from py_vapid import Vapid02
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from staykit.core import urlguard
from staykit.core.config import Settings
from staykit.core.errors import InvalidInput
from staykit.domain.alerts import devices
from staykit.domain.notifications import push
from staykit.domain.notifications.models import PushDevice
from tests.factories import actor_of, assert_error, make_logged_in, make_user
from tests.push_service import Browser, PushService

DEVICES = "/notification-api/devices/register"


def production() -> Settings:
    return Settings(env="production", payment_provider=None, payments_allow_test_money=True)  # type: ignore[call-arg]


def fake_dns(answers: dict[str, list[str]]) -> urlguard.Resolver:
    """A FAKE resolver: this machine has no DNS for made-up names, so answers are given."""

    async def resolve(host: str, port: int) -> list[str]:
        if host not in answers:
            raise OSError("no such host")
        return answers[host]

    return resolve


def new_device(endpoint: str, browser: Browser | None = None) -> devices.NewDevice:
    keys = (browser or Browser()).keys()
    return devices.NewDevice(endpoint, keys["p256dh"], keys["auth"])


@pytest.fixture
def push_service() -> Iterator[PushService]:
    service = PushService().start()
    try:
        yield service
    finally:
        service.stop()


async def device_count(db: AsyncSession) -> int:
    return int(await db.scalar(select(func.count()).select_from(PushDevice)) or 0)


# --- registering (the route, on the test server: loopback allowed) ----------------------------


@pytest.mark.parametrize(
    ("endpoint", "why"),
    [
        ("http://93.184.216.34/push/1", "must be an https URL"),
        ("https://10.0.0.7/push/1", "private network"),
        ("http://10.0.0.7/push/1", "private network"),
        ("https://172.16.3.4/push/1", "private network"),
        ("https://192.168.1.1/push/1", "private network"),
        ("https://169.254.169.254/latest/meta-data", "private network"),
        ("https://[fe80::1]/push/1", "private network"),
        ("https://[::ffff:10.0.0.1]/push/1", "private network"),
        ("https://0.0.0.0/push/1", "private network"),
        ("https://user:pw@93.184.216.34/push/1", "user name or password"),
        ("ftp://93.184.216.34/push/1", "https URL"),
        ("https://nowhere.invalid/push/1", "does not resolve"),
    ],
)
async def test_registering_a_non_public_or_plain_http_endpoint_is_400_naming_it(
    client: httpx.AsyncClient, db: AsyncSession, endpoint: str, why: str
) -> None:
    guest = await make_logged_in(client, db)
    keys = Browser().keys()
    r = await client.post(
        DEVICES, json={"device": {"endpoint": endpoint, "keys": keys}}, headers=guest.headers
    )
    body = assert_error(r, 400, field="device.endpoint")
    assert why in str(body["detail"]), body
    assert "device.endpoint" in str(body["detail"])
    assert "pw@" not in r.text
    assert await device_count(db) == 0


@pytest.mark.parametrize("endpoint", ["https://127.0.0.1:8443/push/1", "http://[::1]:8080/p"])
async def test_the_test_server_allows_a_loopback_push_service(
    client: httpx.AsyncClient, db: AsyncSession, endpoint: str
) -> None:
    guest = await make_logged_in(client, db)
    keys = Browser().keys()
    r = await client.post(
        DEVICES, json={"device": {"endpoint": endpoint, "keys": keys}}, headers=guest.headers
    )
    assert r.status_code == 201, r.text


# --- registering in production ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("endpoint", "why"),
    [
        ("http://push.example.com/1", "must be an https URL"),
        ("https://127.0.0.1/push/1", "private network"),
        ("https://[::1]/push/1", "private network"),
        ("https://10.1.2.3/push/1", "private network"),
        ("https://169.254.169.254/latest/meta-data", "private network"),
        ("https://localhost/push/1", "private network"),  # the machine's own resolver
        ("https://rebind.example.com/push/1", "private network"),  # resolves to loopback
        ("https://mixed.example.com/push/1", "private network"),  # one address private
    ],
)
async def test_production_refuses_loopback_private_and_plain_http_endpoints(
    db: AsyncSession, endpoint: str, why: str
) -> None:
    person = await make_user(db)
    dns = fake_dns(
        {
            "push.example.com": ["93.184.216.34"],
            "rebind.example.com": ["127.0.0.1"],
            "mixed.example.com": ["93.184.216.34", "192.168.1.1"],
            "localhost": ["127.0.0.1", "::1"],
        }
    )
    with pytest.raises(InvalidInput) as refused:
        await devices.register(
            db, actor_of(person), new_device(endpoint), production(), resolve=dns
        )
    assert refused.value.field == "device.endpoint" and why in str(refused.value)
    assert await device_count(db) == 0


async def test_production_registers_an_https_endpoint_resolving_to_public_addresses(
    db: AsyncSession,
) -> None:
    person = await make_user(db)
    dns = fake_dns({"fcm.example.com": ["93.184.216.34", "2606:2800:220:1::1"]})
    row = await devices.register(
        db,
        actor_of(person),
        new_device("https://fcm.example.com/send/abc"),
        production(),
        resolve=dns,
    )
    assert row.endpoint == "https://fcm.example.com/send/abc" and row.is_active


async def test_production_does_not_take_the_webhook_allow_list_for_push(db: AsyncSession) -> None:
    person = await make_user(db)
    settings = Settings(
        env="production",
        payment_provider=None,
        payments_allow_test_money=True,
        webhook_allowed_destinations=["10.0.0.0/8"],
    )  # type: ignore[call-arg]
    with pytest.raises(InvalidInput, match="private network"):
        await devices.register(db, actor_of(person), new_device("https://10.1.2.3/push"), settings)


# --- sending ----------------------------------------------------------------------------------


def sender(rules: urlguard.Destinations) -> push.WebPushSender:
    vapid = Vapid02()
    vapid.generate_keys()
    return push.WebPushSender(vapid, "mailto:ops@staykit.local", rules)


async def test_a_name_rebound_to_loopback_after_registering_is_refused_at_send_time(
    push_service: PushService,
) -> None:
    answers = {"push.example.com": ["93.184.216.34"]}
    dns = fake_dns(answers)
    endpoint = "https://push.example.com/sub/1"
    await push.check_endpoint(endpoint, production(), dns)  # as registered: public
    answers["push.example.com"] = ["127.0.0.1"]  # the attacker's DNS answers loopback now
    browser = Browser()
    out = sender(urlguard.Destinations.for_push(production(), dns))
    try:
        with pytest.raises(push.PushRefused, match="private network"):
            await out.send(
                push.Subscription(endpoint, browser.p256dh, browser.keys()["auth"]), {"t": 1}
            )
    finally:
        await out.close()
    assert push_service.received == []


async def test_a_push_connects_to_the_address_it_checked_not_a_fresh_lookup(
    push_service: PushService,
) -> None:
    # "push.example.com" has no DNS on this machine: the request can only reach the push
    # service through the address the check returned (pinned), never a new lookup.
    port = push_service.origin.rsplit(":", 1)[1]
    dns = fake_dns({"push.example.com": ["127.0.0.1"]})
    browser = Browser()
    out = sender(urlguard.Destinations.for_push(Settings(env="test"), dns))
    try:
        await out.send(
            push.Subscription(
                f"http://push.example.com:{port}/sub/7", browser.p256dh, browser.keys()["auth"]
            ),
            {"title": "Pinned"},
        )
    finally:
        await out.close()
    [pushed] = push_service.received
    assert pushed.path == "/sub/7" and pushed.headers["host"] == f"push.example.com:{port}"
    assert browser.decrypt(pushed.body) == {"title": "Pinned"}


async def test_a_refused_push_raises_so_the_job_retries_and_sends_nothing(
    push_service: PushService,
) -> None:
    browser = Browser()
    out = sender(urlguard.Destinations.for_push(Settings(env="test")))
    try:
        with pytest.raises(push.PushRefused, match="private network"):
            await out.send(
                push.Subscription("http://10.9.9.9/sub/1", browser.p256dh, browser.keys()["auth"]),
                {"t": 1},
            )
    finally:
        await out.close()
    assert push_service.received == []
