"""Verification services under /auth-api/verification-services (spec §2.4): the six
start/complete flows, their codes (expiry, resend throttling, attempt limits) and effects."""

from __future__ import annotations

import secrets
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import httpx
import pytest
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from staykit.core.clock import FrozenClock, utcnow
from staykit.core.config import Settings
from staykit.domain.notifications.models import OutboundMessage
from tests.factories import PASSWORD, Person, assert_error, make_user

BASE = "/auth-api/verification-services"
NEW_PASSWORD = "a-brand-new-passphrase"
TOKEN = "airbnb3-access-token"

FLOWS = (
    "email-verification",
    "mobile-verification",
    "email-2factor-verification",
    "mobile-2factor-verification",
    "password-reset-by-email",
    "password-reset-by-mobile",
)
TWO_FACTOR = ("email-2factor-verification", "mobile-2factor-verification")
# Started by an email address: they answer alike for every address (no userId).
BY_EMAIL = ("email-verification", "password-reset-by-email")
# Started by an address (an email, or a mobile number for the reset by mobile): they
# answer alike for every address (the address as sent, no userId).
BY_ADDRESS = (*BY_EMAIL, "mobile-verification", "password-reset-by-mobile")
ADDRESS = {"password-reset-by-mobile": "mobile"}  # the field a start is keyed by


def new_mobile() -> str:
    return "+1555" + "".join(secrets.choice("0123456789") for _ in range(7))


@dataclass
class Case:
    """One flow, arranged: who it is for, what start takes, what complete takes."""

    flow: str
    person: Person
    start_body: dict[str, Any]
    complete_extra: dict[str, Any]
    token: str | None = None

    def complete_body(self, code: str) -> dict[str, Any]:
        return {**self.complete_extra, "secretCode": code}

    @property
    def channel(self) -> str:
        return "sms" if "mobile" in self.flow else "email"

    @property
    def recipient(self) -> str:
        user = self.person.user
        return user.mobile if self.channel == "sms" else user.email  # type: ignore[return-value]


async def start(client: httpx.AsyncClient, case: Case) -> httpx.Response:
    return await client.post(f"{BASE}/{case.flow}/start", json=case.start_body)


async def complete(client: httpx.AsyncClient, case: Case, code: str) -> httpx.Response:
    return await client.post(f"{BASE}/{case.flow}/complete", json=case.complete_body(code))


async def started_code(client: httpx.AsyncClient, case: Case) -> str:
    r = await start(client, case)
    assert r.status_code == 200, r.text
    code = r.json()["secretCode"]
    assert isinstance(code, str)
    return code


async def log_in(client: httpx.AsyncClient, person: Person) -> dict[str, Any]:
    r = await client.post(
        "/auth-api/login", json={"username": person.email, "password": person.password}
    )
    assert r.status_code == 200, r.text
    client.cookies.clear()
    person.token = r.json()["accessToken"]
    return r.json()


async def arrange(flow: str, client: httpx.AsyncClient, db: AsyncSession) -> Case:
    if flow == "email-verification":
        person = await make_user(db, email_verified=False)
        return Case(flow, person, {"email": person.email}, {"email": person.email})
    if flow == "mobile-verification":
        person = await make_user(db, mobile=new_mobile())
        return Case(flow, person, {"email": person.email}, {"email": person.email})
    if flow in TWO_FACTOR:
        person = await make_user(db, mobile=new_mobile(), mobile_verified=True)
        session = await log_in(client, person)
        ids = {"userId": person.id, "sessionId": session["sessionId"]}
        return Case(flow, person, {**ids, "client": "tests", "reason": "login"}, ids, person.token)
    if flow == "password-reset-by-email":
        person = await make_user(db)
        return Case(
            flow, person, {"email": person.email}, {"email": person.email, "password": NEW_PASSWORD}
        )
    assert flow == "password-reset-by-mobile"
    person = await make_user(db, mobile=new_mobile(), mobile_verified=True)
    assert person.user.mobile
    return Case(
        flow,
        person,
        {"mobile": person.user.mobile},
        {"email": person.email, "password": NEW_PASSWORD},
    )


Arranger = Callable[[str], Awaitable[Case]]


@pytest.fixture
def arranged(client: httpx.AsyncClient, db: AsyncSession) -> Arranger:
    async def make(flow: str) -> Case:
        return await arrange(flow, client, db)

    return make


# --- every flow -----------------------------------------------------------------------------


