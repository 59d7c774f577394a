"""The `staykit` command, run as a real subprocess against the test database."""

from __future__ import annotations

import asyncio
import os
import re
import signal
import socket
import subprocess
import sys
import uuid
from pathlib import Path

import httpx
import pytest
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from staykit import demo
from staykit.domain.auth.models import AuthSession

STAYKIT = str(Path(sys.executable).with_name("staykit"))


CREDENTIAL_ROW = re.compile(r"^\s+(superAdmin|admin|user)\s+(\S+@\S+)\s+(\S+)$", re.M)


def staykit_env(database_url: str, **extra: str) -> dict[str, str]:
    return {
        **os.environ,
        "STAYKIT_DATABASE_URL": database_url,
        "STAYKIT_ENV": "test",
        "STAYKIT_ARGON2_TIME_COST": "1",
        "STAYKIT_ARGON2_MEMORY_KIB": "1024",
        "STAYKIT_ARGON2_PARALLELISM": "1",
        **extra,
    }


def run(
    database_url: str, *args: str, stdin: str | None = None
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [STAYKIT, *args],
        env=staykit_env(database_url),
        input=stdin,
        capture_output=True,
        text=True,
        timeout=120,
    )


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def test_migrate_is_idempotent(database_url: str) -> None:
    out = run(database_url, "migrate")
    assert out.returncode == 0, out.stderr
    assert "database at head" in out.stdout


async def test_create_admin_creates_then_promotes_and_the_account_logs_in(
    database_url: str, committed_client: httpx.AsyncClient
) -> None:
    out = run(
        database_url,
        "create-admin",
        "--email",
        "Ops@Example.test",
        "--password",
        "a-long-password",
        "--fullname",
        "Ops",
    )
    assert out.returncode == 0, out.stderr
    assert "created superAdmin Ops@example.test" in out.stdout

    r = await committed_client.post(
        "/auth-api/login", json={"username": "ops@example.test", "password": "a-long-password"}
    )
    assert r.status_code == 200, r.text
    assert r.json()["roleId"] == "superAdmin"

    again = run(
        database_url,
        "create-admin",
        "--email",
        "ops@example.test",
        "--role",
        "admin",
        "--password",
        "another-long-password",
    )
    assert again.returncode == 0, again.stderr
    assert "updated admin" in again.stdout
    r = await committed_client.post(
        "/auth-api/login",
        json={"username": "ops@example.test", "password": "another-long-password"},
    )
    assert r.json()["roleId"] == "admin"


def test_create_admin_rejects_a_short_password_and_a_bad_role(database_url: str) -> None:
    out = run(database_url, "create-admin", "--email", "x@example.test", "--password", "short")
    assert out.returncode == 2
    assert "at least" in out.stderr
    out = run(
        database_url,
        "create-admin",
        "--email",
        "x@example.test",
        "--password",
        "long-enough-pw",
        "--role",
        "user",
    )
    assert out.returncode == 2
    out = run(
        database_url, "create-admin", "--email", "not-an-email", "--password", "long-enough-pw"
    )
    assert out.returncode == 2
    assert "@" in out.stderr


async def test_create_admin_reads_the_password_from_stdin(
    database_url: str, committed_client: httpx.AsyncClient
) -> None:
    out = run(
        database_url, "create-admin", "--email", "piped@example.test", stdin="piped-password-123\n"
    )
    assert out.returncode == 0, out.stderr
    r = await committed_client.post(
        "/auth-api/login", json={"username": "piped@example.test", "password": "piped-password-123"}
    )
    assert r.status_code == 200


async def test_rotate_keys_adds_a_key_that_publickey_serves(
    database_url: str, committed_client: httpx.AsyncClient
) -> None:
    out = run(database_url, "rotate-keys")
    assert out.returncode == 0, out.stderr
    kid = re.search(r"new signing key (\S+)", out.stdout)
    assert kid is not None
    r = await committed_client.get("/auth-api/publickey", params={"keyId": kid.group(1)})
    assert r.status_code == 200
    assert r.json()["keyId"] == kid.group(1)
    assert r.json()["keyData"].startswith("-----BEGIN PUBLIC KEY-----")


async def test_demo_loads_once_and_prints_credentials_once(
    database_url: str,
    committed_factory: async_sessionmaker[AsyncSession],
    committed_client: httpx.AsyncClient,
) -> None:
    first = run(database_url, "demo")
    assert first.returncode == 0, first.stderr
    rows = CREDENTIAL_ROW.findall(first.stdout)
    assert {role for role, _, _ in rows} == {"superAdmin", "admin", "user"}
    role, email, password = rows[0]
    r = await committed_client.post(
        "/auth-api/login", json={"username": email, "password": password}
    )
    assert r.status_code == 200 and r.json()["roleId"] == role

    second = run(database_url, "demo")
    assert second.returncode == 0
    assert "nothing loaded" in second.stdout
    assert not re.findall(r"@staykit\.local\s+\S+$", second.stdout, re.M)


