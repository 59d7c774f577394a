"""Queue outbound messages inside the caller's transaction: a rolled-back change sends nothing."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from staykit.core.db import raw_connection
from staykit.domain.notifications.models import OutboundMessage
from staykit.domain.notifications.tasks import deliver_message


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
