"""Test harness: one real PostgreSQL database per test process, migrated once.

STAYKIT_TEST_DATABASE_URL (CI sets it) names the server and database to use; without it an
embedded server starts in a temporary directory. Under pytest-xdist (`-n`) every worker
gets a database of its own: `<dbname>_<worker id>` on the given server, made fresh and
dropped at the end, or its own embedded server. Each test runs inside a transaction that
is rolled back (`client`), or, for tests that need real commits (jobs, concurrency), against
the database itself with the tables emptied afterwards (`committed_client`).
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import AsyncIterator, Iterator
from datetime import datetime
from pathlib import Path
from typing import Any

import httpx
import psycopg
import pytest
from pydantic import SecretStr
from sqlalchemy import event, make_url, text
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine, AsyncSession, async_sessionmaker
from sqlalchemy.orm import Session

from staykit.app import create_app
from staykit.core.clock import FrozenClock, utcnow
from staykit.core.config import Settings
from staykit.core.database import ensure_database, migrate, with_database
from staykit.core.db import create_engine, make_sessionmaker, sqlalchemy_url
from staykit.core.embedded import EmbeddedPostgres
from staykit.domain.auth.keys import keyring
from tests.factories import frozen_clock
from tests.s3 import ACCESS_KEY_ID, REGION, SECRET_ACCESS_KEY, S3Server, running_server
from tests.tables import data_tables

# Tables emptied after committing tests: every model's table but the signing keys, and
# procrastinate's (tests/tables.py; tests/test_tables.py checks nothing is missed).
DATA_TABLES = ", ".join(data_tables())


def xdist_worker() -> str | None:
    """The pytest-xdist worker id (gw0, gw1, ...), or None in a plain run."""
    return os.environ.get("PYTEST_XDIST_WORKER")


def _recreate(server_url: str, name: str) -> None:
    with psycopg.connect(with_database(server_url, "postgres"), autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')  # name is ours
        conn.execute(f'CREATE DATABASE "{name}"')


def _drop(server_url: str, name: str) -> None:
    with psycopg.connect(with_database(server_url, "postgres"), autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture(scope="session")
def database_url() -> Iterator[str]:
    given = Settings().test_database_url
    worker = xdist_worker()
    if given and worker:
        base = sqlalchemy_url(given)
        name = f"{make_url(base).database}_{worker}"
        _recreate(base, name)
        url = sqlalchemy_url(with_database(base, name))
        migrate(url)
        try:
            yield url
        finally:
            _drop(base, name)
        return
    if given:
        url = sqlalchemy_url(given)
        migrate(url)
        yield url
        return
    tmp = Path(tempfile.mkdtemp(prefix="staykit-test-"))
    server = EmbeddedPostgres(tmp / "pgdata", delete_on_stop=True)
    url = sqlalchemy_url(ensure_database(server.start(), "staykit_test"))
    migrate(url)
    try:
        yield url
    finally:
        server.stop()
        shutil.rmtree(tmp, ignore_errors=True)  # one per worker: do not leave them behind


@pytest.fixture(scope="session")
def settings(database_url: str, tmp_path_factory: pytest.TempPathFactory) -> Settings:
    return Settings(
        env="test",
        database_url=database_url,
        # Stored files (avatars, photos, attachments, exports) in a folder of this run.
        storage_url=tmp_path_factory.mktemp("files").as_uri(),
        run_worker=False,
        public_base_url="http://testserver",
        argon2_time_cost=1,
        argon2_memory_kib=1024,
        argon2_parallelism=1,
        smtp_host=None,
    )


@pytest.fixture(scope="session")
def s3_server() -> Iterator[S3Server]:
    """moto's S3 server on a free loopback port, with the test bucket made."""
    yield from running_server()


@pytest.fixture(scope="session")
def s3_settings(settings: Settings, s3_server: S3Server) -> Settings:
    """The test settings with the files in the S3 server's bucket (under a prefix)."""
    return settings.model_copy(
        update={
            "storage_url": f"s3://{s3_server.bucket}/staykit",
            "s3_endpoint_url": s3_server.endpoint_url,
            "s3_region": REGION,
            "s3_access_key_id": SecretStr(ACCESS_KEY_ID),
            "s3_secret_access_key": SecretStr(SECRET_ACCESS_KEY),
        }
    )


@pytest.fixture(scope="session")
async def app(settings: Settings, database_url: str) -> AsyncIterator[object]:
    application = create_app(settings, database_url=database_url, run_worker_in_process=False)
    async with application.router.lifespan_context(application):
        yield application


