"""Public-route rate limits through HTTP (staykit.api.ratelimit, docs/rate-limits.md): each
class limited per client IP, per signed-in person (two people behind one address have
budgets of their own and share the address's), the 429 in each surface's body with
Retry-After and the request id, the window's reset on the clock, X-Forwarded-For believed
only from the allowed proxies, 0 turning a class off, and the same answers on Redis.

Limits are lowered for one test by swapping the app's settings for a copy; the counters
start empty in every test (tests/conftest.py)."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator, Callable, Iterator
from datetime import datetime, timedelta
from typing import Any

import httpx
import pytest
from redis.asyncio import Redis
from sqlalchemy.ext.asyncio import AsyncSession
from uvicorn.middleware.proxy_headers import ProxyHeadersMiddleware

from staykit.core.clock import FrozenClock, utcnow
from staykit.core.config import RouteLimit, Settings
from staykit.core.ratelimit import InProcessCounters, RedisCounters
from tests.api.connect import flow
from tests.api.site.helpers import csrf_of, sign_in, stay_query
from tests.factories import assert_error, make_listing, make_logged_in, make_user

SEARCH = "/propertycatalog-api/v1/listings"
REDIS_URL = "redis://127.0.0.1:6379/15"
WINDOW = 60


@pytest.fixture
def frozen_at() -> datetime:
    """15 seconds into a window (the next minute, so every signing key is older)."""
    now = utcnow().replace(second=0, microsecond=0)
    return now + timedelta(minutes=1, seconds=15)


@pytest.fixture
def limits(app: Any, settings: Settings) -> Iterator[Callable[..., None]]:
    """Set some classes' limits (`search="2/5"`) for this test only."""

    def set_limits(**classes: str) -> None:
        update = {f"rate_limit_{name}": _parse(value) for name, value in classes.items()}
        app.state.settings = settings.model_copy(update=update)

    try:
        yield set_limits
    finally:
        app.state.settings = settings


def _parse(value: str) -> RouteLimit:
    ip, _, user = value.partition("/")
    return RouteLimit(int(ip), int(user or ip))


@pytest.fixture(params=["memory", "redis"])
async def store(request: pytest.FixtureRequest, app: Any) -> AsyncIterator[str]:
    """The app's route-limit counters for one test: in-process, or the machine's Redis
    (database 15, under a prefix of the test's own, deleted afterwards)."""
    if request.param == "memory":
        app.state.rate_limit_store = InProcessCounters()
        yield "memory"
        return
    client = Redis.from_url(REDIS_URL)
    prefix = f"staykit-test:{uuid.uuid4().hex}:"
    app.state.rate_limit_store = RedisCounters(client, prefix=prefix)
    try:
        yield "redis"
    finally:
        app.state.rate_limit_store = None
        keys = [k async for k in client.scan_iter(match=f"{prefix}*")]
        if keys:
            await client.delete(*keys)
        await client.aclose()


def assert_limited(r: httpx.Response, *, retry_after: int = 45) -> dict[str, object]:
    """A marketplace 429 from the limiter: its body, Retry-After the rest of the window."""
    body = assert_error(r, 429, message="errMsg_rateLimited")
    assert f"try again in {retry_after} seconds" in str(body["detail"])
    assert r.headers["retry-after"] == str(retry_after)
    assert r.headers["ratelimit-remaining"] == "0"
    assert r.headers["ratelimit-reset"] == str(retry_after)
    assert body["requestId"] == r.headers["x-request-id"]
    return body


# --- each class, per IP, on the marketplace API -------------------------------------------


