"""Login sessions of the auth service (spec §1.2, §2.3): login, token locations, throttling,
logout, relogin, /currentuser, /publickey and signing-key rotation."""

from __future__ import annotations

import asyncio
import base64
import json
from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from staykit.core.clock import FrozenClock, utcnow
from staykit.core.config import Settings
from staykit.domain.auth import sessions
from staykit.domain.auth.keys import keyring, rotate
from staykit.domain.auth.models import LoginFailure
from tests.factories import PASSWORD, Person, assert_error, login, make_logged_in, make_user

TOKEN = "airbnb3-access-token"
LOGIN = "/auth-api/login"
PROTECTED = "/auth-api/v1/users/{}"


def jwt_header(token: str) -> dict[str, Any]:
    head = token.split(".", 1)[0]
    return json.loads(base64.urlsafe_b64decode(head + "=" * (-len(head) % 4)))


def forged(token: str) -> str:
    """The same header and claims with another signature."""
    head, claims, sig = token.split(".")
    flipped = ("A" if sig[0] != "A" else "B") + sig[1:]
    return f"{head}.{claims}.{flipped}"


@pytest.fixture
async def other_ip_client(
    app: object, session_factory: async_sessionmaker[AsyncSession], client: httpx.AsyncClient
) -> AsyncIterator[httpx.AsyncClient]:
    """A second client calling from another address, inside the same test transaction."""
    transport = httpx.ASGITransport(app=app, client=("198.51.100.7", 40000))  # type: ignore[arg-type]
    async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as c:
        yield c


async def browser_login(client: httpx.AsyncClient, person: Person) -> str:
    """Log in as a browser does: the client keeps the cookie. Returns the token."""
    r = await client.post(LOGIN, json={"username": person.email, "password": person.password})
    assert r.status_code == 200, r.text
    person.token = r.json()["accessToken"]
    return person.token


# --- login ----------------------------------------------------------------------------------


async def test_login_with_username_returns_session_cookie_and_header(
    client: httpx.AsyncClient, db: AsyncSession
) -> None:
    person = await make_user(db, fullname="Ada Host")
    r = await client.post(LOGIN, json={"username": person.email, "password": PASSWORD})
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["userId"] == person.id
    assert body["email"] == person.email
    assert body["fullname"] == "Ada Host"
    assert body["roleId"] == "user"
    assert body["sessionId"]
    assert body["sessionNeedsEmail2FA"] is False
    assert body["sessionNeedsMobile2FA"] is False
    assert body["expiresIn"] == 86_400
    token = body["accessToken"]
    assert token.count(".") == 2
    assert r.headers[TOKEN] == token
    cookie = r.headers["set-cookie"]
    assert cookie.startswith(f"{TOKEN}={token}")
    assert "HttpOnly" in cookie
    assert "Path=/" in cookie
    # No password or hash ever leaves the service.
    assert "password" not in r.text.lower()
    assert person.user.password_hash not in r.text


async def test_login_accepts_email_instead_of_username(
    client: httpx.AsyncClient, db: AsyncSession
) -> None:
    person = await make_user(db)
    r = await client.post(LOGIN, json={"email": person.email, "password": PASSWORD})
    assert r.status_code == 200, r.text
    assert r.json()["userId"] == person.id


async def test_login_email_is_case_insensitive(client: httpx.AsyncClient, db: AsyncSession) -> None:
    person = await make_user(db)
    r = await client.post(LOGIN, json={"username": person.email.upper(), "password": PASSWORD})
    assert r.status_code == 200, r.text
    assert r.json()["userId"] == person.id


async def test_login_username_wins_over_email(client: httpx.AsyncClient, db: AsyncSession) -> None:
    first = await make_user(db)
    second = await make_user(db)
    r = await client.post(
        LOGIN, json={"username": first.email, "email": second.email, "password": PASSWORD}
    )
    assert r.status_code == 200, r.text
    assert r.json()["userId"] == first.id
    # username names an unknown user: email is not a fallback.
    r = await client.post(
        LOGIN,
        json={"username": "nobody@example.test", "email": second.email, "password": PASSWORD},
    )
    assert_error(r, 401, message="errMsg_invalidCredentials")


async def test_login_page_is_an_html_form(client: httpx.AsyncClient) -> None:
    r = await client.get(LOGIN)
    assert r.status_code == 200
    assert r.headers["content-type"].startswith("text/html")
    assert '<form method="post" action="/auth-api/login"' in r.text
    assert 'name="username"' in r.text
    assert 'name="password"' in r.text


