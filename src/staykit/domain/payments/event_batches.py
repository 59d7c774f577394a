"""Settling the payment inbox in batches: one worker transaction claims many stored
webhook events and applies each as callbacks.apply_event does, so that one worker keeps up
with the provider's bursts (issue 13: >= 200 events/s on one worker).

`settle_batch`:
1. Claims up to BATCH_SIZE waiting events, oldest first (the job's own event first),
   `FOR UPDATE SKIP LOCKED`: two workers draining together take disjoint batches, and an
   event another worker holds is left to it. Only events never attempted are claimed: one
   that failed waits for its own retry (tasks.retry_payment_event, with backoff), so a
   poisoned event cannot fill every batch.
2. Keeps each payment intent's order: the events of one intent (a payment and its refund,
   a decline and the success after it) are applied in the provider's order, its `created`
   time, then the order stored. An event whose intent has an earlier event still waiting
   outside the batch (another worker's batch holds it) is held back, untouched: the job
   queues a follow-up for it. A failed earlier event does not hold the later ones back (a
   refund can arrive before its payment; the payment must not wait for it).
3. Reads what the batch needs set-based (`preload`: the reservations, locked in id order,
   so two batches cannot deadlock; the payment attempts, locked; the guest payments the
   refunds are about; the unit assignments), one query each, and reuses those rows.
   The reservations' balances too, one grouped aggregate for all (ledger.keeping_balances):
   a payment asks whether anything is left to pay without a query of its own.
4. Applies the events, all in ONE SAVEPOINT (the common case: none fails). If one fails,
   that pass is rolled back whole, and each event is applied again in a SAVEPOINT of its
   own: one that fails rolls back alone (its ledger rows, its reservation change, its
   domain events) and is recorded as failed (`attempts`, `last_error`) for its retry; a
   refused one is processed with its outcome, as on its own (its checks come before any
   write, so a refusal needs no rollback). The domain events of the whole batch are
   written at the end in one INSERT, their jobs in one statement (recorder.collecting).
5. Marks what it settled (`processed_at`, `outcome`) and flushes; the job commits once.

Never lost, never twice: nothing is marked before the commit, so a worker killed mid-batch
leaves its events waiting and unlocked; the next job (or the sweep) takes them. A replayed
delivery is never stored twice (webhooks.store_event), and an event processed is never
claimed again (`processed_at`).

Why each delivery still defers its own job (payments:process_payment_event) rather than
one long-lived "drain" job: the job is deferred in the transaction that stores the event,
so a stored event always has a job that will claim it (or find it settled by an earlier
batch, then cost one empty claim); no job has to be kept alive, restarted after a crash or
elected among workers, and several workers share a burst with no coordination beyond SKIP
LOCKED. Under a burst the first jobs settle the events of the later ones, which then find
nothing to do; a quiet stream settles each event as soon as its own job runs.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

import structlog
from sqlalchemy import ColumnElement, Table, bindparam, case, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from staykit.core.clock import utcnow
from staykit.domain.booking.models import Reservation
from staykit.domain.booking.repository import assignments_for
from staykit.domain.events.recorder import EventBuffer, collecting
from staykit.domain.payments.callbacks import Preloaded, apply_event
from staykit.domain.payments.errors import WebhookRefused
from staykit.domain.payments.ledger import forget_balances, keeping_balances
from staykit.domain.payments.models import LedgerEntry, PaymentEvent, ReservationPayment
from staykit.domain.payments.providers import PaymentSetup
from staykit.domain.payments.stripe_provider import intent_from_stripe
from staykit.domain.payments.webhooks import (
    CHARGE_REFUNDED,
    INTENT_FAILED,
    INTENT_SUCCEEDED,
    PROVIDER,
)

log = structlog.get_logger(__name__)

BATCH_SIZE = 100
INTENT_EVENTS = (INTENT_SUCCEEDED, INTENT_FAILED)


@dataclass(frozen=True, slots=True)
class StoredEvent:
    seq: int
    event_id: str
    type: str
    body: dict[str, Any]

    @property
    def object(self) -> dict[str, Any]:
        obj = self.body.get("data", {}).get("object")
        return obj if isinstance(obj, dict) else {}

    @property
    def intent_id(self) -> str | None:
        """The payment intent the event is about: the key of its order."""
        value = self.object.get("payment_intent" if self.type == CHARGE_REFUNDED else "id")
        if self.type in (*INTENT_EVENTS, CHARGE_REFUNDED) and isinstance(value, str):
            return value
        return None

    @property
    def order(self) -> tuple[int, int]:
        """The provider's order: its `created` time, then the order stored."""
        created = self.body.get("created")
        return (created if isinstance(created, int) else 0, self.seq)


