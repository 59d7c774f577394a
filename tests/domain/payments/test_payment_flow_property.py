"""A property of the whole payment flow: whatever sequence of bookings, payments (some
declined), approvals, declines, cancellations by either side, partial refunds (some
larger than what is left), disputes (opened by the guest, resolved with a refund of some
share, up to more than is left, or rejected), completed stays, payouts and expiries
happens, every reservation's ledger stays balanced (paid - refunded = fee + payout +
outstanding, never negative), no refund is ever above what was paid, the invoice shows the
ledger's payments and refunds to the cent, and each payment, refund and payout has exactly
one payment.* / payout.paid event. Refusals are typed domain errors, never anything
else."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import timedelta
from decimal import Decimal

from hypothesis import HealthCheck, event, given
from hypothesis import settings as examples
from hypothesis import strategies as st
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from staykit.core.clock import utcnow
from staykit.core.config import Settings
from staykit.core.errors import DomainError
from staykit.domain.access.principal import Principal
from staykit.domain.booking import lifecycle
from staykit.domain.booking.commands import NewReservation
from staykit.domain.booking.models import InvoiceItem, Reservation
from staykit.domain.disputes import service as disputes
from staykit.domain.events.models import DomainEvent
from staykit.domain.payments import checkout, reservations
from staykit.domain.payments.checkout import PaymentParams
from staykit.domain.payments.ledger import check_balanced, reservation_balance
from staykit.domain.payments.models import LedgerEntry
from staykit.domain.payments.providers import PaymentSetup, payment_setup
from staykit.domain.payments.settlement import expire_unpaid_holds, settle_ended_stays
from tests.factories import actor_of, make_listing, make_user

FAR = timedelta(days=400)  # past every stay of the test: stays end, holds run out


@dataclass
class World:
    setup: PaymentSetup
    guests: list[Principal]
    host: Principal
    admin: Principal
    listings: list[uuid.UUID]  # instant, manual
    reservations: list[uuid.UUID] = field(default_factory=list)


booking = st.tuples(st.just("book"), st.integers(0, 1), st.integers(0, 1), st.integers(0, 4))
paying = st.tuples(st.just("pay"), st.integers(0, 7), st.sampled_from(["visa", "visa", "declined"]))
ops = st.one_of(
    booking,
    # Paid reservations are where the money is: paying is drawn about four times as often.
    *(paying.map(tuple) for _ in range(3)),
    st.tuples(st.just("approve"), st.integers(0, 7)),
    st.tuples(st.just("decline"), st.integers(0, 7)),
    st.tuples(st.just("cancel"), st.integers(0, 7), st.sampled_from(["guest", "host", "admin"])),
    st.tuples(st.just("refund"), st.integers(0, 7), st.integers(1, 130)),
    st.tuples(
        st.just("dispute"),
        st.integers(0, 7),
        st.sampled_from(["open", "resolved", "rejected"]),
        st.integers(1, 130),
    ),
    st.tuples(st.just("complete")),
    st.tuples(st.just("payout")),
    st.tuples(st.just("expire")),
)
CARDS = {"visa": "pm_card_visa", "declined": "pm_card_chargeDeclined"}
MONEY_EVENTS = {
    "guest_payment": "payment.succeeded",
    "refund": "payment.refunded",
    "host_payout": "payout.paid",
}


async def build_world(db: AsyncSession, app_settings: Settings) -> World:
    host = await make_user(db)
    policy = {"tiers": [{"daysBeforeArrival": 7, "refundPercent": 40}]}
    instant = await make_listing(db, host, cancellationPolicy=policy, cityTaxPercent="5")
    manual = await make_listing(db, host, approvalType="manual", cleaningFee="12.34")
    guests = [actor_of(await make_user(db)) for _ in range(2)]
    admin = actor_of(await make_user(db, role="admin"))
    return World(
        payment_setup(app_settings), guests, actor_of(host), admin, [instant.id, manual.id]
    )


async def run(db: AsyncSession, world: World, op: tuple[object, ...]) -> None:
    setup, name = world.setup, op[0]
    if name == "book":
        _, guest, listing, slot = op
        arrival = utcnow().date() + timedelta(days=40 + 4 * int(slot))  # type: ignore[call-overload]
        booked = await reservations.book_stay(
            db,
            world.guests[int(guest)],  # type: ignore[call-overload]
            setup,
            NewReservation(world.listings[int(listing)], arrival, arrival + timedelta(days=3), 2),  # type: ignore[call-overload]
        )
        world.reservations.append(booked.reservation.id)
        return
    if name in ("complete", "payout", "expire"):
        later = utcnow() + FAR
        if name == "complete":
            await lifecycle.complete_stays(db, now=later)
        elif name == "payout":
            await settle_ended_stays(db, setup, now=later)
        else:
            await expire_unpaid_holds(db, setup, now=later)
        return
    if not world.reservations:
        return
    candidates = world.reservations
    if name in ("refund", "dispute"):  # mostly of money there is (unpaid: refused as well)
        held = [r for r in candidates if (await reservation_balance(db, r)).refundable > 0]
        candidates = held or candidates
    rid = candidates[int(op[1]) % len(candidates)]  # type: ignore[call-overload]
    row = await db.get(Reservation, rid, populate_existing=True)
    assert row is not None
    guest = next((g for g in world.guests if g.user_id == row.guest_id), world.guests[0])
    if name == "pay":
        params = PaymentParams(CARDS[str(op[2])])
        await checkout.start_payment(db, guest, setup, rid, params)
    elif name == "approve":
        await lifecycle.approve(db, world.host, rid)
    elif name == "decline":
        await reservations.decline_request(db, world.host, setup, rid)
    elif name == "cancel":
        who = {"guest": guest, "host": world.host, "admin": world.admin}[str(op[2])]
        await reservations.cancel_stay(db, who, setup, rid)
    elif name == "refund":
        # A share of what is left, up to 130%: above 100% must be refused whole.
        left = (await reservation_balance(db, rid)).refundable
        amount = (left * int(op[2]) / 100).quantize(Decimal("0.01"))  # type: ignore[call-overload]
        await lifecycle_refund(db, world, rid, amount)
    elif name == "dispute":
        await dispute(db, world, guest, rid, str(op[2]), int(op[3]))  # type: ignore[call-overload]


async def dispute(
    db: AsyncSession, world: World, guest: Principal, rid: uuid.UUID, outcome: str, share: int
) -> None:
    """The guest opens a dispute; an admin resolves it with a refund of `share` % of what
    is left (above 100: refused whole, the dispute with it), rejects it, or leaves it open
    (a later dispute of the same stay is then refused: one open at a time)."""
    opened = await disputes.open_dispute(
        db, guest, disputes.NewDispute(rid, "cleanliness", "Not as described.")
    )
    if outcome == "open":
        return
    change = disputes.DisputeChange(resolution_status=outcome)
    if outcome == "resolved":
        left = (await reservation_balance(db, rid)).refundable
        amount = (left * share / 100).quantize(Decimal("0.01"))
        change = disputes.DisputeChange(
            resolution_status=outcome, refund_approved=True, refund_amount=amount
        )
    await disputes.decide(db, world.admin, lambda: world.setup.provider, opened.id, change)


async def lifecycle_refund(db: AsyncSession, world: World, rid: uuid.UUID, amount: Decimal) -> None:
    """A refund a dispute's resolution would make: under the reservation's row lock."""
    await checkout.lock_reservation(db, rid)
    await reservations.refund(db, world.admin, world.setup, rid, amount, "property test")


async def check(db: AsyncSession, world: World) -> None:
    for rid in world.reservations:
        balance = await reservation_balance(db, rid)
        assert check_balanced(balance) == [], (rid, balance)
        lines = await db.scalars(
            select(InvoiceItem).where(
                InvoiceItem.reservation_id == rid,
                InvoiceItem.is_active,
                InvoiceItem.ledger_entry_id.is_not(None),
            )
        )
        paid = refunded = Decimal(0)
        for line in lines:
            if line.kind == "payment":
                paid += line.qty * line.amount
            else:
                refunded -= line.qty * line.amount
        assert (paid, refunded) == (balance.paid, balance.refunded), rid
    # One payment.* / payout.paid event per money movement, never one for a retry.
    moves = dict(
        (
            await db.execute(
                select(LedgerEntry.kind, func.count())
                .where(LedgerEntry.reservation_id.in_(world.reservations))
                .group_by(LedgerEntry.kind)
            )
        ).all()
    )
    told = dict(
        (
            await db.execute(
                select(DomainEvent.type, func.count())
                .where(DomainEvent.type.in_(MONEY_EVENTS.values()))
                .where(
                    DomainEvent.payload["reservationId"].astext.in_(
                        [str(r) for r in world.reservations]
                    )
                )
                .group_by(DomainEvent.type)
            )
        ).all()
    )
    for kind, type_ in MONEY_EVENTS.items():
        assert told.get(type_, 0) == moves.get(kind, 0), (kind, moves, told)


@examples(
    max_examples=60,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(books=st.lists(booking, min_size=1, max_size=3), script=st.lists(ops, max_size=14))
async def test_every_ledger_stays_balanced_and_no_refund_exceeds_what_was_paid(
    db: AsyncSession,
    settings: Settings,
    books: list[tuple[object, ...]],
    script: list[tuple[object, ...]],
) -> None:
    world = await build_world(db, settings)
    for op in [*books, *script]:
        try:
            async with db.begin_nested():
                await run(db, world, op)
            event(f"{op[0]}: done")  # --hypothesis-show-statistics
        except DomainError as refused:
            # A refusal: its savepoint rolled back, nothing of it written.
            event(f"{op[0]}: {refused.code}")
        await check(db, world)