def _requests(listing_id: str) -> dict[str, Callable[[httpx.AsyncClient, int], Any]]:
    """One request of each class (the n-th: registrations need fresh addresses)."""
    missing = uuid.uuid4()
    return {
        "search": lambda c, n: c.get(SEARCH, params={"q": "Lisbon"}),
        "quote": lambda c, n: c.get(
            f"{SEARCH}/{listing_id}/quote",
            params={"checkIn": "2031-05-01", "checkOut": "2031-05-03", "guestCount": 2},
        ),
        "listing": lambda c, n: c.get(f"{SEARCH}/{listing_id}"),
        "registration": lambda c, n: c.post(
            "/auth-api/v1/registeruser",
            json={
                "email": f"new-{missing}-{n}@example.test",
                "password": "correct horse battery",
                "fullname": "New Person",
            },
        ),
        "login": lambda c, n: c.post(
            "/auth-api/login", json={"username": "nobody@example.test", "password": "wrong pw"}
        ),
        "verification": lambda c, n: c.post(
            "/auth-api/verification-services/email-verification/start",
            json={"email": "nobody@example.test"},
        ),
    }


@pytest.mark.parametrize(
    "route_class", ["search", "quote", "listing", "registration", "login", "verification"]
)
async def test_each_class_is_limited_per_ip_with_its_own_budget(
    client: httpx.AsyncClient,
    db: AsyncSession,
    frozen: FrozenClock,
    limits: Callable[..., None],
    route_class: str,
) -> None:
    host = await make_user(db)
    listing = await make_listing(db, host)
    send = _requests(str(listing.id))
    limits(**{route_class: "2"})
    for n in range(2):
        r = await send[route_class](client, n)
        assert r.status_code < 429, r.text
    body = assert_limited(await send[route_class](client, 2))
    assert "from your network address" in str(body["detail"])
    # The other classes keep their own (default) budgets.
    other = "search" if route_class != "search" else "listing"
    assert (await send[other](client, 3)).status_code != 429


async def test_a_refused_login_never_reaches_the_password_check(
    client: httpx.AsyncClient, db: AsyncSession, frozen: FrozenClock, limits: Callable[..., None]
) -> None:
    person = await make_user(db)
    limits(login="1")
    wrong = {"username": person.email, "password": "not the password"}
    assert (await client.post("/auth-api/login", json=wrong)).status_code == 401
    # The right password now: refused before it is checked (no session, no token).
    right = {"username": person.email, "password": person.password}
    r = await client.post("/auth-api/login", json=right)
    assert_limited(r)
    assert "accessToken" not in r.text and "set-cookie" not in r.headers


# --- per person --------------------------------------------------------------------------


async def test_people_behind_one_address_have_their_own_budgets_and_share_its(
    client: httpx.AsyncClient,
    db: AsyncSession,
    frozen: FrozenClock,
    limits: Callable[..., None],
    store: str,
) -> None:
    ana = await make_logged_in(client, db)
    ben = await make_logged_in(client, db)
    limits(search="5/2")
    for _ in range(2):
        assert (await client.get(SEARCH, headers=ana.headers)).status_code == 200
    body = assert_limited(await client.get(SEARCH, headers=ana.headers))
    assert "for your account" in str(body["detail"])
    for _ in range(2):  # Ana's refusal took nothing from the address's budget
        assert (await client.get(SEARCH, headers=ben.headers)).status_code == 200
    assert (await client.get(SEARCH)).status_code == 200  # the address's fifth
    body = assert_limited(await client.get(SEARCH))
    assert "from your network address" in str(body["detail"])
    assert_limited(await client.get(SEARCH, headers=ben.headers))


async def test_the_window_ends_and_the_budget_is_back(
    client: httpx.AsyncClient,
    db: AsyncSession,
    frozen: FrozenClock,
    limits: Callable[..., None],
    store: str,
) -> None:
    limits(search="1")
    assert (await client.get(SEARCH)).status_code == 200
    assert_limited(await client.get(SEARCH), retry_after=45)
    frozen.advance(seconds=30)
    assert_limited(await client.get(SEARCH), retry_after=15)  # knocking does not extend it
    frozen.advance(seconds=15)
    assert (await client.get(SEARCH)).status_code == 200
    assert_limited(await client.get(SEARCH), retry_after=WINDOW)


