"""Outbound email end to end: queued in the business transaction, delivered by the
procrastinate job to a real SMTP server (aiosmtpd), or kept for the development mailbox."""

from __future__ import annotations

import asyncio
import contextlib
import re
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any

import httpx
import pytest
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from staykit.app import create_app
from staykit.core import runtime as runtime_module
from staykit.core.config import Settings
from staykit.core.db import raw_connection, unit_of_work
from staykit.core.runtime import get_runtime
from staykit.domain.auth import passwords, registration
from staykit.domain.auth.commands import NewUser
from staykit.domain.notifications.service import queue_email, queue_sms
from staykit.domain.notifications.tasks import deliver_message
from staykit.jobs.app import run_worker
from tests.factories import PASSWORD, make_user
from tests.mail import SmtpServer, body_of, free_port, point_mail_at

REGISTER = "/auth-api/v1/registeruser"
VERIFY_COMPLETE = "/auth-api/verification-services/email-verification/complete"
RESET_START = "/auth-api/verification-services/password-reset-by-email/start"
RESET_COMPLETE = "/auth-api/verification-services/password-reset-by-email/complete"
CODE = re.compile(r"\bcode is (\d{6})\.")


# --- reading the database -------------------------------------------------------------------


async def outbound(engine: AsyncEngine, recipient: str | None = None) -> list[Any]:
    sql = "SELECT * FROM outbound_messages"
    params: dict[str, Any] = {}
    if recipient is not None:
        sql += " WHERE recipient = :r"
        params["r"] = recipient
    async with engine.connect() as conn:
        return list((await conn.execute(text(sql + " ORDER BY created_at"), params)).mappings())


async def jobs(engine: AsyncEngine, message_id: uuid.UUID | str | None = None) -> list[Any]:
    sql = "SELECT * FROM procrastinate_jobs WHERE task_name LIKE '%deliver_message'"
    params: dict[str, Any] = {}
    if message_id is not None:
        sql += " AND args->>'message_id' = :m"
        params["m"] = str(message_id)
    async with engine.connect() as conn:
        return list((await conn.execute(text(sql + " ORDER BY id"), params)).mappings())


def code_in(body: str) -> str:
    found = CODE.search(body)
    assert found, body
    return found.group(1)


async def register(client: httpx.AsyncClient, address: str) -> dict[str, Any]:
    r = await client.post(
        REGISTER, json={"email": address, "password": PASSWORD, "fullname": "Nina Guest"}
    )
    assert r.status_code == 201, r.text
    return dict(r.json()["user"])


# --- delivery over SMTP ---------------------------------------------------------------------


async def test_registration_mails_a_six_digit_code_that_verifies_the_address(
    committed_client: httpx.AsyncClient,
    database_url: str,
    engine: AsyncEngine,
    mail_via_smtp: SmtpServer,
) -> None:
    address = "nina.guest@example.test"
    user = await register(committed_client, address)
    # Nothing leaves before a worker runs: the request only queued it.
    assert mail_via_smtp.handler.envelopes == []
    [row] = await outbound(engine, address)
    assert row["status"] == "queued"
    assert row["purpose"] == "email-verification"

    await run_worker(database_url, wait=False)

    [envelope] = mail_via_smtp.handler.envelopes
    assert envelope.rcpt_tos == [address]
    [msg] = mail_via_smtp.messages
    assert msg["To"] == address
    assert msg["Subject"] == "Confirm your email address"
    assert "no-reply@staykit.local" in msg["From"]
    body = body_of(msg)
    code = code_in(body)
    assert f"userId={user['id']}&code={code}" in body

    [row] = await outbound(engine, address)
    assert row["status"] == "sent"
    assert row["body"] is None  # the code does not outlive delivery
    assert row["attempts"] == 1
    assert row["last_error"] is None
    assert row["sent_at"] is not None
    [job] = await jobs(engine, row["id"])
    assert job["status"] == "succeeded"

    # The mailed code is the real one.
    r = await committed_client.post(VERIFY_COMPLETE, json={"email": address, "secretCode": code})
    assert r.status_code == 200, r.text
    assert r.json()["isVerified"] is True