@dataclass
class BatchResult:
    """What a batch did: the outcome of each event settled, the error of each that failed
    (waiting for its retry), and the events held back for their intent's order."""

    settled: dict[int, str] = field(default_factory=dict)
    failed: dict[int, str] = field(default_factory=dict)
    held: list[int] = field(default_factory=list)


def _intent_of_row() -> ColumnElement[str | None]:
    """The event's payment intent, in SQL (StoredEvent.intent_id)."""
    obj = PaymentEvent.payload["data"]["object"]
    return case(
        (PaymentEvent.type == CHARGE_REFUNDED, obj["payment_intent"].astext),
        (PaymentEvent.type.in_(INTENT_EVENTS), obj["id"].astext),
        else_=None,
    )


async def claim(
    session: AsyncSession, *, own: int | None = None, limit: int = BATCH_SIZE
) -> list[StoredEvent]:
    """Up to `limit` waiting events never attempted, oldest first (`own` first), locked
    for this transaction; those another transaction holds are skipped."""
    first = PaymentEvent.seq != own if own is not None else PaymentEvent.seq.is_(None)
    rows = await session.execute(
        select(PaymentEvent.seq, PaymentEvent.event_id, PaymentEvent.type, PaymentEvent.payload)
        .where(PaymentEvent.processed_at.is_(None), PaymentEvent.attempts == 0)
        .order_by(first, PaymentEvent.seq)
        .limit(limit)
        .with_for_update(skip_locked=True)
    )
    return [StoredEvent(*row) for row in rows]


async def held_back(session: AsyncSession, claimed: list[StoredEvent]) -> set[int]:
    """The claimed events whose intent has an earlier event (stored before) still waiting
    outside the batch and never attempted: another worker's batch holds it."""
    intents = {e.intent_id for e in claimed} - {None}
    if not intents:
        return set()
    mine = [e.seq for e in claimed]
    rows = await session.execute(
        select(PaymentEvent.seq, _intent_of_row()).where(
            PaymentEvent.processed_at.is_(None),
            PaymentEvent.attempts == 0,
            PaymentEvent.seq < max(mine),
            PaymentEvent.seq.not_in(mine),
            _intent_of_row().in_(intents),
        )
    )
    earliest: dict[str | None, int] = {}
    for seq, intent_id in rows:
        earliest[intent_id] = min(seq, earliest.get(intent_id, seq))
    return {e.seq for e in claimed if earliest.get(e.intent_id, e.seq) < e.seq}


async def preload(
    session: AsyncSession, setup: PaymentSetup, events: list[StoredEvent]
) -> Preloaded:
    """What the events need, one query each (see the module): the reservations first and
    in id order (every payment step locks the reservation before its attempt)."""
    loaded = Preloaded()
    reservation_ids: set[uuid.UUID] = set()
    intent_ids: set[str] = set()
    refund_intents: set[str] = set()
    for event in events:
        if event.type in INTENT_EVENTS:
            try:
                intent = intent_from_stripe(event.object)
            except (KeyError, ValueError, TypeError):
                continue  # refused as malformed when it is applied
            intent_ids.add(intent.id)
            if intent.reservation_id is not None:
                reservation_ids.add(intent.reservation_id)
        elif event.type == CHARGE_REFUNDED and event.intent_id is not None:
            refund_intents.add(event.intent_id)
    if refund_intents:
        # Ledger rows never change: read without a lock.
        for payment in await session.scalars(
            select(LedgerEntry).where(
                LedgerEntry.provider == PROVIDER,
                LedgerEntry.kind == "guest_payment",
                LedgerEntry.provider_ref.in_(refund_intents),
            )
        ):
            loaded.payments.setdefault(payment.provider_ref or "", payment)
            reservation_ids.add(payment.reservation_id)
    if reservation_ids:
        loaded.reservations = dict.fromkeys(reservation_ids)
        for reservation in await session.scalars(
            select(Reservation)
            .where(Reservation.id.in_(reservation_ids))
            .order_by(Reservation.id)
            .with_for_update()
            .execution_options(populate_existing=True)
        ):
            loaded.reservations[reservation.id] = reservation
        found = [rid for rid, r in loaded.reservations.items() if r is not None]
        loaded.assignments = await assignments_for(session, found)
    if intent_ids:
        loaded.attempts = dict.fromkeys(intent_ids)
        for attempt in await session.scalars(
            select(ReservationPayment)
            .where(
                ReservationPayment.provider == setup.provider.name,
                ReservationPayment.payment_id.in_(intent_ids),
            )
            .order_by(ReservationPayment.id)
            .with_for_update()
        ):
            loaded.attempts[attempt.payment_id] = attempt
    return loaded


