"""Jobs that deliver outbound messages and pushes, and forget old live events."""

from __future__ import annotations

import uuid
from datetime import timedelta
from typing import Any

import procrastinate
import structlog
from sqlalchemy import select

from staykit.core.clock import utcnow
from staykit.core.db import unit_of_work
from staykit.core.runtime import get_runtime
from staykit.domain.notifications import live, push, senders
from staykit.domain.notifications.models import OutboundMessage, PushDevice

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


@blueprint.task(
    name="push_to_device",
    queue="notifications",
    retry=procrastinate.RetryStrategy(max_attempts=6, exponential_wait=2),
    pass_context=False,
)
async def push_to_device(device_id: str, payload: dict[str, Any]) -> None:
    """Push one notification to one registered browser. A push service that says the
    subscription is gone (404, 410) retires the device; any other failure raises, so
    procrastinate retries this device alone: an endpoint the URL guard refuses now too
    (push.PushRefused: nothing was sent; a DNS answer may come back public)."""
    runtime = get_runtime()
    async with unit_of_work(runtime.sessionmaker) as session:
        device = await session.get(PushDevice, uuid.UUID(device_id))
        if device is None or not device.is_active:
            return
        subscription = push.Subscription(device.endpoint, device.p256dh, device.auth)
        try:
            await push.push_sender(runtime.settings).send(subscription, payload)
        except push.PushGone as exc:
            device.is_active = False
            device.retired_reason = str(exc)[:200]
            log.info("push device retired", device_id=device_id, reason=str(exc))
            return
        except push.PushRefused as exc:
            log.warning("push refused by the URL guard", device_id=device_id, reason=str(exc))
            raise
        device.last_pushed_at = utcnow()


@blueprint.periodic(cron="41 3 * * *")
@blueprint.task(name="purge_live_events", queue="housekeeping", pass_context=False)
async def purge_live_events(timestamp: int) -> None:
    """Once a day: forget live events past their retention."""
    runtime = get_runtime()
    days = runtime.settings.live_event_retention_days
    async with unit_of_work(runtime.sessionmaker) as session:
        gone = await live.purge(session, timedelta(days=days))
    log.debug("live events purged", count=gone)