@pytest.mark.parametrize("flow", FLOWS)
async def test_start_in_the_test_env_returns_code_expiry_and_date(
    client: httpx.AsyncClient, db: AsyncSession, settings: Settings, arranged: Arranger, flow: str
) -> None:
    assert settings.env == "test"
    case = await arranged(flow)
    r = await start(client, case)
    assert r.status_code == 200, r.text
    body = r.json()
    code = body["secretCode"]
    assert len(code) == 6 and code.isdigit()
    expected_ttl = (
        settings.two_factor_expire_seconds
        if flow in TWO_FACTOR
        else settings.verification_expire_seconds
    )
    assert body["expireTime"] == expected_ttl
    started_at = datetime.fromisoformat(body["date"])
    assert abs((utcnow() - started_at).total_seconds()) < 60
    if flow in BY_ADDRESS:
        assert "userId" not in body
    else:
        assert body["userId"] == case.person.id
    if flow in TWO_FACTOR:
        assert body["sessionId"] == case.start_body["sessionId"]
    if flow == "mobile-verification":
        assert body["email"] == case.person.email  # started by the email: answered with it
    elif case.channel == "sms":
        assert body["mobile"] == case.person.user.mobile
    else:
        assert body["email"] == case.person.email
    # The code also leaves by the flow's channel, to the user's address.
    message = await db.scalar(
        select(OutboundMessage)
        .where(OutboundMessage.recipient == case.recipient, OutboundMessage.purpose == flow)
        .order_by(OutboundMessage.created_at.desc())
        .limit(1)
    )
    assert message is not None
    assert message.channel == case.channel
    assert code in (message.body or "")


@pytest.mark.parametrize("flow", FLOWS)
async def test_production_start_keeps_the_code_out_of_the_response(
    client: httpx.AsyncClient,
    db: AsyncSession,
    settings: Settings,
    arranged: Arranger,
    monkeypatch: pytest.MonkeyPatch,
    flow: str,
) -> None:
    case = await arranged(flow)
    monkeypatch.setattr(settings, "env", "production")
    r = await start(client, case)
    assert r.status_code == 200, r.text
    body = r.json()
    assert "secretCode" not in body
    if flow in BY_ADDRESS:
        assert "userId" not in body
    else:
        assert body["userId"] == case.person.id
    assert "expireTime" in body and "date" in body
    # The code went by email/SMS instead, and it completes the flow.
    message = await db.scalar(
        select(OutboundMessage)
        .where(OutboundMessage.recipient == case.recipient, OutboundMessage.purpose == flow)
        .order_by(OutboundMessage.created_at.desc())
        .limit(1)
    )
    assert message is not None and message.body
    code = next(
        w.strip(".")
        for w in message.body.split()
        if w.strip(".").isdigit() and len(w.strip(".")) == 6
    )
    assert code not in r.text
    r = await complete(client, case, code)
    assert r.status_code == 200, r.text


@pytest.mark.parametrize("flow", FLOWS)
async def test_wrong_code_is_403(client: httpx.AsyncClient, arranged: Arranger, flow: str) -> None:
    case = await arranged(flow)
    code = await started_code(client, case)
    wrong = "000000" if code != "000000" else "111111"
    r = await complete(client, case, wrong)
    assert_error(r, 403, message="errMsg_codeMismatch", field="secretCode")
    # A wrong guess does not burn the code.
    r = await complete(client, case, code)
    assert r.status_code == 200, r.text


@pytest.mark.parametrize("flow", FLOWS)
async def test_after_too_many_wrong_codes_even_the_right_code_fails(
    client: httpx.AsyncClient, settings: Settings, arranged: Arranger, flow: str
) -> None:
    case = await arranged(flow)
    code = await started_code(client, case)
    wrong = "000000" if code != "000000" else "111111"
    for _ in range(settings.verification_max_attempts):
        r = await complete(client, case, wrong)
        assert_error(r, 403, message="errMsg_codeMismatch")
    r = await complete(client, case, code)
    assert_error(r, 403, message="errMsg_tooManyCodeAttempts")


@pytest.mark.parametrize("flow", FLOWS)
async def test_a_locked_code_still_holds_the_resend_window(
    client: httpx.AsyncClient,
    settings: Settings,
    frozen: FrozenClock,
    arranged: Arranger,
    flow: str,
) -> None:
    """Restarting at once after the attempts ran out would give a guesser fresh tries."""
    case = await arranged(flow)
    code = await started_code(client, case)
    wrong = "000000" if code != "000000" else "111111"
    for _ in range(settings.verification_max_attempts):
        await complete(client, case, wrong)
    r = await start(client, case)
    assert_resend_refused(r, flow)
    frozen.advance(seconds=settings.verification_resend_seconds)
    new = await started_code(client, case)
    r = await complete(client, case, new)
    assert r.status_code == 200, r.text


@pytest.mark.parametrize("flow", FLOWS)
async def test_expired_code_is_403(
    client: httpx.AsyncClient,
    settings: Settings,
    frozen: FrozenClock,
    arranged: Arranger,
    flow: str,
) -> None:
    case = await arranged(flow)
    code = await started_code(client, case)
    ttl = (
        settings.two_factor_expire_seconds
        if flow in TWO_FACTOR
        else settings.verification_expire_seconds
    )
    frozen.advance(seconds=ttl + 1)
    if case.token is not None:
        # Keep the 2FA login session alive past a long code lifetime.
        assert ttl < settings.access_token_ttl_seconds
    r = await complete(client, case, code)
    assert_error(r, 403, message="errMsg_codeExpired")
    # It stays expired: the code was used up.
    r = await complete(client, case, code)
    assert_error(r, 403, message="errMsg_noOngoingVerification")