async def test_zero_turns_a_class_or_one_side_off(
    client: httpx.AsyncClient, db: AsyncSession, frozen: FrozenClock, limits: Callable[..., None]
) -> None:
    person = await make_logged_in(client, db)
    limits(search="0", listing="0/1")
    for _ in range(5):
        assert (await client.get(SEARCH, headers=person.headers)).status_code == 200
    missing = f"{SEARCH}/{uuid.uuid4()}"
    for _ in range(3):  # no per-IP limit: only the person's
        assert (await client.get(missing)).status_code == 404
    assert (await client.get(missing, headers=person.headers)).status_code == 404
    assert_limited(await client.get(missing, headers=person.headers))


# --- the client's address ------------------------------------------------------------------


def behind(app: Any, peer: str, trusted: str) -> httpx.AsyncClient:
    """A client whose connection comes from `peer`, to the app behind uvicorn's proxy-headers
    middleware as `staykit serve` sets it up (STAYKIT_FORWARDED_ALLOW_IPS = `trusted`)."""
    proxied = ProxyHeadersMiddleware(app, trusted_hosts=trusted)
    transport = httpx.ASGITransport(app=proxied, client=(peer, 40000))  # type: ignore[arg-type]
    return httpx.AsyncClient(transport=transport, base_url="http://testserver")


async def test_x_forwarded_for_is_believed_only_from_allowed_proxies(
    app: Any, client: httpx.AsyncClient, frozen: FrozenClock, limits: Callable[..., None]
) -> None:
    limits(search="1")
    async with behind(app, "10.0.0.2", "10.0.0.2") as proxy:
        for visitor in ("203.0.113.7", "203.0.113.8"):  # each visitor has a budget
            r = await proxy.get(SEARCH, headers={"X-Forwarded-For": visitor})
            assert r.status_code == 200
        r = await proxy.get(SEARCH, headers={"X-Forwarded-For": "203.0.113.7"})
        assert_limited(r)
    async with behind(app, "198.51.100.9", "10.0.0.2") as stranger:
        # Not an allowed proxy: its X-Forwarded-For is ignored; the budget is its own.
        r = await stranger.get(SEARCH, headers={"X-Forwarded-For": "203.0.113.99"})
        assert r.status_code == 200
        r = await stranger.get(SEARCH, headers={"X-Forwarded-For": "203.0.113.100"})
        assert_limited(r)


# --- pages -----------------------------------------------------------------------------------


def assert_limited_page(r: httpx.Response, words: str) -> None:
    assert r.status_code == 429, r.text
    assert r.headers["content-type"].startswith("text/html")
    assert r.headers["retry-after"] == "45"
    assert words in r.text
    assert "try again in 45 seconds" in r.text


async def test_site_pages_are_limited_with_the_site_error_page(
    client: httpx.AsyncClient, db: AsyncSession, frozen: FrozenClock, limits: Callable[..., None]
) -> None:
    host = await make_user(db)
    listing = await make_listing(db, host)
    room = f"/rooms/{listing.id}"
    dated = f"{room}?{stay_query('2031-05-01', '2031-05-03')}"
    limits(search="1", listing="1", quote="1")
    for path in ("/s?where=Lisbon", room, dated):  # three classes: one each
        assert (await client.get(path)).status_code == 200, path
    for path in ("/s?where=Lisbon", room, dated):
        r = await client.get(path)
        assert_limited_page(r, "Too many")
        rid = r.headers["x-request-id"]
        assert f"Request id: <code>{rid}</code>" in r.text