async def test_demo_reset_passwords_prints_the_demo_users_again_with_new_passwords(
    database_url: str,
    committed_factory: async_sessionmaker[AsyncSession],
    committed_client: httpx.AsyncClient,
) -> None:
    nothing = run(database_url, "demo", "--reset-passwords")
    assert nothing.returncode == 1
    assert "no demo users" in nothing.stderr

    old = dict(
        (email, pw) for _, email, pw in CREDENTIAL_ROW.findall(run(database_url, "demo").stdout)
    )
    again = run(database_url, "demo")
    assert "--reset-passwords" in again.stdout  # the way to see them again is named
    r = await committed_client.post(
        "/auth-api/login",
        json={"username": "host@staykit.local", "password": old["host@staykit.local"]},
    )
    assert r.status_code == 200
    session_id = r.json()["sessionId"]

    out = run(database_url, "demo", "--reset-passwords")
    assert out.returncode == 0, out.stderr
    rows = CREDENTIAL_ROW.findall(out.stdout)
    assert [email for _, email, _ in rows] == list(old)  # every demo user, in the same order
    new = {email: pw for _, email, pw in rows}
    assert all(new[e] != old[e] for e in old)
    for email in ("admin@staykit.local", "host@staykit.local"):
        r = await committed_client.post(
            "/auth-api/login", json={"username": email, "password": old[email]}
        )
        assert r.status_code == 401
        r = await committed_client.post(
            "/auth-api/login", json={"username": email, "password": new[email]}
        )
        assert r.status_code == 200, r.text
    async with committed_factory() as session:  # the sessions of the old password ended
        ended = await session.get(AuthSession, uuid.UUID(session_id))
        assert ended is not None and ended.revoked_at is not None


async def read_until(stream: asyncio.StreamReader, lines: list[str], pattern: str) -> str:
    """Collect output lines until one matches; that line."""
    while line := (await stream.readline()).decode():
        lines.append(line.rstrip("\n"))
        if re.search(pattern, lines[-1]):
            return lines[-1]
    raise AssertionError(f"no {pattern!r} in:\n" + "\n".join(lines))


async def jobs_left(factory: async_sessionmaker[AsyncSession]) -> tuple[int, int]:
    """(jobs waiting or running, jobs done) in procrastinate's table."""
    async with factory() as session:
        row = (
            await session.execute(
                text(
                    "SELECT count(*) FILTER (WHERE status IN ('todo', 'doing')),"
                    " count(*) FILTER (WHERE status = 'succeeded') FROM procrastinate_jobs"
                )
            )
        ).one()
    return int(row[0]), int(row[1])


async def test_serve_says_where_it_listens_and_little_else(
    database_url: str, committed_factory: async_sessionmaker[AsyncSession]
) -> None:
    """`make run` on an empty database: the demo users' table, one listening line, and
    none of the jobs' chatter (a line per deferred job and per mail kept), even after the
    in-process worker has run every job the demo bookings queued."""
    port = free_port()
    env = staykit_env(
        database_url, STAYKIT_ENV="development", STAYKIT_PORT=str(port), PYTHONUNBUFFERED="1"
    )
    env.pop("STAYKIT_PUBLIC_BASE_URL", None)
    env.pop("STAYKIT_HOST", None)
    proc = await asyncio.create_subprocess_exec(
        STAYKIT,
        "serve",
        "--demo",
        env=env,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.STDOUT,
    )
    assert proc.stdout is not None
    lines: list[str] = []
    try:
        listening = await asyncio.wait_for(
            read_until(proc.stdout, lines, r"^staykit is listening on \S+$"), timeout=180
        )
        url = listening.rsplit(" ", 1)[-1]
        assert url == f"http://127.0.0.1:{port}"
        rows = CREDENTIAL_ROW.findall("\n".join(lines))
        assert len(rows) == len(demo.PEOPLE)
        async with httpx.AsyncClient(base_url=url) as http:
            assert (await http.get("/health")).status_code == 200  # answers at once
            password = next(pw for _, email, pw in rows if email == "guest@staykit.local")
            r = await http.post(
                "/auth-api/login",
                json={"username": "guest@staykit.local", "password": password},
            )
            assert r.status_code == 200, r.text
            # STAYKIT_PUBLIC_BASE_URL is unset: avatar links follow STAYKIT_PORT.
            avatar = r.json()["avatar"]
            assert avatar.startswith(f"{url}/auth-api/"), avatar
            assert (await http.get(avatar)).status_code == 200
        # The worker delivers the demo bookings' mails; wait until it has run every job.
        for _ in range(240):
            waiting, done = await jobs_left(committed_factory)
            if not waiting and done:
                break
            await asyncio.sleep(0.5)
        assert not waiting and done > 100, (waiting, done)
    finally:
        if proc.returncode is None:
            proc.send_signal(signal.SIGINT)
        rest, _ = await asyncio.wait_for(proc.communicate(), timeout=60)
    lines += rest.decode().splitlines()
    # Stopped by Ctrl-C: uvicorn shuts down, then exits as interrupted (128 + SIGINT).
    assert proc.returncode in (0, 128 + signal.SIGINT), "\n".join(lines)
    assert not [line for line in lines if "Traceback" in line]
    assert sum("staykit is listening on" in line for line in lines) == 1
    assert len(lines) < 40, "\n".join(lines)
    chatter = ("Deferred", "Starting job", "ended with status", "mailbox", "Uvicorn")
    assert not [line for line in lines if any(word in line for word in chatter)]


@pytest.mark.parametrize(
    "command", ["serve", "worker", "migrate", "demo", "create-admin", "rotate-keys"]
)
def test_every_documented_command_has_help(command: str) -> None:
    out = subprocess.run([STAYKIT, command, "--help"], capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stderr
    assert "Usage" in out.stdout