@pytest.mark.parametrize("flow", FLOWS)
async def test_code_just_before_expiry_still_works(
    client: httpx.AsyncClient,
    settings: Settings,
    frozen: FrozenClock,
    arranged: Arranger,
    flow: str,
) -> None:
    case = await arranged(flow)
    code = await started_code(client, case)
    ttl = (
        settings.two_factor_expire_seconds
        if flow in TWO_FACTOR
        else settings.verification_expire_seconds
    )
    frozen.advance(seconds=ttl - 1)
    r = await complete(client, case, code)
    assert r.status_code == 200, r.text


def assert_resend_refused(r: httpx.Response, flow: str) -> None:
    """No new code within the resend window: a 403, or for the flows started by email the
    same 200 as any address gets (a 403 would tell that the address has an account)."""
    if flow in BY_ADDRESS:
        assert r.status_code == 200, r.text
        assert set(r.json()) == {ADDRESS.get(flow, "email"), "expireTime", "date"}
    else:
        assert_error(r, 403, message="errMsg_codeResendTooSoon")


@pytest.mark.parametrize("flow", FLOWS)
async def test_resend_within_the_window_is_refused(
    client: httpx.AsyncClient,
    settings: Settings,
    frozen: FrozenClock,
    arranged: Arranger,
    flow: str,
) -> None:
    case = await arranged(flow)
    code = await started_code(client, case)
    frozen.advance(seconds=settings.verification_resend_seconds - 1)
    r = await start(client, case)
    assert_resend_refused(r, flow)
    if flow not in BY_ADDRESS:
        assert 0 < int(r.headers["Retry-After"]) <= settings.verification_resend_seconds
    # The first code is still the one that works.
    r = await complete(client, case, code)
    assert r.status_code == 200, r.text


@pytest.mark.parametrize("flow", FLOWS)
async def test_new_code_after_the_window_replaces_the_old_one(
    client: httpx.AsyncClient,
    settings: Settings,
    frozen: FrozenClock,
    arranged: Arranger,
    flow: str,
) -> None:
    case = await arranged(flow)
    old = await started_code(client, case)
    frozen.advance(seconds=settings.verification_resend_seconds + 1)
    new = await started_code(client, case)
    if new != old:  # one chance in a million they coincide
        r = await complete(client, case, old)
        assert_error(r, 403, message="errMsg_codeMismatch")
    r = await complete(client, case, new)
    assert r.status_code == 200, r.text


@pytest.mark.parametrize("flow", FLOWS)
async def test_complete_without_start_is_403(
    client: httpx.AsyncClient, arranged: Arranger, flow: str
) -> None:
    case = await arranged(flow)
    r = await complete(client, case, "123456")
    assert_error(r, 403, message="errMsg_noOngoingVerification")


@pytest.mark.parametrize("flow", FLOWS)
async def test_a_code_works_only_once(
    client: httpx.AsyncClient, arranged: Arranger, flow: str
) -> None:
    case = await arranged(flow)
    code = await started_code(client, case)
    r = await complete(client, case, code)
    assert r.status_code == 200, r.text
    r = await complete(client, case, code)
    assert r.status_code in (400, 403), r.text
    assert r.status_code != 200


# --- request validation ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("path", "body", "field"),
    [
        ("email-verification/start", {}, "email"),
        ("email-verification/start", {"email": "not-an-email"}, "email"),
        ("email-verification/start", {"email": 42}, "email"),
        ("email-verification/complete", {"email": "a@example.test"}, "secretCode"),
        (
            "email-verification/complete",
            {"email": "a@example.test", "secretCode": "1" * 13},
            "secretCode",
        ),
        ("mobile-verification/start", {"mobile": "+15550000000"}, "email"),
        ("email-2factor-verification/start", {"userId": "nope", "sessionId": "nope"}, "userId"),
        (
            "email-2factor-verification/start",
            {"userId": "01a20329-ac8e-7e92-8f9f-e47e50197f1e"},
            "sessionId",
        ),
        (
            "mobile-2factor-verification/complete",
            {
                "userId": "01a20329-ac8e-7e92-8f9f-e47e50197f1e",
                "sessionId": "01a20329-ac8e-7e92-8f9f-e47e50197f1f",
            },
            "secretCode",
        ),
        (
            "password-reset-by-email/complete",
            {"email": "a@example.test", "secretCode": "123456"},
            "password",
        ),
        ("password-reset-by-mobile/start", {"mobile": "call me"}, "mobile"),
        ("password-reset-by-mobile/start", {}, "mobile"),
        ("password-reset-by-mobile/complete", {"secretCode": "123456"}, "password"),
        ("email-verification/start", {"email": "a@example.test", "isAdmin": True}, "isAdmin"),
        ("email-verification/start", {"email": "a\u0000@example.test"}, "email"),
        (
            "password-reset-by-mobile/complete",
            {"email": "a\u0000b@example.test", "secretCode": "123456", "password": NEW_PASSWORD},
            "email",
        ),
        (
            "password-reset-by-mobile/complete",
            {"email": "not-an-email", "secretCode": "123456", "password": NEW_PASSWORD},
            "email",
        ),
        (
            "password-reset-by-mobile/complete",
            {"mobile": "+1555\u00000000", "secretCode": "123456", "password": NEW_PASSWORD},
            "mobile",
        ),
    ],
)
async def test_malformed_bodies_are_400_naming_the_field(
    client: httpx.AsyncClient, path: str, body: dict[str, Any], field: str
) -> None:
    r = await client.post(f"{BASE}/{path}", json=body)
    assert r.status_code == 400, r.text
    assert r.json()["field"] == field


