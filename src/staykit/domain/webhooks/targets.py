"""Where a delivery goes: a subscription or a property's booking webhook, read the same way.

A subscription signs with its secrets (the previous one too during a rotation's grace
period). A property webhook (the Channel API's, Beds24's shape) has no secret, as Beds24's
have none: it carries `webhook-id` and `webhook-timestamp` so receivers can deduplicate,
and the owner's `customHeader` lines (commonly an Authorization header) as given.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field

from sqlalchemy.ext.asyncio import AsyncSession

from staykit.core.clock import utcnow
from staykit.core.config import Settings
from staykit.domain.catalog.webhooks import PropertyWebhook
from staykit.domain.webhooks import secrets
from staykit.domain.webhooks.models import WebhookSubscription


@dataclass
class Target:
    id: uuid.UUID
    url: str
    active: bool
    subscription: WebhookSubscription | None = None
    property_webhook: PropertyWebhook | None = None
    headers: list[tuple[str, str]] = field(default_factory=list)

    def signing_secrets(self, settings: Settings) -> list[str]:
        """The secrets that sign now (current first); none for a property webhook."""
        sub = self.subscription
        if sub is None:
            return []
        found = [secrets.decrypt(settings, sub.secret)]
        if (
            sub.previous_secret
            and sub.previous_secret_expires_at is not None
            and sub.previous_secret_expires_at > utcnow()
        ):
            found.append(secrets.decrypt(settings, sub.previous_secret))
        return found


def custom_headers(value: str | None) -> list[tuple[str, str]]:
    """The `customHeader` lines ("Name: value", one per line) as header pairs (checked
    when they were set: catalog.webhooks)."""
    pairs: list[tuple[str, str]] = []
    for line in (value or "").replace("\r\n", "\n").split("\n"):
        name, colon, rest = line.strip().partition(":")
        if colon and name.strip():
            pairs.append((name.strip(), rest.strip()))
    return pairs


async def load(session: AsyncSession, target_id: uuid.UUID) -> Target | None:
    sub = await session.get(WebhookSubscription, target_id)
    if sub is not None:
        return Target(sub.id, sub.url, sub.is_active, subscription=sub)
    hook = await session.get(PropertyWebhook, target_id)
    if hook is not None:
        return Target(
            hook.id,
            hook.url,
            hook.is_active,
            property_webhook=hook,
            headers=custom_headers(hook.custom_header),
        )
    return None
