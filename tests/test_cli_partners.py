"""`staykit client ...` and `staykit token ...`: partner credentials from the command line,
run as real subprocesses against the committed test database; the printed token is used
against the Cloud API as a script would use it."""

from __future__ import annotations

import asyncio
import re
import shlex
import subprocess
import time
import uuid
from pathlib import Path

import httpx
import pytest
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from staykit import demo
from staykit.core.config import Settings
from staykit.domain.access.scopes import CATEGORIES
from staykit.domain.partners import clients
from staykit.domain.partners.models import Grant
from staykit.domain.tenancy.models import Business
from staykit.domain.tenancy.service import ensure_business
from tests.factories import Person, actor_of, add_member, make_user
from tests.test_cli import STAYKIT, run

TOKENDETAILS = "/cloudapi/auth/tokendetails"


def ok(out: subprocess.CompletedProcess[str]) -> list[str]:
    assert out.returncode == 0, out.stderr
    assert "Traceback" not in out.stderr
    return out.stdout.strip().splitlines()


def refused(out: subprocess.CompletedProcess[str], *words: str) -> str:
    """Exit code 2 and one line on stderr that says what was wrong."""
    assert out.returncode == 2, (out.stdout, out.stderr)
    assert "Traceback" not in out.stderr
    lines = out.stderr.strip().splitlines()
    assert len(lines) == 1, out.stderr
    for word in words:
        assert word in lines[0], lines[0]
    return lines[0]


