"""The marketplace surface: one application serving its nine service prefixes (auth,
propertyCatalog, bookingManagement, ... ), each with its own OpenAPI document, Swagger
page and Postman collection, all answering errors in the marketplace's body."""

from __future__ import annotations

from fastapi import FastAPI
from starlette.datastructures import State

from staykit import __version__
from staykit.api.marketplace import (
    admin_audit,
    admin_disputes,
    admin_gdpr,
    admin_settings,
    agents,
    auth_avatars,
    auth_groups,
    auth_permissions,
    auth_sessions,
    auth_users,
    bff,
    bff_views,
    booking,
    catalog,
    catalog_photos,
    catalog_quote,
    catalog_search,
    dev,
    disputes,
    errors,
    live_stream,
    messaging,
    messaging_reports,
    notifications,
    payments,
    reviews,
    verification,
)
from staykit.api.marketplace.service import Service
from staykit.core.config import Settings

SERVICES: dict[str, str] = {
    "auth": "/auth-api",
    "messaging": "/messaging-api",
    "propertycatalog": "/propertycatalog-api",
    "bookingmanagement": "/bookingmanagement-api",
    "reviewsystem": "/reviewsystem-api",
    "platformadmin": "/platformadmin-api",
    "agenthub": "/agenthub-api",
    "notification": "/notification-api",
    "bff": "/bff-service",
}


def services(token_name: str = Settings.model_fields["token_name"].default) -> list[Service]:
    auth_service = Service(
        "auth",
        SERVICES["auth"],
        "Users, groups, sessions, permissions and verification.",
        token_name,
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
        token_name,
    )
    catalog_service.include_router(catalog_search.router)
    catalog_service.include_router(catalog_quote.router)
    catalog_service.include_router(catalog.router)
    catalog_service.include_router(catalog_photos.router)
    booking_service = Service(
        "bookingManagement",
        SERVICES["bookingmanagement"],
        "Reservations: booking, approval, cancellation and changes of stays; payments, "
        "payment records, customers and saved cards; disputes.",
        token_name,
    )
    booking_service.include_router(booking.router)
    booking_service.include_router(payments.router)
    booking_service.include_router(disputes.router)
    messaging_service = Service(
        "messaging",
        SERVICES["messaging"],
        "Guests and hosts talking before and during a stay: threads, messages (the same "
        "ones the Channel API's booking messages are), abuse reports and their moderation.",
        token_name,
    )
    messaging_service.include_router(messaging.router)
    messaging_service.include_router(messaging_reports.router)
    review_service = Service(
        "reviewSystem",
        SERVICES["reviewsystem"],
        "Double-blind reviews of completed stays (guests review the listing and its host, "
        "hosts the guest), their moderation, and the ratings of listings, hosts and guests.",
        token_name,
    )
    review_service.include_router(reviews.router)
    admin_service = Service(
        "platformAdmin",
        SERVICES["platformadmin"],
        "Moderation and oversight: the admins' actions on disputes, the audit log, API "
        "keys, the languages and currencies the platform offers, financial reports, and "
        "GDPR export, erase and consent requests.",
        token_name,
    )
    admin_service.include_router(admin_disputes.router)
    admin_service.include_router(admin_audit.router)
    admin_service.include_router(admin_settings.router)
    admin_service.include_router(admin_gdpr.router)
    agent_service = Service(
        "agentHub",
        SERVICES["agenthub"],
        "The AI agent hub: runtime overrides of agents (admins), the catalog of tools the "
        "services offer agents (the tools of the MCP endpoint at /mcpbff-api/mcp), and the "
        "log of agent executions (every MCP tool call).",
        token_name,
    )
    agent_service.include_router(agents.router)
    notification_service = Service(
        "notification",
        SERVICES["notification"],
        "Notifications: push devices, a user's notifications and their preferences, "
        "admins' notices, and the live stream (Server-Sent Events) of notifications and "
        "messages.",
        token_name,
    )
    notification_service.include_router(notifications.router)
    notification_service.include_router(live_stream.router)
    bff_service = Service(
        "bff",
        SERVICES["bff"],
        "The read side for front ends (CQRS, spec §1.12: reads only; writes go through the "
        "business services): reservations, conversations and listings with everything one "
        "screen needs (list, count, filters, saved filters, schema), and the aggregated "
        "views of bookings, threads, reviews, payments and disputes.",
        token_name,
    )
    bff_service.include_router(bff_views.router)
    bff_service.include_router(bff.router)
    # Last: `/{indexName}/...` would otherwise take every fixed path of the service.
    bff_service.include_router(bff.generic_router)
    return [
        auth_service,
        catalog_service,
        booking_service,
        messaging_service,
        review_service,
        admin_service,
        agent_service,
        notification_service,
        bff_service,
    ]


def create_marketplace_app(settings: Settings, state: State) -> FastAPI:
    """Every marketplace service as a router of one application (one middleware stack)."""
    app = FastAPI(
        title="staykit marketplace",
        version=__version__,
        docs_url=None,
        redoc_url=None,
        openapi_url=None,
    )
    app.state = state
    errors.install(app)
    app.state.services = services(settings.token_name)
    for service in app.state.services:
        app.include_router(service.router, prefix=service.prefix)
    if settings.is_development:
        app.include_router(dev.router)
    return app
