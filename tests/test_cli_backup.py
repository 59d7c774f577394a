"""`staykit backup` / `staykit restore`, run as real subprocesses against the machine's
PostgreSQL with its pg_dump/pg_restore: data made over the public API survives the round
trip; damaged, newer and clobbering restores are refused with one clear line."""

from __future__ import annotations

import io
import json
import os
import subprocess
import tarfile
import tempfile
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

import httpx
import psycopg
import pytest
from sqlalchemy import make_url
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from staykit.core.database import with_database
from staykit.core.db import libpq_url
from tests.api.marketplace.messaging import send, talk
from tests.factories import login, make_listing, make_user
from tests.test_cli import STAYKIT, free_port, staykit_env


class NewDatabase(Protocol):
    def __call__(self, *, create: bool = True) -> str: ...


@pytest.fixture
def new_database(database_url: str) -> Iterator[NewDatabase]:
    """Names fresh databases on the test server, made empty unless `create=False`, and
    drops them afterwards; returns their URLs."""
    made: list[str] = []
    base = make_url(database_url).database
    admin = libpq_url(with_database(database_url, "postgres"))

    def make(*, create: bool = True) -> str:
        name = f"{base}_bk_{uuid.uuid4().hex[:8]}"
        made.append(name)
        if create:
            with psycopg.connect(admin, autocommit=True) as c:
                c.execute(f'CREATE DATABASE "{name}"')
        return with_database(database_url, name)

    yield make
    with psycopg.connect(admin, autocommit=True) as c:
        for name in made:
            c.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def staykit(
    url: str, data_dir: Path, *args: str, path: str | None = None
) -> subprocess.CompletedProcess[str]:
    extra = {"STAYKIT_DATA_DIR": str(data_dir)}
    if path is not None:
        extra["PATH"] = path
    return subprocess.run(
        [STAYKIT, *args],
        env=staykit_env(url, **extra),
        capture_output=True,
        text=True,
        timeout=120,
    )


def sql(url: str, query: str) -> list[tuple[object, ...]]:
    with psycopg.connect(libpq_url(url)) as conn:
        return conn.execute(query).fetchall()


def table_counts(url: str) -> dict[str, int]:
    """Rows per table in every schema staykit uses (procrastinate's job tables included)."""
    tables = sql(
        url,
        "SELECT schemaname, tablename FROM pg_tables "
        "WHERE schemaname NOT IN ('pg_catalog', 'information_schema') ORDER BY 1, 2",
    )
    return {
        f"{s}.{t}": int(sql(url, f'SELECT count(*) FROM "{s}"."{t}"')[0][0])  # type: ignore[call-overload]
        for s, t in tables
    }


def rows(url: str, table: str) -> list[tuple[object, ...]]:
    return sql(url, f"SELECT t::text FROM {table} t ORDER BY 1")


def tiny_database(url: str, revision: str) -> None:
    """A database holding only alembic's version table at `revision`: a cheap archive
    source for the refusal tests (the checks read the manifest before anything else)."""
    with psycopg.connect(libpq_url(url), autocommit=True) as conn:
        conn.execute("CREATE TABLE alembic_version (version_num varchar(32) PRIMARY KEY)")
        conn.execute("INSERT INTO alembic_version VALUES (%s)", (revision,))


def write_files(folder: Path) -> dict[str, bytes]:
    """Stored files as the storage port's local adapter keeps them (one file per key)."""
    files = {"avatars/ab/photo.png": os.urandom(3000), "gdpr/export-1.zip": b"PK\x03\x04 zip"}
    for key, data in files.items():
        (folder / key).parent.mkdir(parents=True, exist_ok=True)
        (folder / key).write_bytes(data)
    return files


def rewrite_member(archive: Path, name: str, change: Callable[[bytes], bytes]) -> None:
    """Replace one member's bytes in a tar (the manifest is left as it was)."""
    with tarfile.open(archive) as tar:
        members = [(m, tar.extractfile(m).read()) for m in tar.getmembers()]  # type: ignore[union-attr]
    with tarfile.open(archive, "w") as tar:
        for member, data in members:
            data = change(data) if member.name == name else data
            member.size = len(data)
            tar.addfile(member, io.BytesIO(data))


# --- the round trip ------------------------------------------------------------------------