@pytest.fixture(scope="session")
async def engine(database_url: str) -> AsyncIterator[AsyncEngine]:
    eng = create_engine(database_url, pool_size=10)
    yield eng
    await eng.dispose()


class _ReadOnlySync(Session):
    """The sync half of a GET's session in the tests."""


@event.listens_for(_ReadOnlySync, "after_begin")
def _read_only(_session: Session, _transaction: Any, connection: Any) -> None:
    connection.exec_driver_sql("SET TRANSACTION READ ONLY")


class ReadOnlySession(AsyncSession):
    """A GET's session in the tests. Production answers reads on autocommit connections
    (see `staykit.api.deps`); here they run READ ONLY and end in a rollback, so a GET that
    writes without declaring it fails the test instead of committing piecemeal."""

    async def commit(self) -> None:
        # Detach first, as production's commit (expire_on_commit=False) leaves the loaded
        # objects usable after the request's session ends (a streamed answer reads them);
        # a rollback would expire them.
        self.expunge_all()
        await self.rollback()


def use_sessionmaker(app: object, factory: async_sessionmaker[AsyncSession]) -> None:
    app.state.sessionmaker = factory  # type: ignore[attr-defined]
    app.state.read_sessionmaker = async_sessionmaker(  # type: ignore[attr-defined]
        **{**factory.kw, "class_": ReadOnlySession, "sync_session_class": _ReadOnlySync}
    )


@pytest.fixture
async def db_conn(engine: AsyncEngine) -> AsyncIterator[AsyncConnection]:
    async with engine.connect() as conn:
        trans = await conn.begin()
        try:
            yield conn
        finally:
            await trans.rollback()


@pytest.fixture
async def session_factory(db_conn: AsyncConnection) -> async_sessionmaker[AsyncSession]:
    return async_sessionmaker(
        bind=db_conn,
        expire_on_commit=False,
        autoflush=False,
        join_transaction_mode="create_savepoint",
    )


@pytest.fixture
async def db(session_factory: async_sessionmaker[AsyncSession]) -> AsyncIterator[AsyncSession]:
    """A session inside the test's transaction, for arranging data and checking results."""
    async with session_factory() as session:
        yield session


@pytest.fixture
async def client(
    app: object, session_factory: async_sessionmaker[AsyncSession]
) -> AsyncIterator[httpx.AsyncClient]:
    use_sessionmaker(app, session_factory)
    transport = httpx.ASGITransport(app=app)  # type: ignore[arg-type]
    async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as c:
        yield c


async def _truncate(engine: AsyncEngine) -> None:
    async with engine.begin() as conn:
        await conn.execute(text(f"TRUNCATE {DATA_TABLES} CASCADE"))


@pytest.fixture
async def committed_factory(
    app: object, engine: AsyncEngine
) -> AsyncIterator[async_sessionmaker[AsyncSession]]:
    """The real database: every request commits. Tables are emptied afterwards."""
    await _truncate(engine)
    factory = make_sessionmaker(engine)
    use_sessionmaker(app, factory)
    try:
        yield factory
    finally:
        await _truncate(engine)


@pytest.fixture
async def committed_client(
    app: object, committed_factory: async_sessionmaker[AsyncSession]
) -> AsyncIterator[httpx.AsyncClient]:
    transport = httpx.ASGITransport(app=app)  # type: ignore[arg-type]
    async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as c:
        yield c


@pytest.fixture
def frozen_at() -> datetime:
    """Where `frozen` stops the clock: now, unless a module overrides this fixture."""
    return utcnow()


@pytest.fixture
def frozen(frozen_at: datetime) -> Iterator[FrozenClock]:
    """The staykit clock stopped at `frozen_at`; tests move it with `.at` or `.advance`."""
    with frozen_clock(frozen_at) as clock:
        yield clock


@pytest.fixture(autouse=True)
def fresh_rate_limits(request: pytest.FixtureRequest) -> None:
    """Each test starts with empty public-route limit counters. The app lives for the whole
    session and every test calls it from one address, often at one frozen instant, so the
    counters would otherwise add up thousands of tests' requests in one window."""
    if "app" in request.fixturenames:
        app = request.getfixturevalue("app")
        app.state.rate_limit_store = None


@pytest.fixture
async def fresh_keyring(engine: AsyncEngine) -> AsyncIterator[None]:
    """Keys added inside a rolled-back test must not linger in the process-wide key cache."""
    yield
    async with AsyncSession(engine) as session:
        await keyring.load(session)


def pytest_report_header(config: pytest.Config) -> str:
    return "database: " + (
        "STAYKIT_TEST_DATABASE_URL" if os.environ.get("STAYKIT_TEST_DATABASE_URL") else "embedded"
    )
