"""The messaging model through its domain functions: who reads what (a marketplace guest
never sees the host's internal notes), who writes and marks what, one open thread per
reservation and per context (NULLS NOT DISTINCT) also under real concurrency, counters
that never lose a message, the soft hide, flags, attachments and the event a send
records."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator

import pytest
from sqlalchemy import select, text
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from staykit.core.db import create_engine, make_sessionmaker
from staykit.core.errors import InvalidInput
from staykit.core.ids import uuid7
from staykit.domain.access.principal import Credential, Principal
from staykit.domain.booking.errors import ReservationNotFound
from staykit.domain.events.models import DomainEvent
from staykit.domain.messaging import attachments, service
from staykit.domain.messaging.errors import (
    BadAttachment,
    MessageNotFound,
    NotAParticipant,
    NotTheRecipient,
)
from staykit.domain.messaging.models import Message, MessageThread
from staykit.domain.messaging.service import NewMessage
from tests.api.cloud.bookings import book_direct
from tests.factories import actor_of, add_member, days_from, make_user, partner_principal
from tests.messages import PDF, PNG, b64, conversation, say
from tests.pms import build_pms

SENDERS = 12
day = days_from()


def contents(messages: list[Message]) -> list[str]:
    return [m.content for m in messages]


# --- who reads what ---------------------------------------------------------------------------


async def test_the_guest_reads_their_thread_without_the_internal_notes(db: AsyncSession) -> None:
    pms = await build_pms(db)
    talk = await conversation(db, pms)
    thread = talk.asked.thread_id
    assert talk.replied.thread_id == thread == talk.noted.thread_id
    as_guest = await service.thread_messages(db, actor_of(talk.guest), thread)
    assert contents(as_guest) == ["Is there parking?", "Yes, behind the house: see the map."]
    as_host = await service.thread_messages(db, actor_of(pms.host), thread)
    assert contents(as_host)[-1] == "Give them the garage code." and len(as_host) == 3


async def test_business_members_read_everything_strangers_and_other_partners_nothing(
    db: AsyncSession,
) -> None:
    pms = await build_pms(db)
    talk = await conversation(db, pms)
    thread = talk.asked.thread_id
    staff = await make_user(db)
    await add_member(db, pms.business_id, staff, "staff")
    assert len(await service.thread_messages(db, actor_of(staff), thread)) == 3
    stranger = await make_user(db)
    assert await service.thread_messages(db, actor_of(stranger), thread) == []
    own = partner_principal(pms.host, scopes=["read:messages"], businesses=[pms.business_id])
    assert len(await service.thread_messages(db, own, thread)) == 3
    # The host's token for another business does not reach this one's threads.
    elsewhere = partner_principal(
        pms.host, scopes=["read:messages"], businesses=[pms.other_business_id]
    )
    assert await service.thread_messages(db, elsewhere, thread) == []
    # A partner token of the guest's own user acts for businesses, never as the guest.
    guest_token = partner_principal(talk.guest, scopes=["read:messages"])
    assert await service.thread_messages(db, guest_token, thread) == []
    admin = Principal(user_id=stranger.user.id, role_id="admin")
    assert len(await service.thread_messages(db, admin, thread)) == 3


# --- who writes and marks what ----------------------------------------------------------------


async def test_each_source_has_its_writers(db: AsyncSession) -> None:
    pms = await build_pms(db)
    talk = await conversation(db, pms)
    r, guest, host = talk.reservation, actor_of(talk.guest), actor_of(pms.host)
    with pytest.raises(NotAParticipant):
        await service.send(db, guest, NewMessage(r.id, "I am the host", source="host"))
    with pytest.raises(NotAParticipant):
        await service.send(db, guest, NewMessage(r.id, "secret", source="internal_note"))
    with pytest.raises(NotAParticipant):
        await service.send(db, host, NewMessage(r.id, "as the guest", source="guest"))
    with pytest.raises(NotAParticipant):
        await service.send(db, host, NewMessage(r.id, "as staykit", source="system"))
    partner = partner_principal(pms.host, scopes=["write:messages"])
    with pytest.raises(NotAParticipant):
        await service.send(db, partner, NewMessage(r.id, "as the guest", source="guest"))
    staff = await make_user(db)
    await add_member(db, pms.business_id, staff, "staff")
    with pytest.raises(NotAParticipant):
        await service.send(db, actor_of(staff), NewMessage(r.id, "hello", source="host"))
    stranger = await make_user(db)
    with pytest.raises(ReservationNotFound):
        await service.send(db, actor_of(stranger), NewMessage(r.id, "hi", source="guest"))
    system = Principal(user_id=uuid7(), credential=Credential.SYSTEM)
    sent = await say(db, system, r, "Payment received", source="system")
    assert sent.sender_id is None and sent.message_type == "system"
    sent = await say(db, None, r, "Check-in tomorrow", source="system")
    with pytest.raises(InvalidInput):
        await service.send(db, host, NewMessage(r.id, "  ", source="host"))
    thread = await db.get_one(MessageThread, sent.thread_id)
    await db.refresh(thread)
    assert thread.message_count == 5  # the three of the conversation and two system ones


async def test_read_marks_belong_to_the_receiving_side(db: AsyncSession) -> None:
    pms = await build_pms(db)
    talk = await conversation(db, pms)
    guest, host = actor_of(talk.guest), actor_of(pms.host)
    assert await service.mark_read(db, guest, [talk.replied.id], read=True) == 1
    assert await service.mark_read(db, guest, [talk.replied.id], read=True) == 0
    with pytest.raises(NotTheRecipient):
        await service.mark_read(db, guest, [talk.asked.id], read=True)
    with pytest.raises(NotTheRecipient):
        await service.mark_read(db, host, [talk.replied.id], read=False)
    with pytest.raises(MessageNotFound):  # the guest cannot see the note at all
        await service.mark_read(db, guest, [talk.noted.id], read=True)
    assert await service.mark_read(db, host, [talk.asked.id], read=True) == 1
    for message in (talk.asked, talk.replied):
        await db.refresh(message)
        assert message.read_at is not None and message.read_at >= message.sent_at


# --- threads and counters ---------------------------------------------------------------------


async def test_one_open_thread_per_context_nulls_included(db: AsyncSession) -> None:
    pms = await build_pms(db)
    guest = await make_user(db)

    def listing_thread() -> MessageThread:
        # A guest asking the host about a listing: no reservation.
        return MessageThread(
            business_id=pms.business_id,
            unit_type_id=pms.queen.id,
            guest_id=guest.user.id,
            host_id=pms.host.user.id,
        )

    db.add(listing_thread())
    await db.flush()
    with pytest.raises(IntegrityError) as err:
        async with db.begin_nested():
            db.add(listing_thread())
            await db.flush()
    assert "uq_message_threads_open_context" in str(err.value)
    closed = (await db.scalars(select(MessageThread))).one()
    closed.is_open = False
    await db.flush()
    db.add(listing_thread())  # a new conversation once the first is closed
    await db.flush()


async def test_a_closed_reservation_thread_gives_way_to_a_new_one(db: AsyncSession) -> None:
    pms = await build_pms(db)
    talk = await conversation(db, pms)
    thread = await db.get_one(MessageThread, talk.asked.thread_id)
    thread.is_open = False
    await db.commit()
    later = await say(db, actor_of(pms.host), talk.reservation, "Anything else?")
    assert later.thread_id != thread.id
    fresh = await db.get_one(MessageThread, later.thread_id)
    await db.refresh(fresh)
    assert fresh.message_count == 1 and fresh.reservation_id == talk.reservation.id
    assert await service.threads_of_reservation(db, actor_of(pms.host), talk.reservation.id) == [
        fresh.id,
        thread.id,
    ]


@pytest.fixture
async def racing(
    committed_factory: async_sessionmaker[AsyncSession], database_url: str
) -> AsyncIterator[async_sessionmaker[AsyncSession]]:
    engine = create_engine(database_url, pool_size=SENDERS)
    try:
        yield make_sessionmaker(engine)
    finally:
        await engine.dispose()


async def test_concurrent_first_messages_make_one_thread_and_lose_no_count(
    racing: async_sessionmaker[AsyncSession],
) -> None:
    async with racing() as s:
        pms = await build_pms(s)
        booking = await book_direct(s, pms, day(20), day(22))
    host = actor_of(pms.host)
    barrier = asyncio.Barrier(SENDERS)

    async def sender(k: int) -> Message:
        async with racing() as session, session.begin():
            await session.execute(text("SELECT 1"))
            await barrier.wait()
            return await service.send(session, host, NewMessage(booking.id, f"#{k}"))

    async with asyncio.timeout(60):
        sent = await asyncio.gather(*(sender(k) for k in range(SENDERS)))
    async with racing() as s:
        [thread] = (await s.scalars(select(MessageThread))).all()
        assert {m.thread_id for m in sent} == {thread.id}
        assert thread.message_count == SENDERS
        last = max(m.sent_at for m in sent)
        assert thread.last_message_at == last


# --- hide, flag, attachments, events ----------------------------------------------------------


async def test_a_hidden_message_is_listed_to_nobody_and_only_its_sender_hides_it(
    db: AsyncSession,
) -> None:
    pms = await build_pms(db)
    talk = await conversation(db, pms)
    guest, host = actor_of(talk.guest), actor_of(pms.host)
    with pytest.raises(NotAParticipant):
        await service.hide(db, host, talk.asked.id)
    await service.hide(db, guest, talk.asked.id)
    await db.commit()
    for reader in (guest, host):
        shown = await service.thread_messages(db, reader, talk.asked.thread_id)
        assert talk.asked.id not in {m.id for m in shown}
    kept = await db.get_one(Message, talk.asked.id)
    assert kept.hidden_by == talk.guest.user.id and kept.content == "Is there parking?"
    with pytest.raises(MessageNotFound):
        await service.hide(db, guest, talk.asked.id)


async def test_a_flag_is_raised_by_a_reader_and_retracted_by_its_flagger(
    db: AsyncSession,
) -> None:
    pms = await build_pms(db)
    talk = await conversation(db, pms)
    guest, host = actor_of(talk.guest), actor_of(pms.host)
    flagged = await service.flag(db, guest, talk.replied.id, reason="rude")
    assert (flagged.is_flagged, flagged.flagged_by, flagged.flag_reason) == (
        True,
        talk.guest.user.id,
        "rude",
    )
    with pytest.raises(NotAParticipant):
        await service.flag(db, host, talk.replied.id, reason=None, flagged=False)
    cleared = await service.flag(db, guest, talk.replied.id, reason=None, flagged=False)
    assert (cleared.is_flagged, cleared.flagged_by, cleared.flag_reason) == (False, None, None)
    with pytest.raises(MessageNotFound):  # the guest cannot see the note to flag it
        await service.flag(db, guest, talk.noted.id, reason="?")
    with pytest.raises(IntegrityError):  # a retracted flag keeps no flagger
        async with db.begin_nested():
            await db.execute(
                text("UPDATE messages SET flagged_by = :u WHERE id = :m"),
                {"u": talk.guest.user.id, "m": talk.replied.id},
            )


def test_an_attachment_is_checked_by_its_size_type_and_first_bytes() -> None:
    largest = PNG + bytes(1_000_000 - len(PNG))
    assert attachments.check("big.png", "image/png", largest).size == 1_000_000
    with pytest.raises(BadAttachment, match="at most 1000000"):
        attachments.check("big.png", "image/png", largest + b"\x00")
    with pytest.raises(BadAttachment, match="over 1000000"):
        attachments.from_base64("big.png", "image/png", "A" * 1_400_000)
    with pytest.raises(BadAttachment, match="not a image/png"):
        attachments.check("rules.png", "image/png", PDF)
    with pytest.raises(BadAttachment) as err:
        attachments.check("x", "text/html", b"<html>")
    assert err.value.field == "attachment_mime_type"
    assert attachments.check(None, "application/pdf", PDF).name == "attachment.pdf"
    wrapped = b64(PNG)[:12] + "\r\n" + b64(PNG)[12:]  # as a mail encoder wraps lines
    assert attachments.from_base64("m.png", "image/png", wrapped).content == PNG


async def test_sending_records_the_message_sent_event(db: AsyncSession) -> None:
    pms = await build_pms(db)
    talk = await conversation(db, pms)
    [event] = (
        await db.scalars(select(DomainEvent).where(DomainEvent.aggregate_id == talk.replied.id))
    ).all()
    assert event.type == "message.sent" and event.business_id == pms.business_id
    assert event.actor_id == pms.host.user.id
    assert event.payload["source"] == "host" and event.payload["intId"] == talk.replied.int_id
    assert event.payload["attachment"] == {"name": "map.png", "mimeType": "image/png"}
    assert "content" not in event.payload  # the text stays in its table, not the event log
    jobs = await db.scalar(
        text("SELECT count(*) FROM procrastinate_jobs WHERE task_name = 'events:dispatch'")
    )
    assert jobs and jobs >= 3