async def settle_batch(
    session: AsyncSession, setup: PaymentSetup, *, own: int | None = None, limit: int = BATCH_SIZE
) -> BatchResult:
    """Claim and settle a batch of stored events (see the module). Flushes; the job
    commits (and queues the retries and follow-ups the result asks for)."""
    result = BatchResult()
    claimed = await claim(session, own=own, limit=limit)
    if not claimed:
        return result
    held = await held_back(session, claimed)
    result.held = sorted(held)
    todo = sorted((e for e in claimed if e.seq not in held), key=lambda e: e.order)
    loaded = await preload(session, setup, todo)
    done_at: dict[int, datetime] = {}
    currencies = {rid: r.currency for rid, r in loaded.reservations.items() if r is not None}
    async with collecting(session) as buffer, keeping_balances(session, currencies):
        try:
            async with session.begin_nested():
                await _apply_all(session, setup, todo, loaded, buffer, result, done_at)
        except _EventFailed:
            # Rolled back whole (the rows it changed are read again where used): each
            # event again, in a SAVEPOINT of its own.
            buffer.drop_since(0)
            forget_balances(session)
            result.settled.clear()
            done_at.clear()
            await _apply_each(session, setup, todo, loaded, buffer, result, done_at)
        await buffer.write(session)
    await _mark(session, result, done_at)
    return result


class _EventFailed(Exception):
    """An event of the one-SAVEPOINT pass failed: that pass is rolled back."""


async def _apply_all(
    session: AsyncSession,
    setup: PaymentSetup,
    todo: list[StoredEvent],
    loaded: Preloaded,
    buffer: EventBuffer,
    result: BatchResult,
    done_at: dict[int, datetime],
) -> None:
    """Every event applied in the caller's one SAVEPOINT: the common case, where none
    fails, pays no SAVEPOINT per event. A refused event wrote nothing (its checks come
    first) and is processed with its outcome; any other failure raises _EventFailed."""
    for event in todo:
        mark = buffer.mark()
        try:
            outcome = await apply_event(
                session, setup, event.event_id, event.type, event.body, loaded
            )
        except WebhookRefused as refused:
            buffer.drop_since(mark)
            outcome = f"refused:{refused.reason}"
        except Exception as exc:
            raise _EventFailed from exc
        result.settled[event.seq] = outcome[:40]
        done_at[event.seq] = utcnow()
    try:
        await session.flush()  # anything left pending fails here, inside the pass
    except Exception as exc:
        raise _EventFailed from exc


async def _apply_each(
    session: AsyncSession,
    setup: PaymentSetup,
    todo: list[StoredEvent],
    loaded: Preloaded,
    buffer: EventBuffer,
    result: BatchResult,
    done_at: dict[int, datetime],
) -> None:
    """Each event in a SAVEPOINT of its own: one that fails rolls back alone and is
    recorded as failed, for its retry; the others go on."""
    for event in todo:
        mark = buffer.mark()
        try:
            async with session.begin_nested():
                outcome = await apply_event(
                    session, setup, event.event_id, event.type, event.body, loaded
                )
        except WebhookRefused as refused:
            # Rolled back, as on its own: checked before anything is written.
            buffer.drop_since(mark)
            outcome = f"refused:{refused.reason}"
        except Exception as exc:
            # This event alone is rolled back; the others go on.
            buffer.drop_since(mark)
            result.failed[event.seq] = f"{type(exc).__name__}: {exc}"[:500]
            log.warning(
                "payment event not processed",
                seq=event.seq,
                type=event.type,
                error=type(exc).__name__,
            )
            continue
        result.settled[event.seq] = outcome[:40]
        done_at[event.seq] = utcnow()


async def _mark(session: AsyncSession, result: BatchResult, done_at: dict[int, datetime]) -> None:
    """The batch's events marked processed (or failed, for their retry): one statement
    each way, executed for every row at once."""
    events = PaymentEvent.__table__
    assert isinstance(events, Table)
    if result.settled:
        await session.execute(
            update(events)
            .where(events.c.seq == bindparam("b_seq"))
            .values(processed_at=bindparam("b_at"), outcome=bindparam("b_outcome")),
            [
                {"b_seq": seq, "b_at": done_at[seq], "b_outcome": outcome}
                for seq, outcome in result.settled.items()
            ],
        )
    if result.failed:
        await session.execute(
            update(events)
            .where(events.c.seq == bindparam("b_seq"))
            .values(attempts=events.c.attempts + 1, last_error=bindparam("b_error")),
            [{"b_seq": seq, "b_error": error} for seq, error in result.failed.items()],
        )
