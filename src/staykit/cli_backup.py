"""`staykit backup` and `staykit restore`: the database (pg_dump/pg_restore) and the local
files folder in one archive; the mechanics live in staykit.core.backup."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import TypeVar

import typer

from staykit.core import backup as archive
from staykit.core.config import get_settings
from staykit.core.database import start_database
from staykit.core.logging import configure

T = TypeVar("T")


@contextmanager
def _database() -> Iterator[tuple[str, bool]]:
    """(database URL, embedded?): the embedded server is started when no URL is set, as
    `staykit migrate` does, and stopped afterwards."""
    settings = get_settings()
    configure(settings.log_level, json_lines=not settings.is_development)
    url, embedded = start_database(settings)
    try:
        yield url, embedded is not None
    finally:
        if embedded is not None:
            embedded.stop()


def _refusing(fn: Callable[[], T]) -> T:
    """A refusal is one line on stderr and exit code 2, never a traceback."""
    try:
        return fn()
    except archive.BackupError as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(2) from None


def backup(
    output: Path | None = typer.Option(
        None,
        "--output",
        "-o",
        help="the archive to write (default: staykit-backup-<UTC time>.tar here)",
    ),
) -> None:
    """Write one archive: the database (pg_dump custom format), the local files folder
    and a manifest with checksums."""
    settings = get_settings()
    target = output or Path(f"staykit-backup-{datetime.now(UTC):%Y%m%dT%H%M%SZ}.tar")
    with _database() as (url, embedded):
        manifest = _refusing(
            lambda: archive.create_backup(settings, url, target, embedded=embedded)
        )
    files = sum(1 for name in manifest["sha256"] if name.startswith(f"{archive.FILES}/"))
    folder = archive.files_dir(settings)
    where = (
        f"{_count(files, 'file')} from {folder}" if folder is not None else "no files (S3 storage)"
    )
    typer.echo(
        f"wrote {target}: database {archive.redacted(url)} at migration "
        f"{manifest['alembic_revision']}, {where}"
    )


def restore(
    file: Path = typer.Argument(..., help="an archive written by `staykit backup`"),
    force: bool = typer.Option(
        False, "--force", help="replace the contents of a database or files folder that has some"
    ),
) -> None:
    """Restore an archive into this configuration's database and files folder. Stop the
    API processes and workers first."""
    settings = get_settings()
    with _database() as (url, embedded):
        done = _refusing(
            lambda: archive.restore_backup(settings, url, file, embedded=embedded, force=force)
        )
    typer.echo(
        f"restored {file} into {archive.redacted(url)} (migration {done.revision}, "
        f"{_count(done.files, 'file')})"
    )
    if done.revision is not None and done.revision != done.head:
        # Not migrated here on purpose: the restored database is exactly the one backed up,
        # which the release that wrote it can still run; upgrading is a separate step.
        typer.echo(
            f"the database is at migration {done.revision}, older than this staykit's "
            f"{done.head}: run `staykit migrate` (`staykit serve` also does) to upgrade it"
        )


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}{'' if n == 1 else 's'}"


def register(cli: typer.Typer) -> None:
    cli.command("backup")(backup)
    cli.command("restore")(restore)
