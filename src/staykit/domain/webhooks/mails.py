"""The email telling a subscription's creator that it was disabled (queued through the
outbound-messages table in the delivery's own transaction, as the reservation mails are).
The URL is not repeated in full (it may carry a token): its host names it."""

from __future__ import annotations

from urllib.parse import urlsplit

from sqlalchemy.ext.asyncio import AsyncSession

from staykit.domain.auth.models import User
from staykit.domain.notifications.service import queue_email
from staykit.domain.webhooks.models import WebhookSubscription

# reason -> (subject, opening line); {host}.
MAILS: dict[str, tuple[str, str]] = {
    "failing": (
        "Webhook disabled: {host}",
        "staykit could not deliver an event to your webhook at {host} for about three days "
        "(every retry failed), so the webhook is now disabled and receives nothing more.",
    ),
    "gone": (
        "Webhook disabled: {host}",
        "Your webhook at {host} answered 410 Gone, which asks senders to stop, so it is now "
        "disabled and receives nothing more.",
    ),
}


async def mail_disabled(session: AsyncSession, sub: WebhookSubscription, reason: str) -> bool:
    """Queue the mail to the subscription's creator; False when there is nobody to tell."""
    subject, line = MAILS.get(reason, MAILS["failing"])
    user = await session.get(User, sub.created_by)
    if user is None or not user.is_active or not user.email:
        return False
    host = urlsplit(sub.url).hostname or "your receiver"
    body = (
        line.format(host=host)
        + "\n\nThe delivery attempts, with what your receiver answered, are listed in the "
        "account portal and at GET /cloudapi/webhooks/{id}/attempts. Create a new "
        f"subscription once the receiver works again.\n\nSubscription {sub.id}.\n"
    ).replace("{id}", str(sub.id))
    await queue_email(
        session,
        to=user.email,
        subject=subject.format(host=host)[:200],
        body=body,
        purpose=f"webhook.disabled.{reason}",
    )
    return True
