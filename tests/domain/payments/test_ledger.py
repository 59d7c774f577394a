"""The ledger: rows the database keeps immutable and consistent with their reservation,
each operation written once (also by two writers at the same instant), balances derived
in one aggregate, and the invariant paid - refunded = fee + payout + outstanding."""

from __future__ import annotations

import asyncio
import uuid
from decimal import Decimal
from typing import Any

import pytest
from sqlalchemy import event, func, select, text
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from staykit.core.errors import Forbidden
from staykit.domain.booking.models import Reservation
from staykit.domain.payments.errors import LedgerEntryConflict, PayoutExceedsHeld
from staykit.domain.payments.ledger import (
    Balance,
    NewEntry,
    business_balances,
    check_balanced,
    entries_of,
    forget_balances,
    keeping_balances,
    record_entry,
    reservation_balance,
)
from staykit.domain.payments.models import LedgerEntry
from staykit.domain.payments.offline import OfflineProvider
from staykit.domain.payments.port import IntentRequest
from staykit.domain.payments.service import (
    PayoutCommand,
    RefundCommand,
    pay_out_host,
    record_booking_charge,
    record_intent_payment,
    refund_payment,
)
from staykit.domain.payments.split import split_price
from tests.domain.payments.conftest import book
from tests.factories import actor_of, make_user

D = Decimal


def entry(r: Reservation, kind: str, amount: str, key: str, **kw: Any) -> NewEntry:
    return NewEntry(
        kind=kind,
        amount=D(amount),
        currency=r.currency,
        reservation_id=r.id,
        business_id=r.business_id,
        idempotency_key=key,
        **kw,
    )


async def paid_reservation(
    db: AsyncSession, offline: OfflineProvider, amount: str | None = None
) -> tuple[Reservation, LedgerEntry]:
    """A booked reservation, charged by its split and paid in full through `offline`."""
    r = await book(db)
    split = split_price(
        r.total, r.city_tax, r.currency, guest_fee_percent=D(14), host_fee_percent=D(3)
    )
    await record_booking_charge(db, None, r.id, split)
    intent = await offline.create_intent(
        IntentRequest(
            D(amount) if amount else split.guest_total,
            r.currency,
            r.id,
            payment_method="pm_card_visa",
            confirm=True,
        ),
        idempotency_key=f"reservation:{r.id}:intent:1",
    )
    payment = await record_intent_payment(db, None, offline.name, intent)
    assert payment is not None
    return r, payment


# --- what the database enforces -------------------------------------------------------------


async def test_a_ledger_row_can_be_neither_updated_nor_deleted(db: AsyncSession) -> None:
    r = await book(db)
    row, _ = await record_entry(db, None, entry(r, "guest_charge", "300.00", f"t:{r.id}"))
    row_id = row.id
    for statement in (
        "UPDATE ledger_entries SET amount = 1 WHERE id = :id",
        "UPDATE ledger_entries SET memo = 'edited' WHERE id = :id",
        "DELETE FROM ledger_entries WHERE id = :id",
    ):
        with pytest.raises(IntegrityError, match="ledger entries are immutable"):
            async with db.begin_nested():
                await db.execute(text(statement), {"id": row_id})
    # Through the ORM as well.
    with pytest.raises(IntegrityError, match="immutable"):
        async with db.begin_nested():
            row.amount = D("1.00")
            await db.flush()
    still = await db.scalar(select(LedgerEntry.amount).where(LedgerEntry.id == row_id))
    assert still == D("300.00")


async def test_rows_outside_their_reservations_currency_or_business_are_refused(
    db: AsyncSession,
) -> None:
    r, other = await book(db), await book(db)
    with pytest.raises(IntegrityError, match="must be in its business"):
        async with db.begin_nested():
            await record_entry(
                db, None, NewEntry("guest_charge", D(5), "USD", r.id, r.business_id, "t:usd")
            )
    with pytest.raises(IntegrityError, match="must be in its business"):
        async with db.begin_nested():
            await record_entry(
                db, None, NewEntry("guest_charge", D(5), "EUR", r.id, other.business_id, "t:biz")
            )


