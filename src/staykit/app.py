"""create_app(): mounts every surface, middleware and the lifespan (keys, worker)."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator, Callable
from typing import Any

import structlog
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from starlette.datastructures import State

from staykit import __version__
from staykit.api.apps import swagger_assets
from staykit.api.channel.app import create_channel_app
from staykit.api.channel.errors import CHANNEL
from staykit.api.cloud.app import create_cloud_app
from staykit.api.cloud.errors import CLOUD
from staykit.api.connect.app import create_connect_app, create_well_known_app
from staykit.api.connect.errors import CONNECT
from staykit.api.host.app import create_host_app
from staykit.api.host.errors import HOST
from staykit.api.ical.app import create_ical_app
from staykit.api.ical.errors import ICAL
from staykit.api.marketplace.app import create_marketplace_app
from staykit.api.marketplace.app import services as marketplace_services
from staykit.api.marketplace.errors import MARKETPLACE
from staykit.api.mcp.app import create_mcp_app
from staykit.api.mcp.errors import MCP
from staykit.api.middleware import RequestMiddleware
from staykit.api.portal.app import create_portal_app
from staykit.api.portal.errors import PORTAL
from staykit.api.root import Root
from staykit.api.site import app as site
from staykit.api.site.errors import SITE
from staykit.core.config import Settings, get_settings
from staykit.core.db import Databases, create_engine, make_sessionmaker, unit_of_work
from staykit.core.runtime import Runtime, current_runtime, get_runtime, set_runtime
from staykit.domain.agents import service as agents
from staykit.domain.agents.tools import ServiceDocument
from staykit.domain.auth import passwords
from staykit.domain.auth.keys import keyring
from staykit.domain.auth.session_cache import listener as session_listener
from staykit.domain.notifications import hub as live
from staykit.domain.partners import touches
from staykit.domain.payments.providers import close_provider
from staykit.jobs.app import run_worker

log = structlog.get_logger(__name__)

# Where each surface's error body applies; the marketplace answers everything else.
SURFACES = (CLOUD, CHANNEL, CONNECT, PORTAL, HOST, ICAL, MCP, SITE, MARKETPLACE)


TOUCH_FLUSH_SECONDS = 60.0


@contextlib.asynccontextmanager
async def _touch_flusher(
    factory: async_sessionmaker[AsyncSession], every: float = TOUCH_FLUSH_SECONDS
) -> AsyncIterator[None]:
    """Write when idle-limited partner tokens were last used (see `partners.touches`),
    every minute and once more at shutdown."""

    async def flush() -> None:
        try:
            async with unit_of_work(factory) as session:
                await touches.flush(session)
        except Exception as exc:  # never take the service down for a last-used stamp
            log.warning("could not record partner token use", error=str(exc))

    async def loop() -> None:
        while True:
            await asyncio.sleep(every)
            await flush()

    task = asyncio.create_task(loop())
    try:
        yield
    finally:
        task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await task
        await flush()


def service_documents(settings: Settings) -> Callable[[], list[ServiceDocument]]:
    """The marketplace services' OpenAPI documents, for the MCP tools and the tool
    catalog (built once, on first use: they do not change while the process runs)."""
    cache: list[ServiceDocument] = []

    def documents() -> list[ServiceDocument]:
        if not cache:
            cache.extend(
                ServiceDocument(s.name, s.prefix, s.openapi())
                for s in marketplace_services(settings.token_name)
            )
        return cache

    return documents


async def _refresh_tool_catalog(factory: async_sessionmaker[AsyncSession]) -> None:
    """The catalog as this build's services offer it, at start-up (then every quarter of
    an hour, the periodic job)."""
    try:
        tools = agents.current_tools()
        async with unit_of_work(factory) as session:
            await agents.refresh_catalog(session, tools)
    except Exception as exc:  # the next periodic run retries
        log.warning("could not refresh the tool catalog", error=str(exc))


def create_app(
    settings: Settings | None = None,
    *,
    database_url: str | None = None,
    sessionmaker: async_sessionmaker[AsyncSession] | None = None,
    run_worker_in_process: bool | None = None,
) -> Root:
    """The whole service. `database_url` defaults to the started runtime's database."""
    settings = settings or get_settings()
    passwords.configure(settings)
    worker_enabled = settings.run_worker if run_worker_in_process is None else run_worker_in_process

    state = State()
    state.settings = settings

    @contextlib.asynccontextmanager
    async def lifespan(_app: Any) -> AsyncIterator[None]:
        url = database_url or get_runtime().database_url
        databases = Databases.of(settings, url)
        engine = create_engine(url, pool_size=settings.db_pool_size, pgbouncer=databases.pgbouncer)
        # The replica's reads (see `api.deps.ReplicaSession`) run on autocommit
        # connections, as every GET does; unset, those routes read the primary.
        replica = (
            create_engine(
                databases.read, pool_size=settings.db_pool_size, pgbouncer=databases.pgbouncer
            )
            if databases.read
            else None
        )
        state.replica_sessionmaker = (
            make_sessionmaker(replica.execution_options(isolation_level="AUTOCOMMIT"))
            if replica is not None
            else None
        )
        factory = sessionmaker or make_sessionmaker(engine)
        previous_runtime = current_runtime()
        set_runtime(
            Runtime(
                settings=settings,
                engine=engine,
                sessionmaker=make_sessionmaker(engine),
                database_url=url,
            )
        )
        state.sessionmaker = factory
        state.engine = engine
        # GET and HEAD read on autocommit connections (see `api.deps`); an injected
        # sessionmaker (the tests') serves both.
        state.read_sessionmaker = (
            make_sessionmaker(engine.execution_options(isolation_level="AUTOCOMMIT"))
            if sessionmaker is None
            else None
        )
        async with unit_of_work(make_sessionmaker(engine)) as session:
            await keyring.ensure(session)
        if settings.env == "production" and not settings.smtp_host:
            log.warning(
                "no SMTP server configured (STAYKIT_SMTP_HOST): verification and reset "
                "emails are kept in the database and never reach users"
            )
        if settings.env == "production" and settings.vapid_private_key is None:
            log.warning(
                "no VAPID key configured (STAYKIT_VAPID_PRIVATE_KEY): push notifications "
                "are not sent"
            )
        worker: asyncio.Task[Any] | None = None
        refresh: asyncio.Task[None] | None = None
        if worker_enabled:
            worker = asyncio.create_task(run_worker(databases.direct, name="staykit-serve-worker"))
            refresh = asyncio.create_task(_refresh_tool_catalog(make_sessionmaker(engine)))
        try:
            async with (
                session_listener(databases.direct, settings.session_cache_seconds),
                live.running(databases.direct),
                _touch_flusher(make_sessionmaker(engine)),
                mcp.running(),
            ):
                yield
        finally:
            if refresh is not None:
                with contextlib.suppress(asyncio.CancelledError, Exception):
                    await refresh
            if worker is not None:
                worker.cancel()
                with contextlib.suppress(asyncio.CancelledError, Exception):
                    await worker
            # The limiter's counters (the Channel API's credits, the public routes'
            # limits), each made on its first request.
            for name in ("credit_store", "rate_limit_store"):
                store = getattr(state, name, None)
                if store is not None:
                    setattr(state, name, None)
                    await store.close()
            await close_provider()
            await engine.dispose()
            if replica is not None:
                state.replica_sessionmaker = None
                await replica.dispose()
            set_runtime(previous_runtime)

    # Each API is its own application with its own error body, authentication and
    # OpenAPI document; they share the root's state (settings, the sessionmaker).
    marketplace = create_marketplace_app(settings, state)
    # Swagger UI's files, for every surface's Swagger page; a missing one is a 404 in the
    # marketplace's body, like any other path no surface owns.
    marketplace.router.routes.append(swagger_assets())
    documents = service_documents(settings)
    agents.provide_documents(documents)
    mcp = create_mcp_app(state, documents)
    app = Root(
        state=state,
        lifespan=lifespan,
        mounts=[
            ("/cloudapi", create_cloud_app(state)),
            ("/v2", create_channel_app(state)),
            ("/connect", create_connect_app(state)),
            ("/.well-known", create_well_known_app(state)),
            ("/account", create_portal_app(state)),
            ("/host", create_host_app(state)),
            ("/ical", create_ical_app(state)),
            ("/mcpbff-api", mcp),
        ],
        fallback=marketplace,
        middleware=lambda inner: RequestMiddleware(
            inner,
            max_body=settings.max_body_bytes,
            max_upload=settings.max_upload_bytes,
            surfaces=SURFACES,
        ),
        version=__version__,
        site=site.create_site_app(state),
        site_paths=site.PATHS,
    )
    mcp.bind(app)  # tool calls are requests to the whole service
    return app


def end_live_streams() -> None:
    """The server is shutting down: end every open live stream now, so that the server's
    wait for open connections to finish is not a wait for streams that never do."""
    live.live_hub.close()