async def test_backup_then_restore_into_an_empty_database_gives_back_data_and_files(
    database_url: str,
    committed_client: httpx.AsyncClient,
    committed_factory: async_sessionmaker[AsyncSession],
    new_database: NewDatabase,
    tmp_path: Path,
) -> None:
    async with committed_factory() as db:
        host = await login(committed_client, await make_user(db))
        guest = await login(committed_client, await make_user(db))
        listing = await make_listing(db, host)
    chat = await talk(committed_client, guest, host, listing)
    await send(committed_client, guest, chat.thread_id, "Can we check in at 10?")
    await send(committed_client, host, chat.thread_id, "Yes, see you then.")

    source_dir, target_dir = tmp_path / "source", tmp_path / "target"
    files = write_files(source_dir / "files")
    archive = tmp_path / "nightly.tar"
    out = staykit(database_url, source_dir, "backup", "--output", str(archive))
    assert out.returncode == 0, out.stderr
    assert "at migration" in out.stdout and "2 files" in out.stdout
    assert oct(archive.stat().st_mode & 0o777) == "0o600"  # personal data: owner only
    with tarfile.open(archive) as tar:
        manifest = json.loads(tar.extractfile("manifest.json").read())  # type: ignore[union-attr]
    assert set(manifest["sha256"]) == {"database.dump", *(f"files/{k}" for k in files)}
    assert manifest["alembic_revision"] == sql(database_url, "SELECT * FROM alembic_version")[0][0]

    target = new_database()
    out = staykit(target, target_dir, "restore", str(archive))
    assert out.returncode == 0, out.stderr
    assert "restored" in out.stdout and "staykit migrate" not in out.stdout  # already at head

    counts = table_counts(database_url)
    assert counts["public.reservations"] == 1 and counts["public.messages"] >= 2
    assert table_counts(target) == counts
    for table in ("users", "reservations", "message_threads", "messages", "unit_types"):
        assert rows(target, table) == rows(database_url, table), table
    assert sql(target, "SELECT content FROM messages ORDER BY created_at") == sql(
        database_url, "SELECT content FROM messages ORDER BY created_at"
    )
    for key, data in files.items():
        assert (target_dir / "files" / key).read_bytes() == data
    # The index pg_restore cannot rebuild by itself (earthdistance) is there.
    assert sql(target, "SELECT 1 FROM pg_indexes WHERE indexname = 'ix_properties_earth'")

    # Now the database has data: refused without --force, and nothing changes.
    users_before = rows(target, "users")
    out = staykit(target, target_dir, "restore", str(archive))
    assert out.returncode == 2
    assert "not empty" in out.stderr and "--force" in out.stderr
    assert "Traceback" not in out.stderr
    (target_dir / "files" / "stray.txt").write_text("made after the backup")
    out = staykit(target, target_dir, "restore", str(archive), "--force")
    assert out.returncode == 0, out.stderr
    assert rows(target, "users") == users_before
    assert table_counts(target) == counts
    assert not (target_dir / "files" / "stray.txt").exists()  # the folder is the archive's


# --- refusals ------------------------------------------------------------------------------
# One small source database backed up at three revisions, and one empty target that the
# refusals must leave empty: a few subprocesses for the whole module.


@dataclass
class Archives:
    current: Path  # at this code's head, with files
    future: Path  # from a newer release
    old: Path  # from the previous release (0024)
    empty_target: str


@pytest.fixture(scope="module")
def archives(database_url: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Archives]:
    folder = tmp_path_factory.mktemp("archives")
    names = [f"{make_url(database_url).database}_bk_{uuid.uuid4().hex[:8]}" for _ in "st"]
    admin = libpq_url(with_database(database_url, "postgres"))
    with psycopg.connect(admin, autocommit=True) as c:
        for name in names:
            c.execute(f'CREATE DATABASE "{name}"')
    # The machine's server trusts loopback, so a password in the URL is accepted unused:
    # it shows that none is ever printed.
    source = make_url(with_database(database_url, names[0])).set(password="hunter2-secret")
    source_url = source.render_as_string(hide_password=False)
    try:
        write_files(folder / "files")
        tiny_database(source_url, "0030")
        made = {}
        for revision, label in (
            ("0030", "current"),
            ("0999_from_the_future", "future"),
            ("0024", "old"),
        ):
            sql(source_url, f"UPDATE alembic_version SET version_num = '{revision}' RETURNING 1")
            made[label] = folder / f"{label}.tar"
            out = staykit(source_url, folder, "backup", "-o", str(made[label]))
            assert out.returncode == 0, out.stderr
            assert "hunter2" not in out.stdout + out.stderr and "***" in out.stdout
        yield Archives(**made, empty_target=with_database(database_url, names[1]))
    finally:
        with psycopg.connect(admin, autocommit=True) as c:
            for name in names:
                c.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def test_a_damaged_archive_is_refused_and_the_database_left_empty(
    archives: Archives, tmp_path: Path
) -> None:
    target = archives.empty_target
    flipped = tmp_path / "flipped.tar"
    flipped.write_bytes(archives.current.read_bytes())
    rewrite_member(flipped, "database.dump", lambda b: b[:-1] + bytes([b[-1] ^ 1]))
    out = staykit(target, tmp_path, "restore", str(flipped))
    assert out.returncode == 2
    assert "damaged" in out.stderr and "database.dump" in out.stderr

    extra = tmp_path / "extra.tar"
    extra.write_bytes(archives.current.read_bytes())
    with tarfile.open(extra, "a") as tar:
        info = tarfile.TarInfo("files/smuggled.sh")
        info.size = 2
        tar.addfile(info, io.BytesIO(b"hi"))
    out = staykit(target, tmp_path, "restore", str(extra))
    assert out.returncode == 2
    assert "files/smuggled.sh is not in the manifest" in out.stderr

    escaped = f"staykit-escaped-{uuid.uuid4().hex[:8]}.txt"
    escaping = tmp_path / "escaping.tar"
    escaping.write_bytes(archives.current.read_bytes())
    with tarfile.open(escaping, "a") as tar:
        # Unpacked into a folder in the temporary directory: this would land beside it.
        info = tarfile.TarInfo(f"../{escaped}")
        info.size = 2
        tar.addfile(info, io.BytesIO(b"hi"))
    out = staykit(target, tmp_path, "restore", str(escaping))
    assert out.returncode == 2 and "not a readable staykit backup" in out.stderr
    assert not (Path(tempfile.gettempdir()) / escaped).exists()

    truncated = tmp_path / "truncated.tar"
    truncated.write_bytes(archives.current.read_bytes()[:700])
    out = staykit(target, tmp_path, "restore", str(truncated))
    assert out.returncode == 2 and "error:" in out.stderr and "Traceback" not in out.stderr

    assert table_counts(target) == {}
    assert not (tmp_path / "files").exists()