async def test_rolled_back_registration_sends_nothing_and_leaves_no_job(
    committed_factory: async_sessionmaker[AsyncSession],
    settings: Settings,
    database_url: str,
    engine: AsyncEngine,
    mail_via_smtp: SmtpServer,
) -> None:
    class Abort(Exception):
        pass

    address = "rolled.back@example.test"
    with pytest.raises(Abort):
        async with unit_of_work(committed_factory) as session:
            await registration.register_user(
                session,
                NewUser(email=address, password=PASSWORD, fullname="Rolled Back"),
                settings,
            )
            # Inside the transaction the message and its job exist...
            inside = await session.execute(
                text("SELECT count(*) FROM procrastinate_jobs WHERE task_name LIKE '%deliver%'")
            )
            assert inside.scalar_one() == 1
            raise Abort
    # ...and they vanish with it.
    assert await outbound(engine) == []
    assert await jobs(engine) == []

    await run_worker(database_url, wait=False)
    assert mail_via_smtp.handler.envelopes == []


async def test_duplicate_registration_is_409_and_mails_only_the_first(
    committed_client: httpx.AsyncClient,
    database_url: str,
    engine: AsyncEngine,
    mail_via_smtp: SmtpServer,
) -> None:
    address = "twice@example.test"
    await register(committed_client, address)
    r = await committed_client.post(
        REGISTER, json={"email": address, "password": PASSWORD, "fullname": "Twice Again"}
    )
    assert r.status_code == 409, r.text
    assert r.json()["field"] == "email"
    assert r.json()["message"] == "errMsg_emailAlreadyRegistered"

    await run_worker(database_url, wait=False)

    assert len(mail_via_smtp.handler.envelopes) == 1
    assert len(await outbound(engine, address)) == 1
    assert len(await jobs(engine)) == 1


async def test_password_reset_start_mails_the_reset_code(
    committed_client: httpx.AsyncClient,
    committed_factory: async_sessionmaker[AsyncSession],
    database_url: str,
    engine: AsyncEngine,
    mail_via_smtp: SmtpServer,
) -> None:
    async with committed_factory() as session:
        person = await make_user(session)
    r = await committed_client.post(RESET_START, json={"email": person.email})
    assert r.status_code == 200, r.text

    await run_worker(database_url, wait=False)

    [msg] = mail_via_smtp.messages
    assert msg["To"] == person.email
    assert msg["Subject"] == "Reset your staykit password"
    body = body_of(msg)
    code = code_in(body)
    assert code == r.json()["secretCode"]  # the test env echoes it; the mail carries the same
    assert f"/account/reset-password?userId={person.id}&code={code}" in body
    [row] = await outbound(engine, person.email)
    assert (row["status"], row["body"]) == ("sent", None)

    # The mailed code resets the password.
    new_password = "a-brand-new-secret"
    r = await committed_client.post(
        RESET_COMPLETE, json={"email": person.email, "secretCode": code, "password": new_password}
    )
    assert r.status_code == 200, r.text
    r = await committed_client.post(
        "/auth-api/login", json={"username": person.email, "password": new_password}
    )
    assert r.status_code == 200, r.text


async def test_message_already_sent_is_not_sent_again_by_a_second_job(
    committed_client: httpx.AsyncClient,
    committed_factory: async_sessionmaker[AsyncSession],
    database_url: str,
    engine: AsyncEngine,
    mail_via_smtp: SmtpServer,
) -> None:
    address = "once@example.test"
    await register(committed_client, address)
    await run_worker(database_url, wait=False)
    [row] = await outbound(engine, address)
    async with unit_of_work(committed_factory) as session:
        conn = await raw_connection(session)
        await deliver_message.configure(connection=conn).defer_async(message_id=str(row["id"]))

    await run_worker(database_url, wait=False)

    assert len(mail_via_smtp.handler.envelopes) == 1
    assert [j["status"] for j in await jobs(engine, row["id"])] == ["succeeded", "succeeded"]
    [row] = await outbound(engine, address)
    assert row["attempts"] == 1


