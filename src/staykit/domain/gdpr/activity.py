"""What a person did on the platform, table by table (sections of the registry): stays as
guest and as host with their payments and ledger lines, messages, disputes,
notifications, push devices and the webhooks they made.

An erase keeps the money: reservations' prices and totals, splits, payment attempts and
ledger lines stay exactly as they are (the ledger refuses UPDATE anyway); only the
names, contact details and free text around them are replaced.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Table, delete, or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from staykit.core.clock import utcnow
from staykit.domain.auth.models import UserAvatarsFile
from staykit.domain.booking.models import Reservation, ReservationGuest
from staykit.domain.disputes.models import Dispute
from staykit.domain.gdpr.registry import ERASED_TEXT, Subject, table_rows
from staykit.domain.idempotency.models import IdempotencyKey
from staykit.domain.messaging.models import Message, MessageAttachment, MessageThread
from staykit.domain.notifications.models import LiveEvent, Notification, PushDevice
from staykit.domain.payments.models import (
    LedgerEntry,
    PaymentCustomer,
    ReservationPayment,
    ReservationSplit,
    SavedPaymentMethod,
)
from staykit.domain.webhooks.models import WebhookSubscription

Rows = list[dict[str, Any]]


def t(model: type[object]) -> Table:
    return model.__table__  # type: ignore[attr-defined]


def bump(model: type[object]) -> dict[str, object]:
    """A changed record's updated_at and version, so pollers see the change."""
    table = t(model)
    values: dict[str, object] = {"updated_at": utcnow()}
    if "record_version" in table.c:
        values["record_version"] = table.c.record_version + 1
    return values


async def changed(session: AsyncSession, statement: Any) -> int:
    result = await session.execute(statement)
    return int(getattr(result, "rowcount", 0) or 0)


def reservations_of(subject: Subject) -> Any:
    """The ids of the reservations the person made (guest) or received (host)."""
    r = t(Reservation)
    return select(r.c.id).where(
        or_(r.c.guest_id == subject.user_id, r.c.host_id == subject.user_id)
    )


def stays_of(subject: Subject) -> Any:
    """The ids of the reservations the person made as a guest."""
    r = t(Reservation)
    return select(r.c.id).where(r.c.guest_id == subject.user_id)


# --- reservations, their guests and their money ---------------------------------------------


async def export_reservations(session: AsyncSession, subject: Subject) -> Rows:
    r, g, split = t(Reservation), t(ReservationGuest), t(ReservationSplit)
    mine = reservations_of(subject)
    rows = await table_rows(session, r, r.c.id.in_(mine))
    for row in rows:
        row["role"] = "guest" if row["guest_id"] == str(subject.user_id) else "host"
    return [
        {
            "reservations": rows,
            # The people on the stays they made (their own party), not a host's guests'.
            "guests": await table_rows(session, g, g.c.reservation_id.in_(stays_of(subject))),
            "splits": await table_rows(session, split, split.c.reservation_id.in_(mine)),
        }
    ]


async def erase_reservations(session: AsyncSession, subject: Subject) -> int:
    """The guest list of their stays and the notes on them; amounts stay as they are."""
    r, g = t(Reservation), t(ReservationGuest)
    n = await changed(
        session,
        update(g)
        .where(
            or_(
                g.c.reservation_id.in_(stays_of(subject)),
                g.c.email.ilike(subject.email),
            ),
            or_(
                g.c.first_name.is_distinct_from("Erased"),
                g.c.last_name.is_not(None),
                g.c.email.is_not(None),
                g.c.phone.is_not(None),
                g.c.mobile.is_not(None),
            ),
        )
        .values(
            first_name="Erased",
            last_name=None,
            email=None,
            phone=None,
            mobile=None,
            **bump(ReservationGuest),
        ),
    )
    n += await changed(
        session,
        update(r)
        .where(r.c.guest_id == subject.user_id, r.c.notes.is_not(None))
        .values(notes=None, **bump(Reservation)),
    )
    return n