def test_an_archive_from_a_newer_release_is_refused(archives: Archives, tmp_path: Path) -> None:
    out = staykit(archives.empty_target, tmp_path, "restore", str(archives.future))
    assert out.returncode == 2
    assert "0999_from_the_future" in out.stderr and "newer" in out.stderr
    assert table_counts(archives.empty_target) == {}


def test_an_older_archive_is_restored_as_it_was_and_the_operator_told_to_migrate(
    archives: Archives, new_database: NewDatabase, tmp_path: Path
) -> None:
    target = new_database(create=False)  # a new server: restore creates the database
    out = staykit(target, tmp_path, "restore", str(archives.old))
    assert out.returncode == 0, out.stderr
    assert "at migration 0024" in out.stdout and "run `staykit migrate`" in out.stdout
    assert sql(target, "SELECT version_num FROM alembic_version") == [("0024",)]
    assert (tmp_path / "files" / "gdpr" / "export-1.zip").read_bytes() == b"PK\x03\x04 zip"


def test_a_non_empty_files_folder_is_refused_without_force(
    archives: Archives, tmp_path: Path
) -> None:
    (tmp_path / "files").mkdir()
    (tmp_path / "files" / "keep.txt").write_text("someone's upload")
    out = staykit(archives.empty_target, tmp_path, "restore", str(archives.current))
    assert out.returncode == 2
    assert f"folder {tmp_path / 'files'} is not empty" in out.stderr
    assert (tmp_path / "files" / "keep.txt").read_text() == "someone's upload"
    assert table_counts(archives.empty_target) == {}


def test_a_pg_dump_older_than_the_server_is_refused(archives: Archives, tmp_path: Path) -> None:
    # A FAKE pg_dump claiming version 9 (no such old client is installed here) first on PATH.
    fake_bin = tmp_path / "fake-bin"
    fake_bin.mkdir()
    for program in ("pg_dump", "pg_restore"):
        script = fake_bin / program
        script.write_text(f"#!/bin/sh\necho '{program} (PostgreSQL) 9.6.24'\n")
        script.chmod(0o755)
    path = f"{fake_bin}:{os.environ['PATH']}"
    out = staykit(
        archives.empty_target, tmp_path, "backup", "-o", str(tmp_path / "x.tar"), path=path
    )
    assert out.returncode == 2
    assert "pg_dump 9 cannot dump a PostgreSQL" in out.stderr
    assert not (tmp_path / "x.tar").exists()


def test_an_unreachable_server_is_one_line_without_the_password(tmp_path: Path) -> None:
    port = free_port()  # nothing listens there
    url = f"postgresql://staykit:hunter2-secret@127.0.0.1:{port}/staykit"
    out = staykit(url, tmp_path, "backup", "-o", str(tmp_path / "b.tar"))
    assert out.returncode == 2, out.stderr
    assert "Traceback" not in out.stderr and "hunter2" not in out.stderr
    assert f"cannot connect to postgresql://staykit:***@127.0.0.1:{port}/staykit" in out.stderr
