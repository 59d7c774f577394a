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

from staykit import __version__
from staykit.api import dev
from staykit.api.marketplace import (
    auth_avatars,
    auth_groups,
    auth_permissions,
    auth_sessions,
    auth_users,
    booking,
    catalog,
    catalog_quote,
    catalog_search,
    errors,
    verification,
)
from staykit.api.marketplace.service import Service
from staykit.api.middleware import RequestMiddleware
from staykit.core.config import Settings, get_settings
from staykit.core.db import create_engine, make_sessionmaker, unit_of_work
from staykit.core.runtime import Runtime, current_runtime, get_runtime, set_runtime
from staykit.domain.auth import passwords
from staykit.domain.auth.keys import keyring
from staykit.domain.auth.session_cache import listener as session_listener
from staykit.jobs.app import run_worker

log = structlog.get_logger(__name__)

SERVICES: dict[str, str] = {
    "auth": "/auth-api",
    "propertycatalog": "/propertycatalog-api",
    "bookingmanagement": "/bookingmanagement-api",
}


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
    errors.install(app)

    auth_service = Service(
        "auth", SERVICES["auth"], "Users, groups, sessions, permissions and verification."
    )
    # Their paths do not overlap, so the order only decides the order of the docs.
    for router in (
        auth_users.router,
        auth_groups.router,
        auth_avatars.router,
        auth_permissions.router,
        auth_sessions.router,
    ):
        auth_service.include_router(router)
    auth_service.include_router(verification.router)
    catalog_service = Service(
        "propertyCatalog",
        SERVICES["propertycatalog"],
        "Listings, calendars, amenities, localized texts, quotes and search.",
    )
    catalog_service.include_router(catalog_search.router)
    catalog_service.include_router(catalog_quote.router)
    catalog_service.include_router(catalog.router)
    booking_service = Service(
        "bookingManagement",
        SERVICES["bookingmanagement"],
        "Reservations: booking, approval, cancellation and changes of stays.",
    )
    booking_service.include_router(booking.router)
    services = [auth_service, catalog_service, booking_service]
    for service in services:
        app.include_router(service.router, prefix=service.prefix)
    app.state.services = services

    if settings.is_development:
        app.include_router(dev.router)

    @app.get("/health", include_in_schema=False)
    async def health() -> JSONResponse:
        return JSONResponse({"status": "OK", "version": __version__})

    @app.get("/", include_in_schema=False)
    async def root() -> RedirectResponse:
        return RedirectResponse("/auth-api/")

    app.add_middleware(
        RequestMiddleware, max_body=settings.max_body_bytes, max_upload=settings.max_upload_bytes
    )
    return app