@pytest.mark.parametrize(
    ("kind", "amount", "provider"),
    [
        ("refund", "-5.00", ("offline", "re_1")),  # money movements are positive
        ("guest_payment", "0", ("offline", "pi_1")),
        ("adjustment", "0", None),  # an adjustment is signed, never zero
        ("guest_payment", "5.00", ("offline", None)),  # a provider names its object
    ],
)
async def test_the_amount_direction_and_provider_pair_are_checked_by_the_database(
    db: AsyncSession, kind: str, amount: str, provider: tuple[str, str | None] | None
) -> None:
    r = await book(db)
    extra = {"provider": provider[0], "provider_ref": provider[1]} if provider else {}
    with pytest.raises(IntegrityError):
        async with db.begin_nested():
            await record_entry(db, None, entry(r, kind, amount, f"t:{kind}:{amount}", **extra))


async def test_a_negative_adjustment_lowers_the_charge(db: AsyncSession) -> None:
    r = await book(db)
    await record_entry(db, None, entry(r, "guest_charge", "300.00", "t:charge"))
    await record_entry(db, None, entry(r, "adjustment", "-50.00", "t:adjust"))
    assert (await reservation_balance(db, r.id)).charged == D("250.00")


async def test_kept_balances_answer_as_the_query_does_through_the_writes_of_a_batch(
    db: AsyncSession,
) -> None:
    """A batch's balances (read once, kept by the session) count each row it writes once
    (a row written before, or refused, adds nothing), match a fresh aggregate at every
    step, and leave other reservations to the query."""
    r, other = await book(db), await book(db)
    await record_entry(db, None, entry(r, "guest_charge", "300.00", "k:charge"))
    await record_entry(db, None, entry(other, "guest_charge", "80.00", "k:other"))

    async def fresh(reservation_id: uuid.UUID) -> Balance:
        forget = db.info.pop("staykit.ledger.balances", None)
        try:
            return await reservation_balance(db, reservation_id)
        finally:
            if forget is not None:
                db.info["staykit.ledger.balances"] = forget

    async with keeping_balances(db, {r.id: r.currency}):
        statements: list[str] = []
        conn = (await db.connection()).sync_connection
        assert conn is not None

        def seen(_c: Any, _cur: Any, statement: str, *_: Any) -> None:
            statements.append(statement)

        event.listen(conn, "before_cursor_execute", seen)
        try:
            assert (await reservation_balance(db, r.id)).due == D("300.00")
        finally:
            event.remove(conn, "before_cursor_execute", seen)
        assert statements == []  # read once, when the block began
        await record_entry(
            db,
            None,
            entry(r, "guest_payment", "120.00", "k:pay", provider="offline", provider_ref="pi_k1"),
        )
        await record_entry(
            db,
            None,
            entry(r, "guest_payment", "120.00", "k:pay", provider="offline", provider_ref="pi_k1"),
        )
        with pytest.raises(LedgerEntryConflict):
            await record_entry(
                db,
                None,
                entry(
                    r, "guest_payment", "99.00", "k:pay", provider="offline", provider_ref="pi_k9"
                ),
            )
        kept = await reservation_balance(db, r.id)
        assert kept == await fresh(r.id) and kept.due == D("180.00")
        await record_entry(
            db,
            None,
            entry(
                other,
                "guest_payment",
                "80.00",
                "k:other-pay",
                provider="offline",
                provider_ref="pi_k2",
            ),
        )
        assert (await reservation_balance(db, other.id)).due == D("0.00")
        forget_balances(db)
        await record_entry(
            db,
            None,
            entry(r, "guest_payment", "180.00", "k:rest", provider="offline", provider_ref="pi_k3"),
        )
        assert (await reservation_balance(db, r.id)).due == D("0.00")
    assert "staykit.ledger.balances" not in db.info


