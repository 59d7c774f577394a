"""Idempotency-Key on createReservation: a retry replays the first answer byte for byte
and books nothing more; the key belongs to its caller; another request under a used key,
a key in use by a running request and malformed keys are refused naming the header; the
answer is stored in the reservation's own transaction; expired keys are purged."""

from __future__ import annotations

import asyncio
from typing import Any

import httpx
import pytest
from sqlalchemy import event, func, select, text, update
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine, AsyncSession, async_sessionmaker

from staykit.core.config import Settings
from staykit.domain.booking import create as create_module
from staykit.domain.booking.models import Reservation
from staykit.domain.catalog.models import UnitType
from staykit.domain.idempotency import store
from staykit.domain.idempotency.models import IdempotencyKey
from staykit.domain.idempotency.tasks import purge_expired_keys
from staykit.jobs.app import app as jobs_app
from tests.api.marketplace.test_reservations_api import RESERVATIONS, stay
from tests.factories import Person, add_units, assert_error, login, make_listing, make_user

KEY = "booking-7f3a-0001"
TWO_FACTOR = "/auth-api/verification-services/email-2factor-verification"


def keyed(person: Person, key: str = KEY) -> dict[str, str]:
    return {**person.headers, "Idempotency-Key": key}


async def count(db: AsyncSession, model: type[Any]) -> int:
    return int(await db.scalar(select(func.count()).select_from(model)) or 0)


def assert_key_error(r: httpx.Response, status: int, code: str) -> dict[str, object]:
    body = assert_error(r, status, field="Idempotency-Key")
    assert body["message"] == f"errMsg_{code}", body
    assert body["requestId"] == r.headers["X-Request-Id"]
    assert body["errors"] == [
        {"field": "Idempotency-Key", "location": "header", "message": body["errors"][0]["message"]}  # type: ignore[index]
    ]
    return body


# --- replay ---------------------------------------------------------------------------------


async def test_a_retry_with_the_same_key_replays_the_answer_byte_for_byte_and_books_once(
    client: httpx.AsyncClient, db: AsyncSession, guest: Person, listing: UnitType
) -> None:
    first = await client.post(RESERVATIONS, json=stay(listing), headers=keyed(guest))
    assert first.status_code == 201, first.text
    assert "Idempotent-Replayed" not in first.headers

    again = await client.post(RESERVATIONS, json=stay(listing), headers=keyed(guest))

    assert again.status_code == 201
    assert again.content == first.content
    assert again.headers["Idempotent-Replayed"] == "true"
    assert again.headers["content-type"] == first.headers["content-type"]
    # The replay is a request of its own: its id is in the header, the body is the first's.
    assert again.headers["X-Request-Id"] != first.headers["X-Request-Id"]
    assert await count(db, Reservation) == 1
    row = await db.scalar(select(IdempotencyKey))
    assert row is not None and (row.key, row.method, row.status) == (KEY, "POST", 201)
    assert row.path == RESERVATIONS and bytes(row.body) == first.content
    assert len(row.body_sha256) == 64 and "x-request-id" not in row.headers


async def test_requests_without_the_header_book_each_time_and_never_touch_the_keys(
    client: httpx.AsyncClient, db: AsyncSession, db_conn: AsyncConnection, guest: Person
) -> None:
    host = await make_user(db)
    listing = await make_listing(db, host)
    statements: list[str] = []

    def seen(conn: Any, cursor: Any, statement: str, *args: Any) -> None:
        statements.append(statement)

    event.listen(db_conn.sync_connection, "before_cursor_execute", seen)
    try:
        for first in (0, 3):
            r = await client.post(RESERVATIONS, json=stay(listing, first), headers=guest.headers)
            assert r.status_code == 201, r.text
            assert "Idempotent-Replayed" not in r.headers
        without = list(statements)
        r = await client.post(RESERVATIONS, json=stay(listing, 6), headers=keyed(guest))
        assert r.status_code == 201, r.text
    finally:
        event.remove(db_conn.sync_connection, "before_cursor_execute", seen)
    # The keys' table (the ledger's rows carry an idempotency_key column of their own).
    assert not [s for s in without if "idempotency_keys" in s.lower()]
    assert [s for s in statements if "idempotency_keys" in s.lower()]
    assert await count(db, Reservation) == 3 and await count(db, IdempotencyKey) == 1


