"""Cloud API: webhook subscriptions of the acting tenant (docs/webhooks.md).

Scopes: webhooks are an account setting, so reading them needs `read:accounts`, creating,
rotating, enabling and resending `write:accounts`, deleting `delete:accounts`; and the
credential's user must manage the business (owner or manager). What a subscription's
payloads carry is decided by the creating credential's scopes, not these. Another
business's subscription is 404.
"""

from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Body, Path, Request, Response, Security

from staykit.api.cloud import webhook_schemas as schemas
from staykit.api.cloud.auth import ActingTenant, acting_tenant
from staykit.api.cloud.paging import offset_links
from staykit.api.cloud.params import Paging
from staykit.api.deps import DbSession
from staykit.core.config import Settings
from staykit.domain.webhooks import service

router = APIRouter(tags=["webhooks"])

READ = ["read:accounts"]
WRITE = ["write:accounts"]
DELETE = ["delete:accounts"]
SubscriptionId = Annotated[uuid.UUID, Path(alias="id", description="The subscription's id.")]


def _settings(request: Request) -> Settings:
    settings: Settings = request.app.state.settings
    return settings


@router.get(
    "/webhooks",
    response_model=list[schemas.Webhook],
    summary="The tenant's webhook subscriptions (never their secrets)",
)
async def list_webhooks(
    tenant: Annotated[ActingTenant, Security(acting_tenant, scopes=READ)],
    session: DbSession,
) -> list[schemas.Webhook]:
    subs = await service.list_subscriptions(session, tenant.principal, tenant.business_id)
    return [schemas.webhook(s) for s in subs]


@router.post(
    "/webhooks",
    response_model=schemas.WebhookWithSecret,
    status_code=201,
    summary="Subscribe a URL to event types; the answer shows the signing secret once",
)
async def create_webhook(
    tenant: Annotated[ActingTenant, Security(acting_tenant, scopes=WRITE)],
    session: DbSession,
    request: Request,
    body: Annotated[schemas.NewWebhook, Body()],
) -> schemas.WebhookWithSecret:
    """Deliveries are signed with Standard Webhooks (webhook-id, webhook-timestamp,
    webhook-signature) using the `secret` answered here, and only here."""
    created = await service.create_subscription(
        session,
        tenant.principal,
        tenant.business_id,
        service.NewSubscription(body.url, list(body.events), body.description),
        _settings(request),
    )
    return schemas.with_secret(created.subscription, created.secret)


@router.delete(
    "/webhooks/{id}",
    status_code=204,
    response_class=Response,
    summary="Delete a subscription (nothing more is sent to it)",
)
async def delete_webhook(
    tenant: Annotated[ActingTenant, Security(acting_tenant, scopes=DELETE)],
    subscription_id: SubscriptionId,
    session: DbSession,
) -> Response:
    await service.delete_subscription(
        session, tenant.principal, tenant.business_id, subscription_id
    )
    return Response(status_code=204)


@router.post(
    "/webhooks/{id}/rotate",
    response_model=schemas.WebhookWithSecret,
    summary="A new signing secret (shown once); the old one signs too for a grace period",
)
async def rotate_webhook_secret(
    tenant: Annotated[ActingTenant, Security(acting_tenant, scopes=WRITE)],
    subscription_id: SubscriptionId,
    session: DbSession,
    request: Request,
) -> schemas.WebhookWithSecret:
    rotated = await service.rotate_secret(
        session, tenant.principal, tenant.business_id, subscription_id, _settings(request)
    )
    return schemas.with_secret(rotated.subscription, rotated.secret)


@router.post(
    "/webhooks/{id}/enable",
    response_model=schemas.Webhook,
    summary="Enable a disabled subscription again; its pending deliveries resume",
)
async def enable_webhook(
    tenant: Annotated[ActingTenant, Security(acting_tenant, scopes=WRITE)],
    subscription_id: SubscriptionId,
    session: DbSession,
    request: Request,
) -> schemas.Webhook:
    sub = await service.enable_subscription(
        session, tenant.principal, tenant.business_id, subscription_id, _settings(request)
    )
    return schemas.webhook(sub)


@router.get(
    "/webhooks/{id}/attempts",
    response_model=list[schemas.Attempt],
    summary="The subscription's delivery attempts, newest first (skip/limit paging)",
)
async def webhook_attempts(
    tenant: Annotated[ActingTenant, Security(acting_tenant, scopes=READ)],
    subscription_id: SubscriptionId,
    paging: Paging,
    request: Request,
    response: Response,
    session: DbSession,
) -> list[schemas.Attempt]:
    page = await service.recent_attempts(
        session,
        tenant.principal,
        tenant.business_id,
        subscription_id,
        skip=paging.skip,
        limit=paging.limit,
    )
    offset_links(request, response, paging, page.total)
    return [schemas.attempt(a) for a in page.items]


@router.post(
    "/webhooks/{id}/deliveries/{deliveryId}/resend",
    response_model=schemas.Resent,
    status_code=202,
    summary="Send a delivery again now (same webhook-id and body)",
)
async def resend_webhook_delivery(
    tenant: Annotated[ActingTenant, Security(acting_tenant, scopes=WRITE)],
    subscription_id: SubscriptionId,
    delivery_id: Annotated[uuid.UUID, Path(alias="deliveryId", description="The delivery.")],
    session: DbSession,
) -> schemas.Resent:
    found = await service.resend_delivery(
        session, tenant.principal, tenant.business_id, subscription_id, delivery_id
    )
    return schemas.Resent(deliveryId=found.id, status=found.status)
