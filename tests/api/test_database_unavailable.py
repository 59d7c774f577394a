"""A request whose database went away (restarting, unreachable) answers 503 with
Retry-After, not a 500: found by the load drill `bench/load.py --drill pg-restart`, where
a PostgreSQL restart gave 500s for the three seconds it took. The errors are real ones:
a refused connection, and the server ending this test's own session (57P01)."""

from __future__ import annotations

import psycopg
import pytest
from sqlalchemy import exc as sa_exc
from sqlalchemy.engine import make_url

from staykit.api.errors import from_dbapi
from tests.mail import free_port


def wrapped(orig: Exception) -> sa_exc.DBAPIError:
    made = sa_exc.DBAPIError.instance("SELECT 1", {}, orig, psycopg.Error)
    assert isinstance(made, sa_exc.DBAPIError)  # what SQLAlchemy raises for a driver error
    return made


def test_a_refused_connection_is_503_with_retry_after() -> None:
    with pytest.raises(psycopg.OperationalError) as refused:
        psycopg.connect(f"postgresql://postgres@127.0.0.1:{free_port()}/none", connect_timeout=5)
    problem = from_dbapi(wrapped(refused.value))
    assert (problem.status, problem.code) == (503, "databaseUnavailable")
    assert problem.headers == {"Retry-After": "1"}


def test_the_server_ending_the_session_is_503(database_url: str) -> None:
    url = make_url(database_url).set(drivername="postgresql").render_as_string(False)
    with psycopg.connect(url) as conn, pytest.raises(psycopg.OperationalError) as ended:
        conn.execute("SELECT pg_terminate_backend(pg_backend_pid())")  # only this session
    assert ended.value.sqlstate == "57P01"
    assert from_dbapi(wrapped(ended.value)).status == 503


def test_other_database_errors_keep_their_answers(database_url: str) -> None:
    url = make_url(database_url).set(drivername="postgresql").render_as_string(False)
    with psycopg.connect(url) as conn:
        with pytest.raises(psycopg.errors.UndefinedTable) as missing:
            conn.execute("SELECT * FROM no_such_table")
        conn.rollback()
        with pytest.raises(psycopg.DataError) as bad:
            conn.execute("SELECT 'x'::int")
    assert from_dbapi(wrapped(missing.value)).status == 500  # a bug stays a bug
    assert from_dbapi(wrapped(bad.value)).status == 400