async def test_the_same_key_for_another_body_is_a_409_naming_the_header(
    client: httpx.AsyncClient, db: AsyncSession, guest: Person, listing: UnitType
) -> None:
    r = await client.post(RESERVATIONS, json=stay(listing), headers=keyed(guest))
    assert r.status_code == 201, r.text

    other = await client.post(RESERVATIONS, json=stay(listing, 5), headers=keyed(guest))

    assert_key_error(other, 409, "idempotencyKeyReused")
    assert "Idempotent-Replayed" not in other.headers
    assert await count(db, Reservation) == 1
    # The same JSON written differently is another body: the key names the bytes sent.
    spaced = await client.post(
        RESERVATIONS,
        content=httpx.Request("POST", "/", json=stay(listing)).content + b" ",
        headers={**keyed(guest), "Content-Type": "application/json"},
    )
    assert_key_error(spaced, 409, "idempotencyKeyReused")
    assert await count(db, Reservation) == 1


async def test_another_users_same_key_is_their_own(
    client: httpx.AsyncClient, db: AsyncSession, guest: Person, other: Person, listing: UnitType
) -> None:
    await add_units(db, listing, 1)
    mine = await client.post(RESERVATIONS, json=stay(listing), headers=keyed(guest))
    theirs = await client.post(RESERVATIONS, json=stay(listing), headers=keyed(other))

    assert (mine.status_code, theirs.status_code) == (201, 201), theirs.text
    assert "Idempotent-Replayed" not in theirs.headers
    assert theirs.json()["reservation"]["guestId"] == other.id
    assert theirs.json()["reservation"]["id"] != mine.json()["reservation"]["id"]
    assert await count(db, Reservation) == 2 and await count(db, IdempotencyKey) == 2


# --- what is stored -------------------------------------------------------------------------


async def test_a_refusal_is_stored_and_a_retry_gets_the_same_refusal(
    client: httpx.AsyncClient, db: AsyncSession, host: Person, listing: UnitType
) -> None:
    first = await client.post(RESERVATIONS, json=stay(listing), headers=keyed(host))
    assert_error(first, 403)
    assert first.json()["message"] == "errMsg_ownListing"

    again = await client.post(RESERVATIONS, json=stay(listing), headers=keyed(host))

    assert again.status_code == 403 and again.content == first.content
    assert again.headers["Idempotent-Replayed"] == "true"
    assert await count(db, Reservation) == 0 and await count(db, IdempotencyKey) == 1


async def test_a_body_the_route_cannot_parse_is_not_stored(
    client: httpx.AsyncClient, db: AsyncSession, guest: Person, listing: UnitType
) -> None:
    bad = await client.post(
        RESERVATIONS, json=stay(listing, guestCount="two"), headers=keyed(guest)
    )
    assert_error(bad, 400, field="guestCount")
    assert await count(db, IdempotencyKey) == 0

    fixed = await client.post(RESERVATIONS, json=stay(listing), headers=keyed(guest))

    assert fixed.status_code == 201, fixed.text
    assert "Idempotent-Replayed" not in fixed.headers