async def test_sms_is_kept_not_mailed_even_with_smtp_configured(
    committed_factory: async_sessionmaker[AsyncSession],
    database_url: str,
    engine: AsyncEngine,
    mail_via_smtp: SmtpServer,
) -> None:
    async with unit_of_work(committed_factory) as session:
        await queue_sms(session, to="+4915100000000", body="Your code is 123456.", purpose="test")

    await run_worker(database_url, wait=False)

    assert mail_via_smtp.handler.envelopes == []
    [row] = await outbound(engine, "+4915100000000")
    assert (row["channel"], row["status"]) == ("sms", "kept")


# --- failures and retries -------------------------------------------------------------------


async def _wait_until_due(engine: AsyncEngine, message_id: uuid.UUID) -> None:
    """Sleep until procrastinate's retry is due (the first back-off is a few seconds)."""
    [job] = await jobs(engine, message_id)
    delay = (job["scheduled_at"] - datetime.now(UTC)).total_seconds()
    assert 0 < delay <= 10, delay
    await asyncio.sleep(delay + 0.2)


async def test_smtp_server_down_marks_failed_and_the_retry_delivers_once_it_is_up(
    committed_client: httpx.AsyncClient,
    database_url: str,
    engine: AsyncEngine,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    server = SmtpServer(free_port())  # nothing listens on this port yet
    point_mail_at(monkeypatch, server.port)
    address = "patient@example.test"
    await register(committed_client, address)

    await run_worker(database_url, wait=False)

    [row] = await outbound(engine, address)
    assert row["status"] == "failed"
    assert row["attempts"] == 1
    assert row["last_error"]
    assert row["body"] is not None  # kept for the retry
    [job] = await jobs(engine, row["id"])
    # procrastinate rescheduled it rather than giving up.
    assert job["status"] == "todo"
    assert job["attempts"] == 1
    assert job["scheduled_at"] > datetime.now(UTC)

    await server.start()
    try:
        await _wait_until_due(engine, row["id"])
        await run_worker(database_url, wait=False)
    finally:
        await server.stop()

    [msg] = server.messages
    assert msg["To"] == address
    assert len(code_in(body_of(msg))) == 6
    [row] = await outbound(engine, address)
    assert (row["status"], row["attempts"], row["last_error"], row["body"]) == (
        "sent",
        2,
        None,
        None,
    )
    [job] = await jobs(engine, row["id"])
    assert job["status"] == "succeeded"
    assert job["attempts"] == 2


async def test_smtp_server_refusing_the_recipient_marks_failed_with_its_reply(
    committed_client: httpx.AsyncClient,
    database_url: str,
    engine: AsyncEngine,
    smtp: SmtpServer,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    smtp.handler.refuse = True
    point_mail_at(monkeypatch, smtp.port)
    address = "refused@example.test"
    await register(committed_client, address)

    await run_worker(database_url, wait=False)

    assert smtp.handler.envelopes == []
    [row] = await outbound(engine, address)
    assert row["status"] == "failed"
    assert "Relay access denied" in row["last_error"]
    [job] = await jobs(engine, row["id"])
    assert (job["status"], job["attempts"]) == ("todo", 1)

    # The server changes its mind; the retry gets through.
    smtp.handler.refuse = False
    await _wait_until_due(engine, row["id"])
    await run_worker(database_url, wait=False)
    assert [e.rcpt_tos for e in smtp.handler.envelopes] == [[address]]
    [row] = await outbound(engine, address)
    assert row["status"] == "sent"


# --- the development mailbox ----------------------------------------------------------------


async def test_without_smtp_host_mail_is_kept_and_shown_in_the_dev_mailbox(
    committed_client: httpx.AsyncClient, database_url: str, engine: AsyncEngine
) -> None:
    assert get_runtime().settings.smtp_host is None
    address = "kept@example.test"
    await register(committed_client, address)

    await run_worker(database_url, wait=False)

    [row] = await outbound(engine, address)
    assert row["status"] == "kept"
    assert row["body"] is not None  # the mailbox needs it
    assert row["sent_at"] is not None

    r = await committed_client.get("/dev/mailbox", params={"format": "json"})
    assert r.status_code == 200
    [item] = [m for m in r.json()["messages"] if m["to"] == address]
    assert item["channel"] == "email"
    assert item["status"] == "kept"
    assert item["subject"] == "Confirm your email address"
    assert item["id"] == str(row["id"])
    code = code_in(item["body"])

    r = await committed_client.get("/dev/mailbox")
    assert r.status_code == 200
    assert r.headers["content-type"].startswith("text/html")
    assert address in r.text and code in r.text

    r = await committed_client.post(VERIFY_COMPLETE, json={"email": address, "secretCode": code})
    assert r.status_code == 200, r.text


async def test_dev_mailbox_html_escapes_message_content(
    committed_client: httpx.AsyncClient,
    committed_factory: async_sessionmaker[AsyncSession],
) -> None:
    async with unit_of_work(committed_factory) as session:
        await queue_email(
            session,
            to="x@example.test",
            subject="<script>alert('subject')</script>",
            body="<img src=x onerror=alert(1)>",
            purpose="test",
        )
    r = await committed_client.get("/dev/mailbox")
    assert r.status_code == 200
    assert "<script>alert" not in r.text
    assert "<img src=x" not in r.text
    assert "&lt;script&gt;alert(&#x27;subject&#x27;)&lt;/script&gt;" in r.text


@contextlib.contextmanager
def preserved_process_state(settings: Settings) -> Iterator[None]:
    """create_app() sets process-wide state (password hashing, the runtime): put it back."""
    saved = runtime_module._current
    try:
        yield
    finally:
        runtime_module.set_runtime(saved)
        passwords.configure(settings)


def other_settings(settings: Settings, **changes: Any) -> Settings:
    return settings.model_copy(update=changes)


async def test_dev_mailbox_is_not_mounted_in_production(
    settings: Settings, database_url: str
) -> None:
    with preserved_process_state(settings):
        production = create_app(
            other_settings(settings, env="production"),
            database_url=database_url,
            run_worker_in_process=False,
        )
        transport = httpx.ASGITransport(app=production)
        async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as c:
            for params in ({}, {"format": "json"}):
                r = await c.get("/dev/mailbox", params=params)
                assert r.status_code == 404, r.text


# --- the worker inside `staykit serve` -------------------------------------------------------


async def test_app_with_in_process_worker_delivers_queued_mail(
    committed_factory: async_sessionmaker[AsyncSession],
    settings: Settings,
    database_url: str,
    engine: AsyncEngine,
    smtp: SmtpServer,
) -> None:
    served = other_settings(
        settings, smtp_host="127.0.0.1", smtp_port=smtp.port, smtp_starttls=False
    )
    with preserved_process_state(settings):
        application = create_app(served, database_url=database_url, run_worker_in_process=True)
        async with application.router.lifespan_context(application):
            async with unit_of_work(committed_factory) as session:
                msg = await queue_email(
                    session,
                    to="served@example.test",
                    subject="Hello from serve",
                    body="Delivered by the in-process worker.",
                    purpose="test",
                )
            status = "queued"
            for _ in range(100):  # up to ~10 s
                [row] = await outbound(engine, "served@example.test")
                status = row["status"]
                if status != "queued":
                    break
                await asyncio.sleep(0.1)
            assert status == "sent"
    [delivered] = smtp.messages
    assert delivered["Subject"] == "Hello from serve"
    [job] = await jobs(engine, msg.id)
    assert job["status"] == "succeeded"
