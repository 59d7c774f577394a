"""Queue outbound messages (email, SMS) and pushes inside the caller's transaction: a
rolled-back change sends nothing."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from staykit.core.db import raw_connection
from staykit.domain.notifications.models import OutboundMessage
from staykit.domain.notifications.tasks import deliver_message, push_to_device


async def queue_message(
    session: AsyncSession,
    *,
    channel: str,
    recipient: str,
    subject: str = "",
    body: str,
    purpose: str,
) -> OutboundMessage:
    msg = OutboundMessage(
        channel=channel, recipient=recipient, subject=subject, body=body, purpose=purpose
    )
    session.add(msg)
    await session.flush()
    conn = await raw_connection(session)
    await deliver_message.configure(connection=conn).defer_async(message_id=str(msg.id))
    return msg


async def queue_email(
    session: AsyncSession, *, to: str, subject: str, body: str, purpose: str
) -> OutboundMessage:
    return await queue_message(
        session, channel="email", recipient=to, subject=subject, body=body, purpose=purpose
    )


async def queue_sms(session: AsyncSession, *, to: str, body: str, purpose: str) -> OutboundMessage:
    return await queue_message(session, channel="sms", recipient=to, body=body, purpose=purpose)


async def list_mailbox(session: AsyncSession, limit: int = 200) -> list[OutboundMessage]:
    """The development mailbox: the newest messages, whatever their channel."""
    return list(
        (
            await session.scalars(
                select(OutboundMessage).order_by(OutboundMessage.created_at.desc()).limit(limit)
            )
        ).all()
    )


async def queue_push(session: AsyncSession, device_ids: list[str], payload: dict[str, Any]) -> None:
    """One push job per device, deferred in the caller's transaction (a device that fails
    is retried alone, never re-pushing the others)."""
    if not device_ids:
        return
    conn = await raw_connection(session)
    jobs: list[dict[str, Any]] = [{"device_id": d, "payload": payload} for d in device_ids]
    await push_to_device.configure(connection=conn).batch_defer_async(*jobs)