# --- each operation once --------------------------------------------------------------------


async def test_the_same_operation_is_recorded_once_and_a_reused_key_is_refused(
    db: AsyncSession,
) -> None:
    r = await book(db)
    actor = actor_of(await make_user(db))
    first, created = await record_entry(db, actor, entry(r, "guest_charge", "300.00", "t:once"))
    again, created_again = await record_entry(
        db, actor, entry(r, "guest_charge", "300.00", "t:once")
    )
    assert created and not created_again and again.id == first.id
    assert (first.actor_id, first.credential) == (actor.user_id, "session")
    with pytest.raises(LedgerEntryConflict) as caught:
        await record_entry(db, None, entry(r, "guest_charge", "301.00", "t:once"))
    assert caught.value.status == 409 and caught.value.field == "idempotency_key"
    assert len(await entries_of(db, r.id)) == 1


async def test_a_provider_payment_is_recorded_once_whatever_key_records_it(
    db: AsyncSession,
) -> None:
    r = await book(db)
    movement = {"provider": "offline", "provider_ref": "pi_offline_same"}
    first, _ = await record_entry(db, None, entry(r, "guest_payment", "300.00", "t:a", **movement))
    second, created = await record_entry(
        db, None, entry(r, "guest_payment", "300.00", "t:b", **movement)
    )
    assert not created and second.id == first.id
    assert [e.idempotency_key for e in await entries_of(db, r.id)] == ["t:a"]


async def test_two_writers_of_one_operation_at_the_same_instant_write_one_row(
    committed_factory: async_sessionmaker[AsyncSession],
) -> None:
    async with committed_factory() as setup:
        r = await book(setup)
    barrier = asyncio.Barrier(2)

    async def writer() -> uuid.UUID:
        async with committed_factory() as session, session.begin():
            await session.execute(text("SELECT 1"))  # each holds its own connection
            await barrier.wait()
            row, _ = await record_entry(session, None, entry(r, "guest_charge", "300.00", "t:race"))
            await asyncio.sleep(0.2)  # the other insert now waits on this uncommitted row
            return row.id

    async with asyncio.timeout(60):
        ids = await asyncio.gather(writer(), writer())
    assert ids[0] == ids[1]
    async with committed_factory() as check:
        count = await check.scalar(
            select(func.count()).where(LedgerEntry.idempotency_key == "t:race")
        )
    assert count == 1


# --- balances and the invariant -------------------------------------------------------------


async def test_a_reservations_life_keeps_its_ledger_balanced(db: AsyncSession) -> None:
    offline = OfflineProvider()
    r, _ = await paid_reservation(db, offline)  # 300 stay + 42 guest fee
    b = await reservation_balance(db, r.id)
    assert (b.charged, b.paid, b.outstanding, b.due) == (D("342.00"), D("342.00"), D("342.00"), 0)
    assert check_balanced(b) == []

    await refund_payment(db, None, offline, RefundCommand(r.id, D("42.00"), "fee waived"))
    await record_entry(db, None, entry(r, "adjustment", "-42.00", "t:waive"))
    host = await pay_out_host(
        db, None, offline, PayoutCommand(r.id, amount=D("291.00"), fee=D("9.00"))
    )
    assert host.payout.provider == "fake_payouts" and host.fee is not None
    b = await reservation_balance(db, r.id)
    assert (b.charged, b.paid, b.refunded, b.fee, b.payout, b.outstanding) == (
        D("300.00"),
        D("342.00"),
        D("42.00"),
        D("9.00"),
        D("291.00"),
        D("0.00"),
    )
    assert b.due == 0 and check_balanced(b) == []
    assert str(b.fee) == "9.00"  # in the currency's decimals, not the column's three