async def test_login_as_html_form_post(client: httpx.AsyncClient, db: AsyncSession) -> None:
    person = await make_user(db)
    r = await client.post(LOGIN, data={"username": person.email, "password": PASSWORD})
    assert r.status_code == 200, r.text
    assert r.json()["userId"] == person.id
    assert r.headers[TOKEN] == r.json()["accessToken"]


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"password": PASSWORD}, "username"),
        ({"username": "", "password": PASSWORD}, "username"),
        ({"username": "someone@example.test"}, "password"),
        ({"username": "someone@example.test", "password": ""}, "password"),
        ({}, "username"),
    ],
)
async def test_login_without_credentials_is_400_naming_the_field(
    client: httpx.AsyncClient, body: dict[str, str], field: str
) -> None:
    r = await client.post(LOGIN, json=body)
    assert_error(r, 400, message=f"errMsg_{field}Required", field=field)


async def test_login_form_post_without_password_is_400(client: httpx.AsyncClient) -> None:
    r = await client.post(LOGIN, data={"username": "someone@example.test"})
    assert_error(r, 400, message="errMsg_passwordRequired", field="password")


@pytest.mark.parametrize(
    ("content", "field"),
    [
        (b"{not json", "body"),
        (b"[1, 2]", "body"),
        (b'{"username": 5, "password": "x"}', "username"),
        (b'{"username": "a@example.test", "password": "x", "role": "admin"}', "role"),
        (b'{"username": "a@example.test", "password": "' + b"x" * 200 + b'"}', "password"),
        (b'{"username": "a\\u0000@example.test", "password": "x"}', "username"),
        (b'{"email": "a\\u0000@example.test", "password": "x"}', "email"),
    ],
)
async def test_login_with_malformed_body_is_400(
    client: httpx.AsyncClient, content: bytes, field: str
) -> None:
    r = await client.post(LOGIN, content=content, headers={"content-type": "application/json"})
    assert r.status_code == 400, r.text
    assert r.json()["field"] == field


async def test_wrong_password_and_unknown_email_get_the_same_401(
    client: httpx.AsyncClient, db: AsyncSession
) -> None:
    person = await make_user(db)
    wrong = await client.post(LOGIN, json={"username": person.email, "password": "not-it-at-all"})
    unknown = await client.post(
        LOGIN, json={"username": "ghost@example.test", "password": PASSWORD}
    )
    assert_error(wrong, 401, message="errMsg_invalidCredentials")
    assert_error(unknown, 401, message="errMsg_invalidCredentials")
    assert wrong.json()["detail"] == unknown.json()["detail"]
    assert TOKEN not in wrong.headers and "set-cookie" not in wrong.headers


async def test_soft_deleted_user_cannot_log_in(client: httpx.AsyncClient, db: AsyncSession) -> None:
    person = await make_user(db)
    person.user.is_active = False
    await db.commit()
    r = await client.post(LOGIN, json={"username": person.email, "password": PASSWORD})
    assert_error(r, 401, message="errMsg_invalidCredentials")


async def test_soft_deleted_users_live_token_stops_working(
    client: httpx.AsyncClient, db: AsyncSession
) -> None:
    person = await make_logged_in(client, db)
    client.cookies.clear()
    person.user.is_active = False
    await db.commit()
    r = await client.get("/auth-api/currentuser", headers=person.headers)
    assert r.status_code == 401