def bearer(value: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {value}"}


async def refused_soon(client: httpx.AsyncClient, value: str) -> httpx.Response:
    """The 401 a token revoked by the command (another process) gets: at once when this
    process had not cached it, within the NOTIFY's delivery (milliseconds) when it had."""
    deadline = time.monotonic() + 3
    while True:
        r = await client.get(TOKENDETAILS, headers=bearer(value))
        if r.status_code == 401 or time.monotonic() > deadline:
            assert r.status_code == 401, r.text
            return r
        await asyncio.sleep(0.02)


async def _host_with_business(
    factory: async_sessionmaker[AsyncSession],
) -> tuple[Person, Business]:
    async with factory() as db:
        host = await make_user(db)
        business = await ensure_business(db, actor_of(host))
        await db.commit()
    return host, business


# --- clients -------------------------------------------------------------------------------


async def test_client_create_prints_the_id_and_the_secret_last_and_list_omits_it(
    database_url: str, committed_factory: async_sessionmaker[AsyncSession]
) -> None:
    lines = ok(
        run(
            database_url,
            "client",
            "create",
            "--name",
            "Inbox Pro",
            "--redirect-uri",
            "https://inbox.example/callback",
            "--redirect-uri",
            "http://127.0.0.1:8765/callback",
            "--scopes",
            "guest_communication offline_access openid",
        )
    )
    client_id = next(line.split()[1] for line in lines if line.startswith("client_id "))
    secret = lines[-1]
    assert secret.startswith("stk_cs_") and " " not in secret
    async with committed_factory() as db:
        client = await clients.authenticate_client(db, client_id, secret)
        assert client is not None
        assert client.redirect_uris == [
            "https://inbox.example/callback",
            "http://127.0.0.1:8765/callback",
        ]
        assert client.scopes == ["guest_communication", "offline_access", "openid"]
        assert await clients.authenticate_client(db, client_id, secret + "x") is None

    listed = ok(run(database_url, "client", "list"))
    assert len(listed) == 1
    assert listed[0].split("\t") == [
        client_id,
        "Inbox Pro",
        "https://inbox.example/callback http://127.0.0.1:8765/callback",
        "guest_communication offline_access openid",
    ]
    assert secret not in "\n".join(listed)


def test_client_create_refuses_bad_input_with_exit_code_2(database_url: str) -> None:
    base = ["client", "create", "--name", "App"]
    refused(
        run(
            database_url,
            *base,
            "--redirect-uri",
            "http://app.example/cb",
            "--scopes",
            "read:bookings",
        ),
        "redirectUris[0]",
        "https",
    )
    refused(
        run(database_url, *base, "--redirect-uri", "not a uri", "--scopes", "read:bookings"),
        "redirectUris[0]",
    )
    refused(
        run(
            database_url,
            *base,
            "--redirect-uri",
            "https://app.example/cb",
            "--scopes",
            "read:bookings read:everything",
        ),
        "'read:everything' is not a scope",
    )
    missing = run(database_url, "client", "create", "--name", "App", "--scopes", "all")
    assert missing.returncode == 2 and "--redirect-uri" in missing.stderr


# --- tenant tokens -------------------------------------------------------------------------


async def test_a_token_for_a_hosts_only_business_works_until_revoked_by_value(
    database_url: str,
    committed_factory: async_sessionmaker[AsyncSession],
    committed_client: httpx.AsyncClient,
) -> None:
    host, business = await _host_with_business(committed_factory)
    lines = ok(
        run(
            database_url,
            "token",
            "create",
            "--business",
            host.email.upper(),  # an email is matched without regard to case
            "--scopes",
            "all",
            "--label",
            "nightly export",
        )
    )
    value = lines[-1]
    assert value.startswith("stk_tt_")
    grant_id = next(line.split()[1] for line in lines if line.startswith("grant "))

    r = await committed_client.get(TOKENDETAILS, headers=bearer(value))
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["credential"] == "tenant_token"
    assert [t["id"] for t in body["tenants"]] == [str(business.id)]
    expected = {f"{m}:{c}" for c in CATEGORIES for m in ("read", "write", "delete")}
    assert set(body["scopes"]) == expected
    async with committed_factory() as db:
        grant = await db.get(Grant, uuid.UUID(grant_id))
        assert grant is not None and grant.label == "nightly export"
        assert grant.user_id == host.user.id and grant.kind == "tenant"

    assert ok(run(database_url, "token", "revoke", value)) == [f"revoked grant {grant_id}"]
    r = await refused_soon(committed_client, value)
    assert r.json()["code"] == "tokenRevoked"
    again = ok(run(database_url, "token", "revoke", grant_id))
    assert again == [f"grant {grant_id} was already revoked"]


async def test_a_token_by_business_id_acts_as_its_owner_and_revokes_by_grant_id(
    database_url: str,
    committed_factory: async_sessionmaker[AsyncSession],
    committed_client: httpx.AsyncClient,
) -> None:
    host, business = await _host_with_business(committed_factory)
    lines = ok(
        run(
            database_url,
            "token",
            "create",
            "--business",
            str(business.id),
            "--scopes",
            "read:bookings revenue_management",
        )
    )
    value, grant_id = lines[-1], lines[0].split()[1]
    assert lines[0] == f"grant {grant_id}"
    r = await committed_client.get(TOKENDETAILS, headers=bearer(value))
    assert r.status_code == 200
    assert "write:inventory" in r.json()["scopes"] and "write:bookings" not in r.json()["scopes"]
    async with committed_factory() as db:
        grant = await db.get(Grant, uuid.UUID(grant_id))
        assert grant is not None and grant.user_id == host.user.id

    assert ok(run(database_url, "token", "revoke", grant_id)) == [f"revoked grant {grant_id}"]
    await refused_soon(committed_client, value)


async def test_token_create_refuses_each_bad_business_and_scope_with_exit_code_2(
    database_url: str, committed_factory: async_sessionmaker[AsyncSession]
) -> None:
    host, business = await _host_with_business(committed_factory)
    async with committed_factory() as db:
        idle = await make_user(db)  # manages nothing
        staff = await make_user(db)  # staff only: does not manage
        await add_member(db, business.id, staff, "staff")
        busy = await make_user(db)  # manages two
        first = await ensure_business(db, actor_of(busy))
        await add_member(db, business.id, busy, "manager")
        await db.commit()

    def create(who: str, scopes: str = "all") -> subprocess.CompletedProcess[str]:
        return run(database_url, "token", "create", "--business", who, "--scopes", scopes)

    refused(create("nobody@example.test"), "No active user nobody@example.test")
    refused(create(idle.email), idle.email, "manages no business")
    refused(create(staff.email), "manages no business")
    line = refused(create(busy.email), "manages 2 businesses", "pass one of their ids")
    assert str(first.id) in line and str(business.id) in line
    refused(create("0190c0c0-0000-7000-8000-000000000000"), "No active business")
    refused(create("my business"), "by its id", "email")
    refused(create(host.email, "read:bookings read:everything"), "'read:everything'")
    refused(create(host.email, "   "), "at least one scope")
    refused(create(host.email, "offline_access"), "data scope")
    long_label = run(
        database_url,
        "token",
        "create",
        "--business",
        host.email,
        "--scopes",
        "all",
        "--label",
        "x" * 201,
    )
    refused(long_label, "--label")
    refused(run(database_url, "token", "revoke", "stk_tt_not-a-token"), "No such token")
    async with committed_factory() as db:
        assert await db.scalar(select(func.count()).select_from(Grant)) == 0  # nothing made


@pytest.mark.parametrize(
    "command",
    [("client", "create"), ("client", "list"), ("token", "create"), ("token", "revoke")],
)
def test_partner_commands_have_help(command: tuple[str, str]) -> None:
    out = subprocess.run([STAYKIT, *command, "--help"], capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stderr
    assert "Usage" in out.stdout


README = Path(__file__).resolve().parent.parent / "README.md"
PARTNER_DOCS = README.parent / "docs" / "partner-apis.md"
DOCUMENTED = re.compile(r"^CLOUD_TOKEN=\$\(\.venv/bin/staykit (.+?) \| tail -n 1\)$", re.M)


async def test_the_documented_token_command_works_against_the_demo_data(
    database_url: str,
    committed_factory: async_sessionmaker[AsyncSession],
    committed_client: httpx.AsyncClient,
    settings: Settings,
) -> None:
    """README and docs/partner-apis.md: one command gives a Cloud API token for the demo
    host's business, and tokendetails answers for it; revoke ends it."""
    async with committed_factory() as db:
        await demo.load_access(db, settings)
        await db.commit()
    commands = {m for page in (README, PARTNER_DOCS) for m in DOCUMENTED.findall(page.read_text())}
    assert len(commands) == 1, commands  # the same command on both pages
    value = ok(run(database_url, *shlex.split(commands.pop())))[-1]
    r = await committed_client.get(TOKENDETAILS, headers=bearer(value))
    assert r.status_code == 200, r.text
    assert [t["name"] for t in r.json()["tenants"]] == ["Hana Host's rentals"]
    ok(run(database_url, "token", "revoke", value))
    await refused_soon(committed_client, value)
