"""The `staykit` command, run as a real subprocess against the test database."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import httpx
import pytest
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

STAYKIT = str(Path(sys.executable).with_name("staykit"))


def run(
    database_url: str, *args: str, stdin: str | None = None
) -> subprocess.CompletedProcess[str]:
    env = {
        **os.environ,
        "STAYKIT_DATABASE_URL": database_url,
        "STAYKIT_ENV": "test",
        "STAYKIT_ARGON2_TIME_COST": "1",
        "STAYKIT_ARGON2_MEMORY_KIB": "1024",
        "STAYKIT_ARGON2_PARALLELISM": "1",
    }
    return subprocess.run(
        [STAYKIT, *args], env=env, input=stdin, capture_output=True, text=True, timeout=120
    )


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
    rows = re.findall(r"^\s+(superAdmin|admin|user)\s+(\S+@\S+)\s+(\S+)$", first.stdout, re.M)
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


@pytest.mark.parametrize(
    "command", ["serve", "worker", "migrate", "demo", "create-admin", "rotate-keys"]
)
def test_every_documented_command_has_help(command: str) -> None:
    out = subprocess.run([STAYKIT, command, "--help"], capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stderr
    assert "Usage" in out.stdout
