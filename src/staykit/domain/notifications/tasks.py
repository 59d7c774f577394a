"""Jobs that deliver outbound messages."""

from __future__ import annotations

import uuid

import procrastinate
import structlog
from sqlalchemy import select

from staykit.core.clock import utcnow
from staykit.core.db import unit_of_work
from staykit.core.runtime import get_runtime
from staykit.domain.notifications import senders
from staykit.domain.notifications.models import OutboundMessage

log = structlog.get_logger(__name__)

blueprint = procrastinate.Blueprint()


@blueprint.task(
    name="deliver_message",
    queue="notifications",
    retry=procrastinate.RetryStrategy(max_attempts=8, exponential_wait=2),
    pass_context=False,
)
async def deliver_message(message_id: str) -> None:
    """Send one queued message. A transport failure raises, so procrastinate retries it."""
    runtime = get_runtime()
    async with unit_of_work(runtime.sessionmaker) as session:
        msg = await session.scalar(
            select(OutboundMessage)
            .where(OutboundMessage.id == uuid.UUID(message_id))
            .with_for_update(skip_locked=True)
        )
        if msg is None or msg.status in ("sent", "kept"):
            return
        msg.attempts += 1
        try:
            if msg.channel == "email":
                result = await senders.email_sender(runtime.settings).send(
                    to=msg.recipient, subject=msg.subject, body=msg.body or ""
                )
            else:
                result = await senders.sms_sender(runtime.settings).send(
                    to=msg.recipient, body=msg.body or ""
                )
        except Exception as exc:
            msg.status = "failed"
            msg.last_error = f"{type(exc).__name__}: {exc}"[:2000]
            await session.commit()
            log.warning("message delivery failed", message_id=message_id, error=msg.last_error)
            raise
        msg.status = result
        msg.sent_at = utcnow()
        msg.last_error = None
        if result == senders.DeliveryResult.SENT:
            msg.body = None  # codes and links need not outlive delivery