async def export_payments(session: AsyncSession, subject: Subject) -> Rows:
    """Payment attempts of their reservations, their saved cards (brand, last digits)
    and customers, and the ledger lines of their reservations (read only, kept)."""
    p, c, m, ledger = (
        t(ReservationPayment),
        t(PaymentCustomer),
        t(SavedPaymentMethod),
        t(LedgerEntry),
    )
    return [
        {
            "payments": await table_rows(
                session, p, p.c.reservation_id.in_(reservations_of(subject))
            ),
            "customers": await table_rows(session, c, c.c.user_id == subject.user_id),
            "savedCards": await table_rows(
                session, m, m.c.user_id == subject.user_id, omit=("source_method",)
            ),
            "ledger": await table_rows(
                session,
                ledger,
                ledger.c.reservation_id.in_(reservations_of(subject)),
                omit=("idempotency_key", "token_id"),
            ),
        }
    ]


async def erase_payment_accounts(session: AsyncSession, subject: Subject) -> int:
    """Saved cards and provider customers lose their provider ids, holder and card
    details (the provider keeps its own records under its own retention)."""
    c, m = t(PaymentCustomer), t(SavedPaymentMethod)
    n = await changed(
        session,
        update(m)
        .where(m.c.user_id == subject.user_id, m.c.customer_id != "erased")
        .values(
            customer_id="erased",
            # Unique per platform: the row's own id keeps the placeholder unique.
            payment_method_id="erased-" + m.c.id.cast(m.c.customer_id.type),
            source_method="erased-" + m.c.id.cast(m.c.customer_id.type),
            card_holder_name=None,
            card_holder_zip=None,
            card_info={},
            is_active=False,
            **bump(SavedPaymentMethod),
        ),
    )
    n += await changed(
        session,
        update(c)
        .where(c.c.user_id == subject.user_id, c.c.customer_id != "erased")
        .values(customer_id="erased", is_active=False, **bump(PaymentCustomer)),
    )
    return n


async def export_disputes(session: AsyncSession, subject: Subject) -> Rows:
    d = t(Dispute)
    return await table_rows(session, d, d.c.raised_by == subject.user_id)


async def erase_disputes(session: AsyncSession, subject: Subject) -> int:
    d = t(Dispute)
    return await changed(
        session,
        update(d)
        .where(d.c.raised_by == subject.user_id, d.c.description != ERASED_TEXT)
        .values(description=ERASED_TEXT, **bump(Dispute)),
    )


# --- messages --------------------------------------------------------------------------------


async def export_messages(session: AsyncSession, subject: Subject) -> Rows:
    """Their threads (as guest or host) and every message in them, attachments described."""
    th, msg, att = t(MessageThread), t(Message), t(MessageAttachment)
    threads = select(th.c.id).where(
        or_(th.c.guest_id == subject.user_id, th.c.host_id == subject.user_id)
    )
    sent = or_(msg.c.thread_id.in_(threads), msg.c.sender_id == subject.user_id)
    return [
        {
            "threads": await table_rows(session, th, th.c.id.in_(threads)),
            "messages": await table_rows(session, msg, sent),
            "attachments": await table_rows(
                session,
                att,
                att.c.message_id.in_(select(msg.c.id).where(sent)),
                omit=("content", "storage_key"),
            ),
        }
    ]


async def erase_messages(session: AsyncSession, subject: Subject) -> int:
    """The words and files they sent become a placeholder; the messages stay, so the
    other side's conversation keeps its shape."""
    msg, att = t(Message), t(MessageAttachment)
    theirs = select(msg.c.id).where(msg.c.sender_id == subject.user_id)
    n = await changed(
        session,
        update(att)
        .where(att.c.message_id.in_(theirs), att.c.size != 0)
        .values(content=None, storage_key=None, size=0, name="erased", **bump(MessageAttachment)),
    )
    n += await changed(
        session,
        update(msg)
        .where(
            msg.c.sender_id == subject.user_id,
            or_(
                msg.c.content != ERASED_TEXT,
                msg.c.original_content.is_not(None),
                msg.c.media_url.is_not(None),
            ),
        )
        .values(content=ERASED_TEXT, original_content=None, media_url=None, **bump(Message)),
    )
    return n