async def test_a_failure_after_booking_stores_nothing_and_a_retry_books_again(
    app: object,
    client: httpx.AsyncClient,
    db: AsyncSession,
    guest: Person,
    listing: UnitType,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    real = create_module.create_reservation

    async def books_then_fails(*args: Any, **kwargs: Any) -> Any:
        await real(*args, **kwargs)
        raise RuntimeError("the process fell over after booking")

    monkeypatch.setattr(create_module, "create_reservation", books_then_fails)
    transport = httpx.ASGITransport(app=app, raise_app_exceptions=False)  # type: ignore[arg-type]
    async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as c:
        failed = await c.post(RESERVATIONS, json=stay(listing), headers=keyed(guest))
    assert failed.status_code == 500
    # The reservation and its stored answer went together.
    assert await count(db, Reservation) == 0 and await count(db, IdempotencyKey) == 0

    monkeypatch.setattr(create_module, "create_reservation", real)
    retry = await client.post(RESERVATIONS, json=stay(listing), headers=keyed(guest))

    assert retry.status_code == 201, retry.text
    assert "Idempotent-Replayed" not in retry.headers
    assert await count(db, Reservation) == 1 and await count(db, IdempotencyKey) == 1


async def test_anonymous_requests_are_401_whatever_the_key(
    client: httpx.AsyncClient, db: AsyncSession, listing: UnitType
) -> None:
    for _ in range(2):
        r = await client.post(RESERVATIONS, json=stay(listing), headers={"Idempotency-Key": KEY})
        assert_error(r, 401)
        assert "Idempotent-Replayed" not in r.headers
    assert await count(db, IdempotencyKey) == 0


async def test_a_session_owing_two_factor_verification_uses_no_key(
    client: httpx.AsyncClient,
    db: AsyncSession,
    settings: Settings,
    listing: UnitType,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(settings, "email_2fa_required", True)
    person = await make_user(db)
    r = await client.post(
        "/auth-api/login", json={"username": person.email, "password": person.password}
    )
    session = r.json()
    person.token = session["accessToken"]
    client.cookies.clear()
    refused = await client.post(RESERVATIONS, json=stay(listing), headers=keyed(person))
    assert_error(refused, 403, message="errMsg_email2FARequired")
    assert await count(db, IdempotencyKey) == 0

    ids = {"userId": person.id, "sessionId": session["sessionId"]}
    r = await client.post(f"{TWO_FACTOR}/start", json=ids)
    r = await client.post(
        f"{TWO_FACTOR}/complete", json={**ids, "secretCode": r.json()["secretCode"]}
    )
    assert r.status_code == 200, r.text
    retry = await client.post(RESERVATIONS, json=stay(listing), headers=keyed(person))

    assert retry.status_code == 201, retry.text
    assert "Idempotent-Replayed" not in retry.headers


# --- the header -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "says"),
    [
        (b"", "1 to 255 characters"),
        (b"k" * 256, "1 to 255 characters"),
        ("caf\u00e9".encode("latin-1"), "printable ASCII"),
        ("\u20ac".encode(), "printable ASCII"),
        (b"a\x7fb", "printable ASCII"),
    ],
    ids=["empty", "too-long", "latin-1", "utf-8", "control"],
)
async def test_a_malformed_key_is_a_400_naming_the_header_and_nothing_is_booked(
    client: httpx.AsyncClient,
    db: AsyncSession,
    guest: Person,
    listing: UnitType,
    value: bytes,
    says: str,
) -> None:
    headers = [(b"authorization", guest.headers["Authorization"].encode())]
    r = await client.post(
        RESERVATIONS, json=stay(listing), headers=[*headers, (b"idempotency-key", value)]
    )
    body = assert_key_error(r, 400, "idempotencyKeyIsInvalid")
    assert says in str(body["detail"])
    assert await count(db, Reservation) == 0 and await count(db, IdempotencyKey) == 0


async def test_a_key_given_twice_is_a_400(
    client: httpx.AsyncClient, db: AsyncSession, guest: Person, listing: UnitType
) -> None:
    headers = [
        (b"authorization", guest.headers["Authorization"].encode()),
        (b"idempotency-key", b"one"),
        (b"idempotency-key", b"two"),
    ]
    r = await client.post(RESERVATIONS, json=stay(listing), headers=headers)
    assert_key_error(r, 400, "idempotencyKeyIsInvalid")
    assert await count(db, Reservation) == 0


async def test_the_longest_key_and_every_printable_character_are_accepted(
    client: httpx.AsyncClient, db: AsyncSession, guest: Person, listing: UnitType
) -> None:
    printable = "".join(chr(c) for c in range(0x21, 0x7F))  # no spaces at the ends
    for n, key in enumerate(["k" * 255, printable, "a b"]):
        r = await client.post(RESERVATIONS, json=stay(listing, 3 * n), headers=keyed(guest, key))
        assert r.status_code == 201, r.text
    assert await count(db, IdempotencyKey) == 3


# --- concurrency ----------------------------------------------------------------------------


async def test_a_key_held_by_a_running_request_is_a_409_and_free_again_afterwards(
    client: httpx.AsyncClient, engine: AsyncEngine, db: AsyncSession, guest: Person
) -> None:
    host = await make_user(db)
    listing = await make_listing(db, host)
    caller = store.Caller(guest.user.id, "session", "")
    async with engine.connect() as running:  # another request, holding the key's lock
        trans = await running.begin()
        held = await running.scalar(
            text("SELECT pg_try_advisory_xact_lock(hashtextextended(:lock, 0))"),
            {"lock": caller.lock_text(KEY)},
        )
        assert held
        busy = await client.post(RESERVATIONS, json=stay(listing), headers=keyed(guest))
        await trans.rollback()

    assert_key_error(busy, 409, "idempotencyKeyInProgress")
    assert await count(db, Reservation) == 0
    r = await client.post(RESERVATIONS, json=stay(listing), headers=keyed(guest))
    assert r.status_code == 201, r.text


async def test_concurrent_requests_with_one_key_book_exactly_once(
    committed_client: httpx.AsyncClient, committed_factory: async_sessionmaker[AsyncSession]
) -> None:
    async with committed_factory() as db:
        host = await make_user(db)
        guest = await make_user(db)
        listing = await make_listing(db, host)
        await add_units(db, listing, 3, commit=True)  # room enough to book four times
    await login(committed_client, guest)

    answers = await asyncio.gather(
        *(
            committed_client.post(RESERVATIONS, json=stay(listing), headers=keyed(guest))
            for _ in range(4)
        )
    )

    ran = [r for r in answers if r.status_code == 201 and "Idempotent-Replayed" not in r.headers]
    assert len(ran) == 1, [(r.status_code, r.text[:200]) for r in answers]
    for r in answers:
        if r is ran[0]:
            continue
        if r.status_code == 409:
            assert_key_error(r, 409, "idempotencyKeyInProgress")
        else:
            assert r.status_code == 201 and r.headers["Idempotent-Replayed"] == "true"
            assert r.content == ran[0].content
    async with committed_factory() as db:
        assert await count(db, Reservation) == 1 and await count(db, IdempotencyKey) == 1
        stored = await db.scalar(select(IdempotencyKey.body))
        assert stored == ran[0].content


# --- expiry ---------------------------------------------------------------------------------


async def expire_all(db: AsyncSession) -> None:
    await db.execute(
        update(IdempotencyKey).values(
            created_at=func.now() - text("interval '25 hours'"),
            expires_at=func.now() - text("interval '1 hour'"),
        )
    )
    await db.flush()


async def test_an_expired_key_is_a_new_key(
    client: httpx.AsyncClient, db: AsyncSession, guest: Person, listing: UnitType
) -> None:
    r = await client.post(RESERVATIONS, json=stay(listing), headers=keyed(guest))
    assert r.status_code == 201, r.text
    await expire_all(db)

    later = await client.post(RESERVATIONS, json=stay(listing, 5), headers=keyed(guest))

    assert later.status_code == 201, later.text
    assert "Idempotent-Replayed" not in later.headers
    again = await client.post(RESERVATIONS, json=stay(listing, 5), headers=keyed(guest))
    assert again.headers["Idempotent-Replayed"] == "true" and again.content == later.content
    assert await count(db, Reservation) == 2 and await count(db, IdempotencyKey) == 1


async def test_the_purge_job_deletes_expired_keys_only(
    committed_client: httpx.AsyncClient, committed_factory: async_sessionmaker[AsyncSession]
) -> None:
    async with committed_factory() as db:
        host = await make_user(db)
        guest = await make_user(db)
        listing = await make_listing(db, host)
    await login(committed_client, guest)
    for n, key in enumerate(["old-1", "old-2", "fresh"]):
        r = await committed_client.post(
            RESERVATIONS, json=stay(listing, 3 * n), headers=keyed(guest, key)
        )
        assert r.status_code == 201, r.text
    async with committed_factory() as db:
        await db.execute(
            update(IdempotencyKey)
            .where(IdempotencyKey.key.like("old-%"))
            .values(expires_at=func.now() - text("interval '1 second'"))
        )
        await db.commit()

    await purge_expired_keys.func(timestamp=0)

    async with committed_factory() as db:
        assert (await db.scalars(select(IdempotencyKey.key))).all() == ["fresh"]
        assert await count(db, Reservation) == 3


def test_the_purge_runs_every_hour() -> None:
    periodic = {t.task.name: t.cron for t in jobs_app.periodic_registry.periodic_tasks.values()}
    assert periodic.get("idempotency:purge_expired_keys") == "17 * * * *"


async def test_the_service_document_shows_the_header_on_booking_and_paying_only(
    client: httpx.AsyncClient,
) -> None:
    r = await client.get("/bookingmanagement-api/openapi.json")
    assert r.status_code == 200, r.text
    paths = r.json()["paths"]
    create = paths["/v1/reservations"]["post"]
    [header] = [p for p in create.get("parameters", []) if p["in"] == "header"]
    assert header["name"] == "Idempotency-Key" and header["required"] is False
    assert "24 hours" in header["description"]
    assert "_idempotency" not in str(paths)
    with_header = [
        (path, method)
        for path, operations in paths.items()
        for method, operation in operations.items()
        if any(p["name"] == "Idempotency-Key" for p in operation.get("parameters", []))
    ]
    assert with_header == [
        ("/v1/reservations", "post"),
        ("/v1/startreservationpayment/{reservationId}", "patch"),
    ]
