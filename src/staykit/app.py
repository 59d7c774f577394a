"""create_app(): mounts every surface, middleware and the lifespan (keys, worker)."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator
from typing import Any

import structlog
from fastapi import FastAPI
from fastapi.responses import JSONResponse, RedirectResponse
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from starlette.routing import Mount

from staykit import __version__
from staykit.api import errors as shared_errors
from staykit.api.apps import swagger_assets
from staykit.api.channel.app import create_channel_app
from staykit.api.channel.errors import CHANNEL
from staykit.api.cloud.app import create_cloud_app
from staykit.api.cloud.errors import CLOUD
from staykit.api.connect.app import create_connect_app, create_well_known_app
from staykit.api.connect.errors import CONNECT
from staykit.api.marketplace.app import create_marketplace_app
from staykit.api.marketplace.errors import MARKETPLACE
from staykit.api.middleware import RequestMiddleware
from staykit.core.config import Settings, get_settings
from staykit.core.db import create_engine, make_sessionmaker, unit_of_work
from staykit.core.runtime import Runtime, current_runtime, get_runtime, set_runtime
from staykit.domain.auth import passwords
from staykit.domain.auth.keys import keyring
from staykit.domain.auth.session_cache import listener as session_listener
from staykit.jobs.app import run_worker

log = structlog.get_logger(__name__)

# Where each surface's error body applies; the marketplace answers everything else.
SURFACES = (CLOUD, CHANNEL, CONNECT, MARKETPLACE)


def create_app(
    settings: Settings | None = None,
    *,
    database_url: str | None = None,
    sessionmaker: async_sessionmaker[AsyncSession] | None = None,
    run_worker_in_process: bool | None = None,
) -> FastAPI:
    """The whole service. `database_url` defaults to the started runtime's database."""
    settings = settings or get_settings()
    passwords.configure(settings)
    worker_enabled = settings.run_worker if run_worker_in_process is None else run_worker_in_process

    @contextlib.asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        url = database_url or get_runtime().database_url
        engine = create_engine(url, pool_size=settings.db_pool_size)
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
        app.state.sessionmaker = factory
        async with unit_of_work(make_sessionmaker(engine)) as session:
            await keyring.ensure(session)
        if settings.env == "production" and not settings.smtp_host:
            log.warning(
                "no SMTP server configured (STAYKIT_SMTP_HOST): verification and reset "
                "emails are kept in the database and never reach users"
            )
        worker: asyncio.Task[Any] | None = None
        if worker_enabled:
            worker = asyncio.create_task(run_worker(url, name="staykit-serve-worker"))
        try:
            async with session_listener(url, settings.session_cache_seconds):
                yield
        finally:
            if worker is not None:
                worker.cancel()
                with contextlib.suppress(asyncio.CancelledError, Exception):
                    await worker
            await engine.dispose()
            set_runtime(previous_runtime)

    app = FastAPI(
        title="staykit",
        version=__version__,
        lifespan=lifespan,
        docs_url=None,
        redoc_url=None,
        openapi_url=None,
    )
    app.state.settings = settings
    # What no surface's application answers (a path its mount cannot match, such as one
    # with a newline in it) still gets the error body of the surface owning the path.
    shared_errors.install(app, SURFACES)
    # Each API is its own application with its own error body, authentication and
    # OpenAPI document; they share the root's state (settings, the sessionmaker).
    marketplace = create_marketplace_app(settings, app.state)
    mounts = [
        Mount("/cloudapi", app=create_cloud_app(app.state)),
        Mount("/v2", app=create_channel_app(app.state)),
        Mount("/connect", app=create_connect_app(app.state)),
        Mount("/.well-known", app=create_well_known_app(app.state)),
        swagger_assets(),  # Swagger UI's files, for every surface's Swagger page
    ]

    @app.get("/health", include_in_schema=False)
    async def health() -> JSONResponse:
        return JSONResponse({"status": "OK", "version": __version__})

    @app.get("/", include_in_schema=False)
    async def root() -> RedirectResponse:
        return RedirectResponse("/auth-api/")

    app.router.routes.extend(mounts)
    # Last: the marketplace's services live at many prefixes, and its error body is the
    # answer for any path no other surface owns.
    app.router.routes.append(Mount("", app=marketplace))
    app.add_middleware(
        RequestMiddleware,
        max_body=settings.max_body_bytes,
        max_upload=settings.max_upload_bytes,
        surfaces=SURFACES,
    )
    return app