async def test_unverified_email_cannot_log_in_when_verification_is_required(
    client: httpx.AsyncClient, db: AsyncSession, settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    unverified = await make_user(db, email_verified=False)
    verified = await make_user(db, email_verified=True)
    monkeypatch.setattr(settings, "email_verification_required_for_login", True)
    r = await client.post(LOGIN, json={"username": unverified.email, "password": PASSWORD})
    assert_error(r, 403, message="errMsg_EmailVerificationNeeded")
    assert TOKEN not in r.headers
    # A wrong password still says 401: the 403 is only for the rightful owner.
    r = await client.post(LOGIN, json={"username": unverified.email, "password": "wrong-wrong"})
    assert_error(r, 401, message="errMsg_invalidCredentials")
    r = await client.post(LOGIN, json={"username": verified.email, "password": PASSWORD})
    assert r.status_code == 200, r.text


async def test_unverified_email_may_log_in_when_verification_is_not_required(
    client: httpx.AsyncClient, db: AsyncSession, settings: Settings
) -> None:
    assert settings.email_verification_required_for_login is False
    person = await make_user(db, email_verified=False)
    r = await client.post(LOGIN, json={"username": person.email, "password": PASSWORD})
    assert r.status_code == 200, r.text
    assert r.json()["emailVerified"] is False


# --- throttling -----------------------------------------------------------------------------


async def test_account_is_throttled_after_too_many_failures(
    client: httpx.AsyncClient,
    other_ip_client: httpx.AsyncClient,
    db: AsyncSession,
    settings: Settings,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(settings, "login_max_failures_per_account", 3)
    victim = await make_user(db)
    bystander = await make_user(db)
    for _ in range(3):
        r = await client.post(LOGIN, json={"username": victim.email, "password": "wrong-guess"})
        assert_error(r, 401, message="errMsg_invalidCredentials")
    r = await client.post(LOGIN, json={"username": victim.email, "password": PASSWORD})
    assert_error(r, 429, message="errMsg_tooManyLoginAttempts")
    retry = int(r.headers["Retry-After"])
    assert 0 < retry <= settings.login_window_seconds + 1
    # The account limit holds from every address.
    r = await other_ip_client.post(LOGIN, json={"username": victim.email, "password": PASSWORD})
    assert r.status_code == 429
    # Another account, from another address, is unaffected.
    r = await other_ip_client.post(LOGIN, json={"username": bystander.email, "password": PASSWORD})
    assert r.status_code == 200, r.text


async def test_account_throttle_ends_with_the_window(
    client: httpx.AsyncClient,
    db: AsyncSession,
    settings: Settings,
    monkeypatch: pytest.MonkeyPatch,
    frozen: FrozenClock,
) -> None:
    monkeypatch.setattr(settings, "login_max_failures_per_account", 2)
    person = await make_user(db)
    for _ in range(2):
        await client.post(LOGIN, json={"username": person.email, "password": "wrong-guess"})
    r = await client.post(LOGIN, json={"username": person.email, "password": PASSWORD})
    assert r.status_code == 429
    assert int(r.headers["Retry-After"]) == settings.login_window_seconds + 1
    frozen.advance(seconds=settings.login_window_seconds + 1)
    r = await client.post(LOGIN, json={"username": person.email, "password": PASSWORD})
    assert r.status_code == 200, r.text


async def test_successful_login_resets_the_account_failure_count(
    client: httpx.AsyncClient, db: AsyncSession, settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(settings, "login_max_failures_per_account", 3)
    person = await make_user(db)
    for _ in range(2):
        await client.post(LOGIN, json={"username": person.email, "password": "wrong-guess"})
    r = await client.post(LOGIN, json={"username": person.email, "password": PASSWORD})
    assert r.status_code == 200, r.text
    for _ in range(2):
        r = await client.post(LOGIN, json={"username": person.email, "password": "wrong-guess"})
        assert r.status_code == 401
    r = await client.post(LOGIN, json={"username": person.email, "password": PASSWORD})
    assert r.status_code == 200, r.text


async def test_address_is_throttled_after_too_many_failures(
    client: httpx.AsyncClient,
    other_ip_client: httpx.AsyncClient,
    db: AsyncSession,
    settings: Settings,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(settings, "login_max_failures_per_ip", 3)
    monkeypatch.setattr(settings, "login_max_failures_per_account", 100)
    person = await make_user(db)
    # Spraying one password over many (unknown) accounts from one address.
    for n in range(3):
        r = await client.post(
            LOGIN, json={"username": f"spray{n}@example.test", "password": "wrong-guess"}
        )
        assert r.status_code == 401
    r = await client.post(LOGIN, json={"username": person.email, "password": PASSWORD})
    assert_error(r, 429, message="errMsg_tooManyLoginAttempts")
    assert int(r.headers["Retry-After"]) > 0
    r = await other_ip_client.post(LOGIN, json={"username": person.email, "password": PASSWORD})
    assert r.status_code == 200, r.text


async def _counting_password_checks(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Patch the login's password verifier to record each check it makes."""
    checked: list[str] = []
    real = sessions.verify_password

    async def counting(password: str, password_hash: str | None) -> bool:
        checked.append(password)
        await asyncio.sleep(0.01)  # a slower hash: a wider window for a race
        return await real(password, password_hash)

    monkeypatch.setattr(sessions, "verify_password", counting)
    return checked


async def test_parallel_wrong_passwords_for_one_account_get_only_the_allowed_checks(
    committed_client: httpx.AsyncClient,
    committed_factory: async_sessionmaker[AsyncSession],
    settings: Settings,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    limit = settings.login_max_failures_per_account
    async with committed_factory() as session:
        victim = await make_user(session)
    checked = await _counting_password_checks(monkeypatch)
    answers = await asyncio.gather(
        *(
            committed_client.post(LOGIN, json={"username": victim.email, "password": f"guess-{n}"})
            for n in range(20)
        )
    )
    assert len(checked) == limit, checked
    statuses = sorted(r.status_code for r in answers)
    assert statuses == [401] * limit + [429] * (20 - limit), [r.text for r in answers]
    for r in answers:
        if r.status_code == 429:
            assert_error(r, 429, message="errMsg_tooManyLoginAttempts")
            assert int(r.headers["Retry-After"]) > 0
    async with committed_factory() as session:
        recorded = await session.scalar(
            select(func.count()).where(LoginFailure.email == victim.email)
        )
    assert recorded == limit


async def test_parallel_guesses_over_many_accounts_from_one_address_get_only_the_allowed_checks(
    committed_client: httpx.AsyncClient,
    settings: Settings,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(settings, "login_max_failures_per_ip", 4)
    checked = await _counting_password_checks(monkeypatch)
    answers = await asyncio.gather(
        *(
            committed_client.post(
                LOGIN, json={"username": f"spray{n}@example.test", "password": "wrong-guess"}
            )
            for n in range(20)
        )
    )
    assert len(checked) == 4, checked
    statuses = sorted(r.status_code for r in answers)
    assert statuses == [401] * 4 + [429] * 16, [r.text for r in answers]


# --- token locations ------------------------------------------------------------------------


async def _token_pair(client: httpx.AsyncClient, db: AsyncSession) -> tuple[Person, str]:
    person = await make_logged_in(client, db)
    client.cookies.clear()
    assert person.token
    return person, person.token


@pytest.mark.parametrize("where", ["query", "bearer", "header", "cookie"])
async def test_token_is_accepted_from_each_location(
    client: httpx.AsyncClient, db: AsyncSession, where: str
) -> None:
    person, token = await _token_pair(client, db)
    url = PROTECTED.format(person.id)
    params: dict[str, str] = {}
    headers: dict[str, str] = {}
    if where == "query":
        params["access_token"] = token
    elif where == "bearer":
        headers["Authorization"] = f"Bearer {token}"
    elif where == "header":
        headers[TOKEN] = token
    else:
        client.cookies.set(TOKEN, token)
    r = await client.get(url, params=params, headers=headers)
    assert r.status_code == 200, r.text
    assert r.json()["user"]["id"] == person.id
    r = await client.get("/auth-api/currentuser", params=params, headers=headers)
    assert r.status_code == 200, r.text
    assert r.json()["userId"] == person.id


async def test_token_locations_are_searched_in_order(
    client: httpx.AsyncClient, db: AsyncSession
) -> None:
    person, good = await _token_pair(client, db)
    bad = "not-a-token"
    url = PROTECTED.format(person.id)

    # A valid token in an earlier location wins over an invalid one later.
    r = await client.get(
        url, params={"access_token": good}, headers={"Authorization": f"Bearer {bad}"}
    )
    assert r.status_code == 200, r.text
    r = await client.get(url, headers={"Authorization": f"Bearer {good}", TOKEN: bad})
    assert r.status_code == 200, r.text
    client.cookies.set(TOKEN, bad)
    r = await client.get(url, headers={TOKEN: good})
    assert r.status_code == 200, r.text

    # An invalid token in an earlier location is used, even with a valid one later.
    r = await client.get(
        url, params={"access_token": bad}, headers={"Authorization": f"Bearer {good}"}
    )
    assert r.status_code == 401, r.text
    r = await client.get(url, headers={"Authorization": f"Bearer {bad}", TOKEN: good})
    assert r.status_code == 401, r.text
    client.cookies.set(TOKEN, good)
    r = await client.get(url, headers={TOKEN: bad})
    assert r.status_code == 401, r.text


async def test_non_bearer_authorization_falls_through_to_the_header(
    client: httpx.AsyncClient, db: AsyncSession
) -> None:
    person, good = await _token_pair(client, db)
    r = await client.get(
        PROTECTED.format(person.id), headers={"Authorization": "Basic Zm9vOmJhcg==", TOKEN: good}
    )
    assert r.status_code == 200, r.text


async def test_protected_route_without_a_token_is_401(
    client: httpx.AsyncClient, db: AsyncSession
) -> None:
    person = await make_user(db)
    r = await client.get(PROTECTED.format(person.id))
    assert_error(r, 401, message="errMsg_noLoginFound")


@pytest.mark.parametrize(
    "token",
    [
        "garbage",
        "a.b.c",
        "eyJhbGciOiJub25lIn0.e30.",
        "eyJhbGciOiJub25lIiwia2lkIjpbMV19.e30.x",
        "\u00e9t\u00e9.x.y",
        "x" * 5000,
    ],
)
async def test_garbage_tokens_are_401(
    client: httpx.AsyncClient, db: AsyncSession, token: str
) -> None:
    person = await make_user(db)
    if token.isascii():
        r = await client.get(PROTECTED.format(person.id), headers={TOKEN: token})
        assert r.status_code == 401, r.text
    r = await client.get(PROTECTED.format(person.id), params={"access_token": token})
    assert r.status_code == 401, r.text
    r = await client.get("/auth-api/currentuser", params={"access_token": token})
    assert r.status_code == 401, r.text


async def test_forged_signature_is_401(client: httpx.AsyncClient, db: AsyncSession) -> None:
    person, good = await _token_pair(client, db)
    r = await client.get(PROTECTED.format(person.id), headers={TOKEN: forged(good)})
    assert_error(r, 401, message="errMsg_invalidToken")


async def test_token_with_tampered_claims_is_401(
    client: httpx.AsyncClient, db: AsyncSession
) -> None:
    _, good = await _token_pair(client, db)
    admin = await make_user(db, role="admin")
    head, claims_b64, sig = good.split(".")
    claims = json.loads(base64.urlsafe_b64decode(claims_b64 + "=" * (-len(claims_b64) % 4)))
    claims["sub"] = admin.id
    claims["role"] = "admin"
    tampered_claims = base64.urlsafe_b64encode(json.dumps(claims).encode()).rstrip(b"=").decode()
    r = await client.get(
        PROTECTED.format(admin.id), headers={TOKEN: f"{head}.{tampered_claims}.{sig}"}
    )
    assert_error(r, 401, message="errMsg_invalidToken")


async def test_unsigned_alg_none_token_is_401(client: httpx.AsyncClient, db: AsyncSession) -> None:
    person, good = await _token_pair(client, db)
    kid = jwt_header(good)["kid"]
    head = (
        base64.urlsafe_b64encode(json.dumps({"alg": "none", "typ": "JWT", "kid": kid}).encode())
        .rstrip(b"=")
        .decode()
    )
    claims = good.split(".")[1]
    r = await client.get(PROTECTED.format(person.id), headers={TOKEN: f"{head}.{claims}."})
    assert r.status_code == 401, r.text


def _claims_of(token: str) -> dict[str, Any]:
    body = token.split(".")[1]
    return dict(json.loads(base64.urlsafe_b64decode(body + "=" * (-len(body) % 4))))


async def test_session_tokens_name_their_issuer_and_audience(
    client: httpx.AsyncClient, db: AsyncSession
) -> None:
    person, token = await _token_pair(client, db)
    claims = _claims_of(token)
    assert claims["iss"] == "staykit" and claims["aud"] == "staykit:session"
    assert claims["sub"] == person.id


@pytest.mark.parametrize(
    ("bad", "message"),
    [
        ({"nbf": 3600}, "errMsg_tokenNotYetValid"),
        ({"nbf": 120}, "errMsg_tokenNotYetValid"),
        ({"nbf": "0"}, "errMsg_tokenNotYetValid"),
        ({"iat": 3600}, "errMsg_invalidToken"),
        ({"iat": None}, "errMsg_invalidToken"),
        ({"iss": "someone-else"}, "errMsg_invalidToken"),
        ({"aud": "another-service"}, "errMsg_invalidToken"),
        ({"aud": ["another-service", "third"]}, "errMsg_invalidToken"),
        ({"exp": -1}, "errMsg_tokenExpired"),
        ({"exp": True}, "errMsg_tokenExpired"),
    ],
)
async def test_tokens_signed_by_the_service_with_a_bad_registered_claim_are_401(
    client: httpx.AsyncClient, db: AsyncSession, bad: dict[str, Any], message: str
) -> None:
    person, token = await _token_pair(client, db)
    r = await client.get(PROTECTED.format(person.id), headers=person.headers)
    assert r.status_code == 200, r.text
    now = int(utcnow().timestamp())
    claims = _claims_of(token)
    # Times are given relative to now; anything else as it is.
    for name, value in bad.items():
        relative = name in ("nbf", "iat", "exp") and isinstance(value, int)
        claims[name] = now + value if relative and not isinstance(value, bool) else value
    forged_claims = await keyring.sign_current(db, claims)
    r = await client.get(PROTECTED.format(person.id), headers={TOKEN: forged_claims})
    assert_error(r, 401, message=message)


async def test_tokens_within_the_clock_leeway_and_with_our_claims_are_accepted(
    client: httpx.AsyncClient, db: AsyncSession
) -> None:
    person, token = await _token_pair(client, db)
    now = int(utcnow().timestamp())
    for extra in (
        {"nbf": now + 10, "iat": now + 10},
        {"aud": ["other", "staykit:session"]},
        {"iss": "staykit", "aud": "staykit:session"},
    ):
        signed = await keyring.sign_current(db, {**_claims_of(token), **extra})
        r = await client.get(PROTECTED.format(person.id), headers={TOKEN: signed})
        assert r.status_code == 200, (extra, r.text)
    # A token from before issuer and audience were stamped still works until it expires.
    legacy = {k: v for k, v in _claims_of(token).items() if k not in ("iss", "aud")}
    r = await client.get(
        PROTECTED.format(person.id), headers={TOKEN: await keyring.sign_current(db, legacy)}
    )
    assert r.status_code == 200, r.text


async def test_a_token_not_valid_yet_works_once_its_time_comes(
    client: httpx.AsyncClient, db: AsyncSession, frozen: FrozenClock
) -> None:
    person, token = await _token_pair(client, db)
    claims = {**_claims_of(token), "nbf": int(frozen.now().timestamp()) + 600}
    early = await keyring.sign_current(db, claims)
    r = await client.get(PROTECTED.format(person.id), headers={TOKEN: early})
    assert_error(r, 401, message="errMsg_tokenNotYetValid")
    frozen.advance(seconds=601)
    r = await client.get(PROTECTED.format(person.id), headers={TOKEN: early})
    assert r.status_code == 200, r.text


async def test_expired_token_is_401(
    client: httpx.AsyncClient, db: AsyncSession, settings: Settings, frozen: FrozenClock
) -> None:
    person, _ = await _token_pair(client, db)
    r = await client.get(PROTECTED.format(person.id), headers=person.headers)
    assert r.status_code == 200
    frozen.advance(seconds=settings.access_token_ttl_seconds - 5)
    r = await client.get(PROTECTED.format(person.id), headers=person.headers)
    assert r.status_code == 200, r.text
    frozen.advance(seconds=10)
    r = await client.get(PROTECTED.format(person.id), headers=person.headers)
    assert_error(r, 401, message="errMsg_tokenExpired")
    r = await client.get("/auth-api/currentuser", headers=person.headers)
    assert r.status_code == 401
    r = await client.get("/auth-api/relogin", headers=person.headers)
    assert r.status_code == 401
    assert r.json() == {"status": "ERR", "message": "Cannot relogin"}


# --- logout ---------------------------------------------------------------------------------


async def test_logout_revokes_the_session_and_clears_the_cookie(
    client: httpx.AsyncClient, db: AsyncSession
) -> None:
    person = await make_user(db)
    await browser_login(client, person)
    assert client.cookies.get(TOKEN) == person.token
    r = await client.post("/auth-api/logout", headers=person.headers)
    assert r.status_code == 200, r.text
    cookie = r.headers["set-cookie"]
    assert cookie.startswith(f'{TOKEN}=""') or cookie.startswith(f"{TOKEN}=;")
    assert "Max-Age=0" in cookie
    assert client.cookies.get(TOKEN) is None
    r = await client.get(PROTECTED.format(person.id), headers=person.headers)
    assert_error(r, 401, message="errMsg_sessionEnded")
    r = await client.get("/auth-api/currentuser", headers=person.headers)
    assert r.status_code == 401
    assert r.json() == {"status": "ERR", "message": "No login found"}


async def test_logout_by_cookie_revokes_the_session(
    client: httpx.AsyncClient, db: AsyncSession
) -> None:
    person = await make_user(db)
    await browser_login(client, person)
    r = await client.post("/auth-api/logout")  # the cookie from login is the only token
    assert r.status_code == 200
    r = await client.get(PROTECTED.format(person.id), headers=person.headers)
    assert r.status_code == 401


async def test_logout_is_public_and_idempotent(client: httpx.AsyncClient, db: AsyncSession) -> None:
    r = await client.post("/auth-api/logout")
    assert r.status_code == 200
    r = await client.post("/auth-api/logout", headers={TOKEN: "garbage"})
    assert r.status_code == 200
    person = await make_logged_in(client, db)
    for _ in range(2):
        r = await client.post("/auth-api/logout", headers=person.headers)
        assert r.status_code == 200, r.text


async def test_logout_ends_only_the_current_session(
    client: httpx.AsyncClient, db: AsyncSession
) -> None:
    person = await make_user(db)
    first = (await login(client, person)).token
    second = (await login(client, person)).token
    client.cookies.clear()
    r = await client.post("/auth-api/logout", headers={TOKEN: first})
    assert r.status_code == 200
    assert (await client.get("/auth-api/currentuser", headers={TOKEN: first})).status_code == 401
    assert (await client.get("/auth-api/currentuser", headers={TOKEN: second})).status_code == 200


# --- relogin --------------------------------------------------------------------------------


async def test_relogin_issues_a_new_session_and_ends_the_old_one(
    client: httpx.AsyncClient, db: AsyncSession
) -> None:
    person, old_token = await _token_pair(client, db)
    old_session = (await client.get("/auth-api/currentuser", headers=person.headers)).json()
    r = await client.get("/auth-api/relogin", headers=person.headers)
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["userId"] == person.id
    assert body["sessionId"] != old_session["sessionId"]
    assert body["accessToken"] and body["accessToken"] != old_token
    assert r.headers[TOKEN] == body["accessToken"]
    assert "HttpOnly" in r.headers["set-cookie"]
    client.cookies.clear()
    r = await client.get(PROTECTED.format(person.id), headers={TOKEN: old_token})
    assert r.status_code == 401
    r = await client.get(PROTECTED.format(person.id), headers={TOKEN: body["accessToken"]})
    assert r.status_code == 200, r.text


async def test_relogin_reflects_changes_to_the_user(
    client: httpx.AsyncClient, db: AsyncSession
) -> None:
    person, _ = await _token_pair(client, db)
    person.user.fullname = "Renamed Person"
    person.user.role_id = "admin"
    await db.commit()
    r = await client.get("/auth-api/relogin", headers=person.headers)
    assert r.status_code == 200, r.text
    assert r.json()["fullname"] == "Renamed Person"
    assert r.json()["roleId"] == "admin"


@pytest.mark.parametrize("headers", [{}, {TOKEN: "garbage"}])
async def test_relogin_without_a_valid_token_is_401(
    client: httpx.AsyncClient, headers: dict[str, str]
) -> None:
    r = await client.get("/auth-api/relogin", headers=headers)
    assert r.status_code == 401
    assert r.json() == {"status": "ERR", "message": "Cannot relogin"}


async def test_relogin_with_a_logged_out_token_is_401(
    client: httpx.AsyncClient, db: AsyncSession
) -> None:
    person, _ = await _token_pair(client, db)
    await client.post("/auth-api/logout", headers=person.headers)
    r = await client.get("/auth-api/relogin", headers=person.headers)
    assert r.status_code == 401
    assert r.json() == {"status": "ERR", "message": "Cannot relogin"}


async def test_relogin_keeps_a_pending_two_factor_requirement(
    client: httpx.AsyncClient, db: AsyncSession, settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(settings, "email_2fa_required", True)
    person, _ = await _token_pair(client, db)
    r = await client.get("/auth-api/relogin", headers=person.headers)
    assert r.status_code == 200, r.text
    assert r.json()["sessionNeedsEmail2FA"] is True
    r = await client.get(PROTECTED.format(person.id), headers={TOKEN: r.json()["accessToken"]})
    assert_error(r, 403, message="errMsg_email2FARequired")


# --- currentuser ----------------------------------------------------------------------------


async def test_currentuser_returns_the_session(client: httpx.AsyncClient, db: AsyncSession) -> None:
    person, _ = await _token_pair(client, db)
    login_body = (
        await client.post(LOGIN, json={"username": person.email, "password": PASSWORD})
    ).json()
    client.cookies.clear()
    r = await client.get("/auth-api/currentuser", headers={TOKEN: login_body["accessToken"]})
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["sessionId"] == login_body["sessionId"]
    assert body["userId"] == person.id
    assert body["email"] == person.email
    assert body["fullname"] == person.user.fullname
    assert body["roleId"] == "user"
    assert body["accessToken"] == login_body["accessToken"]
    assert "tenantId" in body
    assert "password" not in r.text.lower()


async def test_currentuser_anonymously_is_401_no_login_found(client: httpx.AsyncClient) -> None:
    r = await client.get("/auth-api/currentuser")
    assert r.status_code == 401
    assert r.json() == {"status": "ERR", "message": "No login found"}


# --- public keys and rotation ---------------------------------------------------------------


async def test_publickey_returns_the_current_key_as_pem(
    client: httpx.AsyncClient, db: AsyncSession
) -> None:
    _, token = await _token_pair(client, db)
    r = await client.get("/auth-api/publickey")
    assert r.status_code == 200, r.text
    body = r.json()
    assert set(body) == {"keyId", "keyData"}
    assert body["keyId"] == jwt_header(token)["kid"]
    assert body["keyData"].startswith("-----BEGIN PUBLIC KEY-----")
    assert "PRIVATE" not in body["keyData"]
    r = await client.get("/auth-api/publickey", params={"keyId": body["keyId"]})
    assert r.status_code == 200
    assert r.json() == body


async def test_publickey_verifies_tokens_outside_the_service(
    client: httpx.AsyncClient, db: AsyncSession
) -> None:
    """A backend service can check a token with nothing but /publickey (spec §1.2)."""
    from joserfc import jwt
    from joserfc.jwk import RSAKey

    person, token = await _token_pair(client, db)
    pem = (await client.get("/auth-api/publickey")).json()["keyData"]
    claims = jwt.decode(token, RSAKey.import_key(pem), algorithms=["RS256"]).claims
    assert claims["sub"] == person.id


@pytest.mark.parametrize("key_id", ["no-such-key", "x" * 64, "nul\x00byte"])
async def test_publickey_for_an_unknown_key_is_404(client: httpx.AsyncClient, key_id: str) -> None:
    r = await client.get("/auth-api/publickey", params={"keyId": key_id})
    assert_error(r, 404, message="errMsg_publicKeyNotFound", field="keyId")
    assert key_id not in r.text  # what was sent is not repeated


async def test_an_unknown_user_id_is_not_repeated_in_the_404(
    client: httpx.AsyncClient, db: AsyncSession
) -> None:
    person = await make_logged_in(client, db, role="admin")
    ghost = "0190f0c2-0000-7000-8000-00000000dead"
    r = await client.get(PROTECTED.format(ghost), headers=person.headers)
    assert_error(r, 404, message="errMsg_userNotFound", field="userId")
    assert ghost not in r.text


async def test_publickey_with_an_oversized_key_id_is_400(client: httpx.AsyncClient) -> None:
    r = await client.get("/auth-api/publickey", params={"keyId": "x" * 65})
    assert r.status_code == 400
    assert r.json()["field"] == "keyId"


async def test_key_rotation_keeps_old_tokens_and_signs_new_ones_with_the_new_key(
    client: httpx.AsyncClient, db: AsyncSession, settings: Settings, fresh_keyring: None
) -> None:
    person, old_token = await _token_pair(client, db)
    old_kid = jwt_header(old_token)["kid"]

    new_key = await rotate(db, settings.access_token_ttl_seconds)
    await db.commit()
    assert new_key.kid != old_kid

    # Tokens signed by the previous key keep working.
    r = await client.get(PROTECTED.format(person.id), headers={TOKEN: old_token})
    assert r.status_code == 200, r.text

    # New logins are signed with the new key.
    fresh = (await login(client, person)).token
    assert fresh is not None
    client.cookies.clear()
    assert jwt_header(fresh)["kid"] == new_key.kid
    r = await client.get(PROTECTED.format(person.id), headers={TOKEN: fresh})
    assert r.status_code == 200, r.text

    # /publickey serves the new key by default and the old one on request.
    r = await client.get("/auth-api/publickey")
    assert r.json()["keyId"] == new_key.kid
    assert r.json()["keyData"] == new_key.public_pem
    r = await client.get("/auth-api/publickey", params={"keyId": old_kid})
    assert r.status_code == 200
    assert r.json()["keyId"] == old_kid

    # Relogin with the old token also moves to the new key.
    r = await client.get("/auth-api/relogin", headers={TOKEN: old_token})
    assert r.status_code == 200, r.text
    assert jwt_header(r.json()["accessToken"])["kid"] == new_key.kid


async def test_rotation_retires_a_key_only_after_its_tokens_expired(
    client: httpx.AsyncClient,
    db: AsyncSession,
    settings: Settings,
    fresh_keyring: None,
    frozen: FrozenClock,
) -> None:
    person, old_token = await _token_pair(client, db)
    old_kid = jwt_header(old_token)["kid"]
    await rotate(db, settings.access_token_ttl_seconds)
    frozen.advance(seconds=settings.access_token_ttl_seconds - 60)
    await rotate(db, settings.access_token_ttl_seconds)
    await db.commit()
    assert (await client.get("/auth-api/publickey", params={"keyId": old_kid})).status_code == 200
    r = await client.get(PROTECTED.format(person.id), headers={TOKEN: old_token})
    assert r.status_code == 200, r.text
    frozen.advance(seconds=120)
    await rotate(db, settings.access_token_ttl_seconds)
    await db.commit()
    r = await client.get("/auth-api/publickey", params={"keyId": old_kid})
    assert_error(r, 404, message="errMsg_publicKeyNotFound", field="keyId")


async def test_tokens_of_a_retired_key_are_401_at_once(
    client: httpx.AsyncClient, db: AsyncSession, fresh_keyring: None
) -> None:
    """An emergency rotation (a leaked key) retires the old key with a zero grace period:
    its tokens stop working although they have not expired."""
    person, old_token = await _token_pair(client, db)
    await rotate(db, 0)
    await db.commit()
    r = await client.get(PROTECTED.format(person.id), headers={TOKEN: old_token})
    assert_error(r, 401, message="errMsg_invalidToken")
    fresh = (await login(client, person)).token
    r = await client.get(PROTECTED.format(person.id), headers={TOKEN: fresh or ""})
    assert r.status_code == 200, r.text


def _with_header(token: str, header: dict[str, Any]) -> str:
    head = base64.urlsafe_b64encode(json.dumps(header).encode()).rstrip(b"=").decode()
    return head + token[token.index(".") :]


@pytest.mark.parametrize("kid", ["no-such-key", "bad\u0000kid", "k" * 100_000, 17, None])
async def test_token_with_an_unknown_or_malformed_kid_is_401(
    client: httpx.AsyncClient, db: AsyncSession, kid: object
) -> None:
    person, good = await _token_pair(client, db)
    token = _with_header(good, {"alg": "RS256", "typ": "JWT", "kid": kid})
    r = await client.get(PROTECTED.format(person.id), headers={TOKEN: token})
    assert_error(r, 401, message="errMsg_invalidToken")


async def test_login_is_not_served_from_a_stale_key_after_rotation_elsewhere(
    client: httpx.AsyncClient, db: AsyncSession, settings: Settings, fresh_keyring: None
) -> None:
    """Another process (the CLI) rotates: this process must notice without a restart."""
    person = await make_user(db)
    before = keyring.current_kid
    new_key = await rotate(db, settings.access_token_ttl_seconds)
    await db.commit()
    assert keyring.current_kid == before  # rotate() touched only the database
    token = (await login(client, person)).token
    assert token is not None
    assert jwt_header(token)["kid"] == new_key.kid


async def test_login_token_is_rs256_with_a_kid(client: httpx.AsyncClient, db: AsyncSession) -> None:
    person, token = await _token_pair(client, db)
    header = jwt_header(token)
    assert header["alg"] == "RS256"
    assert header["kid"]
    claims_b64 = token.split(".")[1]
    claims = json.loads(base64.urlsafe_b64decode(claims_b64 + "=" * (-len(claims_b64) % 4)))
    assert claims["sub"] == person.id
    assert abs(claims["exp"] - claims["iat"] - 86_400) <= 1