async def test_site_sign_up_and_sign_in_are_limited(
    client: httpx.AsyncClient, db: AsyncSession, frozen: FrozenClock, limits: Callable[..., None]
) -> None:
    limits(registration="1", login="1")
    form = await client.get("/signup", params={"next": "/"})
    fields = {"csrf_token": csrf_of(form.text), "next": "/", "password": "correct horse battery"}
    r = await client.post("/signup", data={**fields, "fullname": "A", "email": "a@example.test"})
    assert r.status_code == 303, r.text  # signed up and signed in: neither used a sign-in
    client.cookies.delete("airbnb3-access-token")
    r = await client.post("/signup", data={**fields, "fullname": "B", "email": "b@example.test"})
    assert_limited_page(r, "Too many sign-ups")
    login = await client.get("/login", params={"next": "/"})
    attempt = {"csrf_token": csrf_of(login.text), "next": "/", "username": "a@example.test"}
    r = await client.post("/login", data={**attempt, "password": "wrong password"})
    assert r.status_code == 401
    r = await client.post("/login", data={**attempt, "password": "correct horse battery"})
    assert r.status_code == 429 and r.headers["retry-after"] == "45"
    assert "Too many sign-in attempts" in r.text


async def test_portal_sign_in_is_limited(
    client: httpx.AsyncClient, db: AsyncSession, frozen: FrozenClock, limits: Callable[..., None]
) -> None:
    person = await make_user(db)
    limits(login="1")
    page = await client.get("/account/signin", params={"next": "/account/"})
    form = {"csrf_token": csrf_of(page.text), "next": "/account/", "username": person.email}
    r = await client.post("/account/signin", data={**form, "password": "wrong password"})
    assert r.status_code == 401
    r = await client.post("/account/signin", data={**form, "password": person.password})
    assert r.status_code == 429 and r.headers["retry-after"] == "45"
    assert "Too many sign-in attempts" in r.text


async def test_oauth_sign_in_is_limited_on_its_own_page(
    client: httpx.AsyncClient, db: AsyncSession, frozen: FrozenClock, limits: Callable[..., None]
) -> None:
    person = await make_user(db)
    req = flow.Request(await flow.make_app(db))
    limits(login="1")
    page = await client.get(req.url())
    fields = dict(flow.hidden_fields(page.text))
    wrong = {**fields, "username": person.email, "password": "wrong password"}
    assert (await client.post("/connect/signin", data=wrong)).status_code == 401
    r = await client.post(
        "/connect/signin",
        data={**fields, "username": person.email, "password": person.password},
    )
    assert r.status_code == 429 and r.headers["retry-after"] == "45"
    assert r.headers["content-type"].startswith("text/html")
    assert "Too many sign-in attempts" in r.text and "Sign in" in r.text


VERIFICATION_STARTS = [
    "email-verification/start",
    "mobile-verification/start",
    "email-2factor-verification/start",
    "mobile-2factor-verification/start",
    "password-reset-by-email/start",
    "password-reset-by-mobile/start",
]


async def test_every_verification_start_shares_one_budget(
    client: httpx.AsyncClient, frozen: FrozenClock, limits: Callable[..., None]
) -> None:
    limits(verification="1")
    first = "/auth-api/verification-services/email-verification/start"
    r = await client.post(first, json={"email": "nobody@example.test"})
    assert r.status_code == 200, r.text
    for route in VERIFICATION_STARTS:
        # Refused before the body is even read: no code is made or sent.
        r = await client.post(f"/auth-api/verification-services/{route}", json={})
        assert_limited(r)
    completes = "/auth-api/verification-services/email-verification/complete"
    r = await client.post(completes, json={"email": "nobody@example.test", "secret_code": "1"})
    assert r.status_code != 429  # completing is not a start


async def test_site_pages_count_the_signed_in_person_by_their_cookie(
    client: httpx.AsyncClient, db: AsyncSession, frozen: FrozenClock, limits: Callable[..., None]
) -> None:
    person = await make_user(db)
    await sign_in(client, person)
    limits(search="3/1")
    assert (await client.get("/s?where=Lisbon")).status_code == 200
    r = await client.get("/s?where=Lisbon")
    assert_limited_page(r, "Too many searches for your account")
    client.cookies.delete("airbnb3-access-token")  # signed out: the address has room left
    assert (await client.get("/s?where=Lisbon")).status_code == 200
