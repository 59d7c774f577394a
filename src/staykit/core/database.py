"""Finding the database: an external server from STAYKIT_DATABASE_URL, or the embedded one;
creating the application database; applying migrations."""

from __future__ import annotations

import logging
from pathlib import Path

import psycopg
from alembic import command
from alembic.config import Config

from staykit.core.config import Settings
from staykit.core.db import libpq_url, sqlalchemy_url
from staykit.core.embedded import EmbeddedPostgres

log = logging.getLogger(__name__)
APP_DB = "staykit"
MIGRATIONS = Path(__file__).resolve().parent.parent / "migrations"


def with_database(url: str, name: str) -> str:
    """The same server URL pointing at database `name` (socket URLs keep their ?host=)."""
    base, sep, query = libpq_url(url).partition("?")
    head, _, _ = base.rpartition("/")
    return f"{head}/{name}{sep}{query}"


def ensure_database(server_url: str, name: str) -> str:
    target = with_database(server_url, name)
    with psycopg.connect(with_database(server_url, "postgres"), autocommit=True) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", (name,)).fetchone()
        if not exists:
            conn.execute(f'CREATE DATABASE "{name}"')  # name is ours, not user input
    return target


def start_database(settings: Settings) -> tuple[str, EmbeddedPostgres | None]:
    """The database URL to use, starting the embedded server when none is configured."""
    if settings.database_url:
        return sqlalchemy_url(settings.database_url), None
    embedded = EmbeddedPostgres(settings.data_dir / "pgdata")
    server = embedded.start()
    return sqlalchemy_url(ensure_database(server, APP_DB)), embedded


def migrate(url: str, revision: str = "head") -> None:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    cfg.set_main_option("sqlalchemy.url", sqlalchemy_url(url).replace("%", "%%"))
    command.upgrade(cfg, revision)