def test_the_invariant_names_what_is_wrong() -> None:
    assert check_balanced(Balance("EUR", D(100), D(100), D(0), D(10), D(90), D(0))) == []
    broken = check_balanced(Balance("EUR", D(100), D(100), D(0), D(10), D(80), D(0)))
    assert broken and "paid 100 - refunded 0 != fee 10 + payout 80 + outstanding 0" in broken[0]
    overdrawn = Balance("EUR", D(100), D(100), D(20), D(10), D(90), D(-20))
    assert any("more left" in p for p in check_balanced(overdrawn))
    assert any(
        "refunded" in p
        for p in check_balanced(Balance("EUR", paid=D(1), refunded=D(2), outstanding=D(-1)))
    )


async def test_a_payout_beyond_what_is_held_is_refused_before_the_provider_is_asked(
    db: AsyncSession,
) -> None:
    offline = OfflineProvider()
    r, _ = await paid_reservation(db, offline)
    with pytest.raises(PayoutExceedsHeld) as caught:
        await pay_out_host(
            db, None, offline, PayoutCommand(r.id, amount=D("300.00"), fee=D("42.01"))
        )
    assert caught.value.facts == {"amount": "342.01", "held": "342.00"}
    assert offline.payouts.payouts == []
    first = await pay_out_host(db, None, offline, PayoutCommand(r.id, D("290.00"), D("52.00")))
    again = await pay_out_host(db, None, offline, PayoutCommand(r.id, D("290.00"), D("52.00")))
    assert again.payout.id == first.payout.id and len(offline.payouts.payouts) == 1


async def test_a_payment_seen_twice_is_one_row_and_a_foreign_currency_is_refused(
    db: AsyncSession,
) -> None:
    offline = OfflineProvider()
    r, payment = await paid_reservation(db, offline)
    intent = await offline.retrieve_intent(str(payment.provider_ref))
    assert (await record_intent_payment(db, None, "offline", intent)) == payment
    usd = await offline.create_intent(
        IntentRequest(D("5.00"), "USD", r.id, payment_method="pm_card_visa", confirm=True),
        idempotency_key="usd",
    )
    with pytest.raises(Exception) as caught:
        await record_intent_payment(db, None, "offline", usd)
    assert getattr(caught.value, "field", None) == "currency"
    assert len(await entries_of(db, r.id, ["guest_payment"])) == 1


async def test_a_hosts_balance_is_per_currency_and_only_for_its_readers(db: AsyncSession) -> None:
    offline = OfflineProvider()
    host, other_host = await make_user(db), await make_user(db)
    eur = await book(db, host=host)
    usd = await book(db, host=host, currency="USD", price="50.00", nights=2)
    elsewhere = await book(db, host=other_host)
    assert eur.business_id == usd.business_id != elsewhere.business_id
    for r in (eur, usd, elsewhere):
        intent = await offline.create_intent(
            IntentRequest(r.total, r.currency, r.id, payment_method="pm_card_visa", confirm=True),
            idempotency_key=f"pay:{r.id}",
        )
        await record_intent_payment(db, None, "offline", intent)
    await refund_payment(db, None, offline, RefundCommand(usd.id, D("10.00")))

    balances = await business_balances(db, actor_of(host), eur.business_id)
    assert list(balances) == ["EUR", "USD"]
    assert (balances["EUR"].paid, balances["EUR"].refunded) == (D("300.00"), D("0.00"))
    assert (balances["USD"].paid, balances["USD"].refunded) == (D("100.00"), D("10.00"))
    assert balances["USD"].outstanding == D("90.00")
    assert all(check_balanced(b) == [] for b in balances.values())
    with pytest.raises(Forbidden):
        await business_balances(db, actor_of(host), elsewhere.business_id)
    with pytest.raises(Forbidden):
        await business_balances(db, actor_of(await make_user(db)), eur.business_id)
    admin = actor_of(await make_user(db, role="admin"))
    assert (await business_balances(db, admin, elsewhere.business_id))["EUR"].paid == D("300.00")
