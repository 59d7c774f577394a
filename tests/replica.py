"""A stand-in read replica for the tests: the test database's own server reached as a
login role whose transactions are all read-only (`default_transaction_read_only=on`)
and which may only SELECT. Staleness aside, a replica behaves so: a write through it
fails, which is what shows a route really read through it."""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator

import psycopg
from sqlalchemy import make_url

from staykit.core.db import libpq_url


def role_name() -> str:
    """One role per pytest-xdist worker (roles are the server's, not one database's)."""
    return f"staykit_replica_{os.environ.get('PYTEST_XDIST_WORKER', 'main')}"


@contextlib.contextmanager
def read_only_role(database_url: str) -> Iterator[str]:
    """The URL of the read-only role on `database_url`'s database; the role is dropped
    when the block ends."""
    name = role_name()  # ours, not input: safe in the statements below
    with psycopg.connect(libpq_url(database_url), autocommit=True) as conn:
        conn.execute(
            "DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = "
            f"'{name}') THEN CREATE ROLE {name} LOGIN; END IF; END $$"
        )
        conn.execute(f"ALTER ROLE {name} SET default_transaction_read_only = on")
        conn.execute(f"GRANT USAGE ON SCHEMA public TO {name}")
        conn.execute(f"GRANT SELECT ON ALL TABLES IN SCHEMA public TO {name}")
    try:
        yield (
            make_url(database_url)
            .set(username=name, password=None)
            .render_as_string(hide_password=False)
        )
    finally:
        with psycopg.connect(libpq_url(database_url), autocommit=True) as conn:
            conn.execute(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = %s",
                (name,),
            )
            conn.execute(f"DROP OWNED BY {name}")
            conn.execute(f"DROP ROLE IF EXISTS {name}")