async def test_body_that_is_not_json_is_400(client: httpx.AsyncClient) -> None:
    r = await client.post(
        f"{BASE}/email-verification/start",
        content=b"{nope",
        headers={"content-type": "application/json"},
    )
    assert r.status_code == 400
    assert r.json()["field"] == "body"


# --- email verification ---------------------------------------------------------------------


async def test_email_verification_sets_email_verified(
    client: httpx.AsyncClient, arranged: Arranger
) -> None:
    case = await arranged("email-verification")
    assert (await log_in(client, case.person))["emailVerified"] is False
    code = await started_code(client, case)
    r = await complete(client, case, code)
    assert r.status_code == 200, r.text
    assert r.json() == {"userId": case.person.id, "email": case.person.email, "isVerified": True}
    assert (await log_in(client, case.person))["emailVerified"] is True


async def test_email_verification_unlocks_login_when_required(
    client: httpx.AsyncClient,
    settings: Settings,
    arranged: Arranger,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(settings, "email_verification_required_for_login", True)
    case = await arranged("email-verification")
    login = {"username": case.person.email, "password": PASSWORD}
    r = await client.post("/auth-api/login", json=login)
    assert_error(r, 403, message="errMsg_EmailVerificationNeeded")
    r = await complete(client, case, await started_code(client, case))
    assert r.status_code == 200, r.text
    r = await client.post("/auth-api/login", json=login)
    assert r.status_code == 200, r.text


async def sent_to(db: AsyncSession, address: str) -> int:
    return int(
        await db.scalar(select(func.count()).where(OutboundMessage.recipient == address)) or 0
    )


async def test_email_verification_of_a_verified_email_answers_like_any_address(
    client: httpx.AsyncClient, db: AsyncSession
) -> None:
    person = await make_user(db, email_verified=True)
    r = await client.post(f"{BASE}/email-verification/start", json={"email": person.email})
    assert r.status_code == 200, r.text
    assert set(r.json()) == {"email", "expireTime", "date"}  # no code was sent
    assert await sent_to(db, person.email) == 0
    r = await client.post(
        f"{BASE}/email-verification/complete",
        json={"email": person.email, "secretCode": "123456"},
    )
    assert_error(r, 403, message="errMsg_noOngoingVerification")


async def test_mobile_verification_complete_for_an_unknown_email_is_like_no_code_under_way(
    client: httpx.AsyncClient,
) -> None:
    # Was 404 userNotFound, which told which emails have accounts.
    r = await client.post(
        f"{BASE}/mobile-verification/complete",
        json={"email": "ghost@example.test", "secretCode": "123456"},
    )
    assert_error(r, 403, message="errMsg_noOngoingVerification")


@pytest.mark.parametrize("flow", BY_EMAIL)
@pytest.mark.parametrize("env", ["test", "production"])
async def test_start_by_email_answers_alike_for_known_and_unknown_addresses(
    client: httpx.AsyncClient,
    db: AsyncSession,
    settings: Settings,
    arranged: Arranger,
    monkeypatch: pytest.MonkeyPatch,
    flow: str,
    env: str,
) -> None:
    case = await arranged(flow)
    closed = await arrange(flow, client, db)
    closed.person.user.is_active = False
    await db.commit()
    monkeypatch.setattr(settings, "env", env)
    known = await start(client, case)
    answers = [
        known,
        await client.post(f"{BASE}/{flow}/start", json={"email": "ghost@example.test"}),
        await start(client, closed),
    ]
    expected = {"email", "expireTime", "date"} | ({"secretCode"} if env == "test" else set())
    for r, email in zip(answers, [case.person.email, "ghost@example.test", closed.person.email]):
        assert r.status_code == 200, r.text
        body = r.json()
        assert body["email"] == email
        assert body["expireTime"] == settings.verification_expire_seconds
        assert "userId" not in body
        if r is not known:
            assert set(body) == {"email", "expireTime", "date"}
    assert set(known.json()) == expected
    # The mail goes only to the real, active account.
    assert await sent_to(db, case.person.email) == 1
    assert await sent_to(db, "ghost@example.test") == 0
    assert await sent_to(db, closed.person.email) == 0


@pytest.mark.parametrize("flow", BY_EMAIL)
async def test_complete_by_email_for_an_unknown_address_is_like_no_code_under_way(
    client: httpx.AsyncClient, arranged: Arranger, flow: str
) -> None:
    case = await arranged(flow)
    known = await complete(client, case, "123456")
    unknown = await client.post(
        f"{BASE}/{flow}/complete",
        json={**case.complete_body("123456"), "email": "ghost@example.test"},
    )
    for r in (known, unknown):
        assert_error(r, 403, message="errMsg_noOngoingVerification")
    assert {k: v for k, v in known.json().items() if k not in ("date", "requestId")} == {
        k: v for k, v in unknown.json().items() if k not in ("date", "requestId")
    }


async def test_codes_of_two_users_do_not_mix(client: httpx.AsyncClient, arranged: Arranger) -> None:
    first = await arranged("email-verification")
    second = await arranged("email-verification")
    code_first = await started_code(client, first)
    code_second = await started_code(client, second)
    if code_first != code_second:
        r = await complete(client, second, code_first)
        assert_error(r, 403, message="errMsg_codeMismatch")
    assert (await complete(client, second, code_second)).status_code == 200
    assert (await complete(client, first, code_first)).status_code == 200


# --- mobile verification --------------------------------------------------------------------


async def test_mobile_verification_sets_mobile_verified(
    client: httpx.AsyncClient, arranged: Arranger
) -> None:
    case = await arranged("mobile-verification")
    code = await started_code(client, case)
    r = await complete(client, case, code)
    assert r.status_code == 200, r.text
    assert r.json() == {
        "userId": case.person.id,
        "mobile": case.person.user.mobile,
        "isVerified": True,
    }
    assert (await log_in(client, case.person))["mobileVerified"] is True
    # Starting again is answered as for any address, and sends nothing.
    r = await start(client, case)
    assert r.status_code == 200, r.text
    assert set(r.json()) == {"email", "expireTime", "date"}


@pytest.mark.parametrize("env", ["test", "production"])
async def test_mobile_verification_start_answers_alike_for_known_and_unknown_accounts(
    client: httpx.AsyncClient,
    db: AsyncSession,
    settings: Settings,
    monkeypatch: pytest.MonkeyPatch,
    env: str,
) -> None:
    """Was 404 userNotFound (unknown email), 400 mobileMissing (no mobile) and 400
    mobileAlreadyVerified: each told that the email has an account."""
    monkeypatch.setattr(settings, "env", env)
    needs = await make_user(db, mobile=new_mobile(), mobile_verified=False)
    no_mobile = await make_user(db, mobile=None)
    verified = await make_user(db, mobile=new_mobile(), mobile_verified=True)
    emails = [needs.email, "ghost@example.test", no_mobile.email, verified.email]
    answers = [
        await client.post(f"{BASE}/mobile-verification/start", json={"email": e}) for e in emails
    ]
    for r, email in zip(answers, emails, strict=True):
        assert r.status_code == 200, r.text
        body = r.json()
        extra = {"secretCode"} if env == "test" and email == needs.email else set()
        assert set(body) == {"email", "expireTime", "date"} | extra
        assert body["email"] == email
        assert body["expireTime"] == settings.verification_expire_seconds
    # The SMS goes only to the account whose mobile needs verifying.
    assert await sent_to(db, str(needs.user.mobile)) == 1
    assert await sent_to(db, str(verified.user.mobile)) == 0


async def test_mobile_verification_complete_of_a_verified_mobile_is_like_no_code_under_way(
    client: httpx.AsyncClient, db: AsyncSession
) -> None:
    person = await make_user(db, mobile=new_mobile(), mobile_verified=True)
    # Was 400 mobileAlreadyVerified.
    r = await client.post(
        f"{BASE}/mobile-verification/complete",
        json={"email": person.email, "secretCode": "123456"},
    )
    assert_error(r, 403, message="errMsg_noOngoingVerification")


async def test_code_sent_to_a_previous_number_does_not_verify_a_new_one(
    client: httpx.AsyncClient, arranged: Arranger
) -> None:
    """Start on a number you own, switch the profile to someone else's, complete: refused."""
    case = await arranged("mobile-verification")
    code = await started_code(client, case)
    await log_in(client, case.person)
    victim_number = new_mobile()
    r = await client.patch(
        f"/auth-api/v1/profile/{case.person.id}",
        json={"mobile": victim_number},
        headers=case.person.headers,
    )
    assert r.status_code == 200, r.text
    r = await complete(client, case, code)
    assert r.status_code == 403, r.text
    r = await client.get("/auth-api/currentuser", headers=case.person.headers)
    assert r.json()["mobile"] == victim_number
    assert r.json()["mobileVerified"] is False


# --- two-factor -----------------------------------------------------------------------------


async def test_email_2fa_gates_protected_routes_until_completed(
    client: httpx.AsyncClient, db: AsyncSession, settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(settings, "email_2fa_required", True)
    person = await make_user(db)
    session = await log_in(client, person)
    assert session["sessionNeedsEmail2FA"] is True
    assert session["sessionNeedsMobile2FA"] is False
    own = f"/auth-api/v1/users/{person.id}"
    r = await client.get(own, headers=person.headers)
    assert_error(r, 403, message="errMsg_email2FARequired")
    # The session routes still answer: the frontend needs the ids to start 2FA.
    r = await client.get("/auth-api/currentuser", headers=person.headers)
    assert r.status_code == 200
    assert r.json()["sessionNeedsEmail2FA"] is True

    ids = {"userId": person.id, "sessionId": session["sessionId"]}
    r = await client.post(f"{BASE}/email-2factor-verification/start", json=ids)
    assert r.status_code == 200, r.text
    assert r.json()["email"] == person.email
    code = r.json()["secretCode"]
    r = await client.get(own, headers=person.headers)
    assert r.status_code == 403  # starting is not enough

    r = await client.post(
        f"{BASE}/email-2factor-verification/complete", json={**ids, "secretCode": code}
    )
    assert r.status_code == 200, r.text
    assert r.json()["sessionId"] == session["sessionId"]
    assert r.json()["userId"] == person.id
    assert r.json()["sessionNeedsEmail2FA"] is False
    r = await client.get(own, headers=person.headers)
    assert r.status_code == 200, r.text
    assert r.json()["user"]["id"] == person.id


async def test_email_2fa_of_one_session_does_not_clear_another(
    client: httpx.AsyncClient, db: AsyncSession, settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(settings, "email_2fa_required", True)
    person = await make_user(db)
    first = await log_in(client, person)
    second = await log_in(client, person)
    ids = {"userId": person.id, "sessionId": first["sessionId"]}
    r = await client.post(f"{BASE}/email-2factor-verification/start", json=ids)
    code = r.json()["secretCode"]
    # Each session has its own code: the second session can start at once.
    other = {"userId": person.id, "sessionId": second["sessionId"]}
    r = await client.post(f"{BASE}/email-2factor-verification/start", json=other)
    assert r.status_code == 200, r.text
    other_code = r.json()["secretCode"]
    r = await client.post(
        f"{BASE}/email-2factor-verification/complete", json={**ids, "secretCode": code}
    )
    assert r.status_code == 200
    own = f"/auth-api/v1/users/{person.id}"
    r = await client.get(own, headers={TOKEN: second["accessToken"]})
    assert_error(r, 403, message="errMsg_email2FARequired")
    r = await client.get(own, headers={TOKEN: first["accessToken"]})
    assert r.status_code == 200
    r = await client.post(
        f"{BASE}/email-2factor-verification/complete", json={**other, "secretCode": other_code}
    )
    assert r.status_code == 200


async def test_mobile_2fa_gates_protected_routes_and_returns_a_token(
    client: httpx.AsyncClient, db: AsyncSession, settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(settings, "mobile_2fa_required", True)
    person = await make_user(db, mobile=new_mobile(), mobile_verified=True)
    session = await log_in(client, person)
    assert session["sessionNeedsMobile2FA"] is True
    own = f"/auth-api/v1/users/{person.id}"
    r = await client.get(own, headers=person.headers)
    assert_error(r, 403, message="errMsg_mobile2FARequired")
    ids = {"userId": person.id, "sessionId": session["sessionId"]}
    r = await client.post(f"{BASE}/mobile-2factor-verification/start", json=ids)
    assert r.status_code == 200, r.text
    assert r.json()["mobile"] == person.user.mobile
    assert r.json()["expireTime"] == settings.two_factor_expire_seconds
    r = await client.post(
        f"{BASE}/mobile-2factor-verification/complete",
        json={**ids, "secretCode": r.json()["secretCode"]},
    )
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["sessionId"] == session["sessionId"]
    assert body["sessionNeedsMobile2FA"] is False
    assert 0 < body["expiresIn"] <= settings.access_token_ttl_seconds
    for token in (body["accessToken"], session["accessToken"]):
        r = await client.get(own, headers={TOKEN: token})
        assert r.status_code == 200, r.text


async def test_mobile_2fa_is_not_asked_of_users_without_a_verified_mobile(
    client: httpx.AsyncClient, db: AsyncSession, settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(settings, "mobile_2fa_required", True)
    person = await make_user(db, mobile=new_mobile(), mobile_verified=False)
    session = await log_in(client, person)
    assert session["sessionNeedsMobile2FA"] is False


@pytest.mark.parametrize("mobile", [None, "unverified"])
async def test_mobile_2fa_needs_a_verified_mobile(
    client: httpx.AsyncClient, db: AsyncSession, mobile: str | None
) -> None:
    person = await make_user(db, mobile=new_mobile() if mobile else None, mobile_verified=False)
    session = await log_in(client, person)
    r = await client.post(
        f"{BASE}/mobile-2factor-verification/start",
        json={"userId": person.id, "sessionId": session["sessionId"]},
    )
    assert_error(r, 403, message="errMsg_mobileNotVerified")


@pytest.mark.parametrize("flow", TWO_FACTOR)
async def test_2fa_with_an_unknown_session_is_401(
    client: httpx.AsyncClient, arranged: Arranger, flow: str
) -> None:
    case = await arranged(flow)
    ids = {"userId": case.person.id, "sessionId": "01a20329-ac8e-7e92-8f9f-e47e50197f1e"}
    r = await client.post(f"{BASE}/{flow}/start", json=ids)
    assert_error(r, 401, message="errMsg_sessionNotFound", field="sessionId")
    r = await client.post(f"{BASE}/{flow}/complete", json={**ids, "secretCode": "123456"})
    assert_error(r, 401, message="errMsg_sessionNotFound", field="sessionId")


@pytest.mark.parametrize("flow", TWO_FACTOR)
async def test_2fa_with_a_revoked_session_is_401(
    client: httpx.AsyncClient, arranged: Arranger, flow: str
) -> None:
    case = await arranged(flow)
    code = await started_code(client, case)
    r = await client.post("/auth-api/logout", headers={TOKEN: case.token or ""})
    assert r.status_code == 200
    r = await complete(client, case, code)
    assert_error(r, 401, message="errMsg_sessionNotFound")
    r = await client.post(f"{BASE}/{flow}/start", json=case.start_body)
    assert_error(r, 401, message="errMsg_sessionNotFound")


@pytest.mark.parametrize("flow", TWO_FACTOR)
async def test_2fa_with_another_users_session_is_401(
    client: httpx.AsyncClient, db: AsyncSession, arranged: Arranger, flow: str
) -> None:
    case = await arranged(flow)
    intruder = await make_user(db, mobile=new_mobile(), mobile_verified=True)
    body = {**case.start_body, "userId": intruder.id}
    r = await client.post(f"{BASE}/{flow}/start", json=body)
    assert_error(r, 401, message="errMsg_sessionNotFound")


@pytest.mark.parametrize("flow", TWO_FACTOR)
async def test_2fa_with_an_expired_session_is_401(
    client: httpx.AsyncClient,
    settings: Settings,
    frozen: FrozenClock,
    arranged: Arranger,
    flow: str,
) -> None:
    case = await arranged(flow)
    frozen.advance(seconds=settings.access_token_ttl_seconds + 1)
    r = await start(client, case)
    assert_error(r, 401, message="errMsg_sessionNotFound")


# --- password reset -------------------------------------------------------------------------


@pytest.mark.parametrize("flow", ["password-reset-by-email", "password-reset-by-mobile"])
async def test_password_reset_sets_the_password_and_ends_old_sessions(
    client: httpx.AsyncClient, arranged: Arranger, flow: str
) -> None:
    case = await arranged(flow)
    await log_in(client, case.person)
    old_token = case.person.token
    code = await started_code(client, case)
    r = await complete(client, case, code)
    assert r.status_code == 200, r.text
    expected: dict[str, Any] = {"userId": case.person.id, "isVerified": True}
    if flow == "password-reset-by-email":
        expected["email"] = case.person.email
    else:
        expected["mobile"] = case.person.user.mobile
    assert r.json() == expected
    r = await client.get("/auth-api/currentuser", headers={TOKEN: old_token or ""})
    assert r.status_code == 401
    r = await client.post(
        "/auth-api/login", json={"username": case.person.email, "password": PASSWORD}
    )
    assert_error(r, 401, message="errMsg_invalidCredentials")
    r = await client.post(
        "/auth-api/login", json={"username": case.person.email, "password": NEW_PASSWORD}
    )
    assert r.status_code == 200, r.text


async def test_password_reset_by_email_also_verifies_the_email(
    client: httpx.AsyncClient, db: AsyncSession
) -> None:
    person = await make_user(db, email_verified=False)
    r = await client.post(f"{BASE}/password-reset-by-email/start", json={"email": person.email})
    code = r.json()["secretCode"]
    r = await client.post(
        f"{BASE}/password-reset-by-email/complete",
        json={"email": person.email, "secretCode": code, "password": NEW_PASSWORD},
    )
    assert r.status_code == 200, r.text
    r = await client.post(
        "/auth-api/login", json={"username": person.email, "password": NEW_PASSWORD}
    )
    assert r.json()["emailVerified"] is True


async def test_password_reset_unlocks_a_throttled_account(
    client: httpx.AsyncClient,
    db: AsyncSession,
    settings: Settings,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The owner who proves control of the mailbox is not kept out by someone's guessing."""
    monkeypatch.setattr(settings, "login_max_failures_per_account", 2)
    person = await make_user(db)
    for _ in range(2):
        await client.post(
            "/auth-api/login", json={"username": person.email, "password": "a-wrong-guess"}
        )
    r = await client.post(f"{BASE}/password-reset-by-email/start", json={"email": person.email})
    r = await client.post(
        f"{BASE}/password-reset-by-email/complete",
        json={
            "email": person.email,
            "secretCode": r.json()["secretCode"],
            "password": NEW_PASSWORD,
        },
    )
    assert r.status_code == 200, r.text
    r = await client.post(
        "/auth-api/login", json={"username": person.email, "password": NEW_PASSWORD}
    )
    assert r.status_code == 200, r.text


async def test_password_reset_with_a_too_short_password_is_400_and_keeps_the_code(
    client: httpx.AsyncClient, settings: Settings, arranged: Arranger
) -> None:
    case = await arranged("password-reset-by-email")
    code = await started_code(client, case)
    short = "x" * (settings.password_min_length - 1)
    r = await client.post(
        f"{BASE}/password-reset-by-email/complete",
        json={"email": case.person.email, "secretCode": code, "password": short},
    )
    assert_error(r, 400, message="errMsg_passwordTooShort", field="password")
    r = await complete(client, case, code)
    assert r.status_code == 200, r.text


async def test_password_reset_by_email_for_an_unknown_email_reveals_nothing(
    client: httpx.AsyncClient, db: AsyncSession
) -> None:
    r = await client.post(
        f"{BASE}/password-reset-by-email/start", json={"email": "ghost@example.test"}
    )
    assert r.status_code == 200, r.text
    assert "userId" not in r.json()
    r = await client.post(
        f"{BASE}/password-reset-by-email/complete",
        json={"email": "ghost@example.test", "secretCode": "123456", "password": NEW_PASSWORD},
    )
    assert_error(r, 403, message="errMsg_noOngoingVerification")
    # A weak password is judged first, for every address alike.
    for email in ("ghost@example.test", (await make_user(db)).email):
        r = await client.post(
            f"{BASE}/password-reset-by-email/complete",
            json={"email": email, "secretCode": "123456", "password": "x"},
        )
        assert r.status_code == 400, r.text


@pytest.mark.parametrize("env", ["test", "production"])
async def test_password_reset_by_mobile_start_answers_alike_for_known_and_unknown_numbers(
    client: httpx.AsyncClient,
    db: AsyncSession,
    settings: Settings,
    monkeypatch: pytest.MonkeyPatch,
    env: str,
) -> None:
    """Was 404 userNotFound (unknown number) and 400 mobileNotVerified."""
    monkeypatch.setattr(settings, "env", env)
    owner = await make_user(db, mobile=new_mobile(), mobile_verified=True)
    unverified = await make_user(db, mobile=new_mobile(), mobile_verified=False)
    numbers = [str(owner.user.mobile), new_mobile(), str(unverified.user.mobile)]
    answers = [
        await client.post(f"{BASE}/password-reset-by-mobile/start", json={"mobile": n})
        for n in numbers
    ]
    for r, number in zip(answers, numbers, strict=True):
        assert r.status_code == 200, r.text
        body = r.json()
        extra = {"secretCode"} if env == "test" and number == owner.user.mobile else set()
        assert set(body) == {"mobile", "expireTime", "date"} | extra
        assert body["mobile"] == number
        assert body["expireTime"] == settings.verification_expire_seconds
    # The SMS goes only to the verified owner of the number.
    assert await sent_to(db, numbers[0]) == 1
    assert await sent_to(db, numbers[1]) == 0
    assert await sent_to(db, numbers[2]) == 0


async def test_password_reset_by_mobile_complete_for_an_unknown_user_is_like_no_code_under_way(
    client: httpx.AsyncClient,
) -> None:
    # Was 404 userNotFound.
    for who in ({"email": "ghost@example.test"}, {"mobile": new_mobile()}):
        r = await client.post(
            f"{BASE}/password-reset-by-mobile/complete",
            json={**who, "secretCode": "123456", "password": NEW_PASSWORD},
        )
        assert_error(r, 403, message="errMsg_noOngoingVerification")


async def test_password_reset_by_mobile_finds_the_verified_owner_of_a_shared_number(
    client: httpx.AsyncClient, db: AsyncSession
) -> None:
    """An older account that merely typed the number must not shadow its verified owner."""
    number = new_mobile()
    await make_user(db, mobile=number, mobile_verified=False)
    owner = await make_user(db, mobile=number, mobile_verified=True)
    r = await client.post(f"{BASE}/password-reset-by-mobile/start", json={"mobile": number})
    assert r.status_code == 200, r.text
    code = r.json()["secretCode"]
    r = await client.post(
        f"{BASE}/password-reset-by-mobile/complete",
        json={"mobile": number, "secretCode": code, "password": NEW_PASSWORD},
    )
    assert r.status_code == 200, r.text
    assert r.json()["userId"] == owner.id


async def test_password_reset_by_mobile_completes_with_the_mobile_instead_of_email(
    client: httpx.AsyncClient, arranged: Arranger
) -> None:
    case = await arranged("password-reset-by-mobile")
    code = await started_code(client, case)
    r = await client.post(
        f"{BASE}/password-reset-by-mobile/complete",
        json={"mobile": case.person.user.mobile, "secretCode": code, "password": NEW_PASSWORD},
    )
    assert r.status_code == 200, r.text
    r = await client.post(
        f"{BASE}/password-reset-by-mobile/complete",
        json={"secretCode": code, "password": NEW_PASSWORD},
    )
    assert_error(r, 400, message="errMsg_emailRequired", field="email")


async def test_a_code_of_one_flow_does_not_complete_another(
    client: httpx.AsyncClient, db: AsyncSession
) -> None:
    person = await make_user(db, email_verified=False)
    r = await client.post(f"{BASE}/email-verification/start", json={"email": person.email})
    code = r.json()["secretCode"]
    r = await client.post(
        f"{BASE}/password-reset-by-email/complete",
        json={"email": person.email, "secretCode": code, "password": NEW_PASSWORD},
    )
    assert_error(r, 403, message="errMsg_noOngoingVerification")