async def message_texts(session: AsyncSession, subject: Subject) -> list[str]:
    """What they wrote, before it is erased: the scrub looks for it in the logs."""
    msg = t(Message)
    found = await session.scalars(
        select(msg.c.content).where(msg.c.sender_id == subject.user_id).distinct()
    )
    originals = await session.scalars(
        select(msg.c.original_content)
        .where(msg.c.sender_id == subject.user_id, msg.c.original_content.is_not(None))
        .distinct()
    )
    return [s for s in {*found, *originals} if s and s != ERASED_TEXT]


# --- notifications, devices, webhooks, replayable answers ------------------------------------


async def export_notifications(session: AsyncSession, subject: Subject) -> Rows:
    n = t(Notification)
    return await table_rows(session, n, n.c.user_id == subject.user_id)


async def erase_notifications(session: AsyncSession, subject: Subject) -> int:
    """Their notifications lose their words; their live stream is forgotten."""
    note, live = t(Notification), t(LiveEvent)
    n = await changed(session, delete(live).where(live.c.user_id == subject.user_id))
    n += await changed(
        session,
        update(note)
        .where(note.c.user_id == subject.user_id, note.c.title != ERASED_TEXT)
        .values(title=ERASED_TEXT, body="", data={}, **bump(Notification)),
    )
    return n


async def export_push_devices(session: AsyncSession, subject: Subject) -> Rows:
    d = t(PushDevice)
    # The browser's keys are secrets of the subscription: the endpoint says which device.
    return await table_rows(
        session,
        d,
        d.c.user_id == subject.user_id,
        only=("id", "endpoint", "name", "is_active", "created_at", "last_pushed_at"),
    )


async def erase_push_devices(session: AsyncSession, subject: Subject) -> int:
    d = t(PushDevice)
    return await changed(
        session,
        update(d)
        .where(d.c.user_id == subject.user_id, d.c.p256dh != "")
        .values(
            endpoint="erased:" + d.c.id.cast(d.c.endpoint.type),
            p256dh="",
            auth="",
            name=None,
            is_active=False,
            retired_reason="erased",
            **bump(PushDevice),
        ),
    )


async def export_webhooks(session: AsyncSession, subject: Subject) -> Rows:
    w = t(WebhookSubscription)
    return await table_rows(
        session, w, w.c.created_by == subject.user_id, omit=("secret", "previous_secret")
    )


async def erase_replays(session: AsyncSession, subject: Subject) -> int:
    """Stored answers kept for idempotent replays carry whatever the person was sent
    (their profile, their messages): they are a cache, so they go."""
    k = t(IdempotencyKey)
    return await changed(session, delete(k).where(k.c.user_id == subject.user_id))


async def stored_files(session: AsyncSession, subject: Subject) -> list[str | None]:
    """The file-store keys of what the erase empties (their avatars, the attachments they
    sent), read before it: the rows forget them, then the objects are deleted."""
    msg, att = t(Message), t(MessageAttachment)
    avatars = t(UserAvatarsFile)
    keys = await session.scalars(
        select(avatars.c.storage_key).where(
            avatars.c.user_id == subject.user_id, avatars.c.storage_key.is_not(None)
        )
    )
    sent = await session.scalars(
        select(att.c.storage_key).where(
            att.c.message_id.in_(select(msg.c.id).where(msg.c.sender_id == subject.user_id)),
            att.c.storage_key.is_not(None),
        )
    )
    return [*keys, *sent]
