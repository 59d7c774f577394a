"""Money after the booking: the host paid out after the fee once the stay is over (and a
cancelled stay's kept part once it would have ended), payments the provider had not
decided refreshed by the job, refunds never above what was paid, and two cancellations
at once refunding once."""

from __future__ import annotations

import asyncio
from dataclasses import replace
from datetime import timedelta
from decimal import Decimal
from typing import Any

import httpx
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from staykit.core.clock import utcnow
from staykit.core.config import Settings
from staykit.domain.booking.lifecycle import complete_stays
from staykit.domain.booking.models import Reservation
from staykit.domain.catalog.models import UnitType
from staykit.domain.payments.errors import RefundExceedsPaid
from staykit.domain.payments.ledger import check_balanced, entries_of, reservation_balance
from staykit.domain.payments.offline import OfflineProvider
from staykit.domain.payments.port import Intent, IntentRequest, IntentStatus
from staykit.domain.payments.providers import payment_setup, use_provider
from staykit.domain.payments.reservations import refund
from staykit.domain.payments.settlement import (
    RECHECK_AFTER,
    expire_unpaid_holds,
    refresh_unsettled,
    settle_ended_stays,
)
from tests.api.marketplace.test_reservations_api import RESERVATIONS, book, book_unpaid
from tests.factories import Person, assert_error, frozen_clock, make_listing, make_logged_in

PAY = "/bookingmanagement-api/v1/startreservationpayment/{}"


async def ledger(db: AsyncSession, rid: Any) -> Any:
    balance = await reservation_balance(db, rid)
    assert check_balanced(balance) == [], balance
    return balance


# --- payouts ---------------------------------------------------------------------------------------


async def test_a_completed_stay_pays_the_host_after_the_fee_once(
    client: httpx.AsyncClient,
    db: AsyncSession,
    settings: Settings,
    host: Person,
    guest: Person,
) -> None:
    listing = await make_listing(db, host, cityTaxPercent="10")
    made = await book(client, guest, listing)  # 200 stay + 20 tax + 28 fee = 248 paid
    setup = payment_setup(settings)
    row = await db.get(Reservation, made["id"])
    assert row is not None
    # Before the stay ends nothing is paid out.
    assert (await settle_ended_stays(db, setup)).paid_out == []
    after = utcnow() + timedelta(days=60)
    assert await complete_stays(db, now=after) == 1
    done = await settle_ended_stays(db, setup, now=after)
    assert done.paid_out == [row.id] and done.failed == []
    balance = await ledger(db, row.id)
    # host: 200 - 3% + 20 tax = 214; platform: 28 + 6 = 34; nothing left held
    assert (balance.payout, balance.fee, balance.outstanding) == (
        Decimal("214.00"),
        Decimal("34.00"),
        Decimal("0.00"),
    )
    [payout] = await entries_of(db, row.id, ["host_payout"])
    assert payout.provider == "fake_payouts"  # test money: no money reached anyone
    assert (await settle_ended_stays(db, setup, now=after)).paid_out == []
    assert len(await entries_of(db, row.id, ["host_payout", "platform_fee"])) == 2
    # Paid out, nothing is held to refund from (a later dispute is the platform's own
    # money, not this ledger's).
    try:
        async with db.begin_nested():
            await refund(db, None, setup, row.id, Decimal("1.00"), "too late")
    except RefundExceedsPaid as exc:
        assert exc.facts["refundable"] == "0.00"
    else:
        raise AssertionError("a refund after the payout was not refused")
    r = await client.get(
        f"/bookingmanagement-api/v1/paymentrecords?reservationId={made['id']}&movement=payout",
        headers=host.headers,
    )
    [record] = r.json()["paymentRecords"]
    assert (record["payoutAmountHost"], record["platformFee"], record["paymentStatus"]) == (
        214,
        34,
        "paid",
    )


async def test_a_cancelled_stays_kept_money_goes_to_the_host_when_it_would_have_ended(
    client: httpx.AsyncClient,
    db: AsyncSession,
    settings: Settings,
    host: Person,
    guest: Person,
) -> None:
    policy = {"tiers": [{"daysBeforeArrival": 7, "refundPercent": 50}]}
    listing = await make_listing(db, host, cancellationPolicy=policy)
    made = await book(client, guest, listing)
    r = await client.delete(f"{RESERVATIONS}/{made['id']}", headers=guest.headers)
    assert r.status_code == 200, r.text
    setup = payment_setup(settings)
    assert (await settle_ended_stays(db, setup)).paid_out == []
    done = await settle_ended_stays(db, setup, now=utcnow() + timedelta(days=60))
    assert len(done.paid_out) == 1
    balance = await ledger(db, made["id"])
    # 128 kept of 228 paid: the fee in the split's proportion (34/228), the host the rest.
    assert (balance.refunded, balance.fee, balance.payout, balance.outstanding) == (
        Decimal("100.00"),
        Decimal("19.09"),
        Decimal("108.91"),
        Decimal("0.00"),
    )


# --- refunds never above what was paid; two at once refund once ---------------------------------


async def test_a_refund_above_what_is_left_is_refused_with_nothing_written(
    client: httpx.AsyncClient,
    db: AsyncSession,
    settings: Settings,
    guest: Person,
    listing: UnitType,
) -> None:
    made = await book(client, guest, listing)
    setup = payment_setup(settings)
    rows = await entries_of(db, made["id"])
    for amount in (Decimal("228.01"), Decimal("0"), Decimal("-5")):
        try:
            async with db.begin_nested():
                await refund(db, None, setup, made["id"], amount, "test")
        except RefundExceedsPaid as exc:
            assert exc.status == 400 and exc.field == "amount"
        else:
            raise AssertionError(f"refunding {amount} was not refused")
    assert await entries_of(db, made["id"]) == rows
    assert await refund(db, None, setup, made["id"], Decimal("28.00"), "part") == Decimal("28.00")
    try:
        async with db.begin_nested():
            await refund(db, None, setup, made["id"], Decimal("200.01"), "test")
    except RefundExceedsPaid as exc:
        assert exc.facts["refundable"] == "200.00"
    balance = await ledger(db, made["id"])
    assert (balance.refunded, balance.outstanding) == (Decimal("28.00"), Decimal("200.00"))


async def test_two_cancellations_at_once_refund_once(
    committed_client: httpx.AsyncClient,
    committed_factory: async_sessionmaker[AsyncSession],
    settings: Settings,
) -> None:
    async with committed_factory() as db:
        host = await make_logged_in(committed_client, db)
        guest = await make_logged_in(committed_client, db)
        listing = await make_listing(db, host)
    made = await book(committed_client, guest, listing)
    provider = payment_setup(settings).provider
    assert isinstance(provider, OfflineProvider)
    refunds_before = len(provider.refunds)

    async def cancel(who: Person) -> int:
        r = await committed_client.delete(f"{RESERVATIONS}/{made['id']}", headers=who.headers)
        return r.status_code

    async with asyncio.timeout(60):
        statuses = await asyncio.gather(cancel(guest), cancel(host))
    assert sorted(statuses) == [200, 409]
    async with committed_factory() as db:
        refunds = await entries_of(db, made["id"], ["refund"])
        assert len(refunds) == 1
        balance = await ledger(db, made["id"])
        assert balance.refunded == refunds[0].amount
    assert len(provider.refunds) == refunds_before + 1


# --- payments the provider has not decided ------------------------------------------------------


class SlowBank(OfflineProvider):
    """A FAKE provider: test money whose card payments the bank takes a while to decide
    (processing), as SEPA debits or some banks do; `decide` settles them."""

    name = "offline"

    def __init__(self) -> None:
        super().__init__()
        self.undecided: set[str] = set()

    async def create_intent(self, request: IntentRequest, *, idempotency_key: str) -> Intent:
        intent = await super().create_intent(request, idempotency_key=idempotency_key)
        if intent.status is IntentStatus.SUCCEEDED:
            self.undecided.add(intent.id)
            return replace(intent, status=IntentStatus.PROCESSING)
        return intent

    async def retrieve_intent(self, intent_id: str) -> Intent:
        intent = await super().retrieve_intent(intent_id)
        if intent_id in self.undecided:
            return replace(intent, status=IntentStatus.PROCESSING)
        return intent

    def decide(self) -> None:
        self.undecided.clear()


async def test_a_processing_payment_holds_then_the_job_confirms_it(
    client: httpx.AsyncClient,
    db: AsyncSession,
    settings: Settings,
    guest: Person,
    listing: UnitType,
) -> None:
    bank = SlowBank()
    with use_provider(bank):
        made = await book_unpaid(client, guest, listing)
        r = await client.patch(
            PAY.format(made["id"]),
            json={"paymentUserParams": {"paymentMethodId": "pm_card_visa"}},
            headers=guest.headers,
        )
        assert r.status_code == 200, r.text
        body = r.json()
        assert body["paymentResult"]["statusLiteral"] == "processing"
        assert body["paymentResult"]["success"] is False
        assert (body["reservation"]["status"], body["reservation"]["paymentConfirmation"]) == (
            "request",
            "processing",
        )
        # No second payment while one is in flight.
        again = await client.patch(
            PAY.format(made["id"]),
            json={"paymentUserParams": {"paymentMethodId": "pm_card_visa"}},
            headers=guest.headers,
        )
        assert_error(again, 409, message="errMsg_paymentInProgress")
        setup = payment_setup(settings)
        later = utcnow() + RECHECK_AFTER + timedelta(seconds=1)
        assert await refresh_unsettled(db, setup, now=later) == 1  # still processing
        assert await entries_of(db, made["id"], ["guest_payment"]) == []
        bank.decide()
        with frozen_clock(later + RECHECK_AFTER):
            assert await refresh_unsettled(db, setup, now=later + RECHECK_AFTER * 3) == 1
        row = await db.get(Reservation, made["id"], populate_existing=True)
        assert row is not None and (row.status, row.payment_confirmation) == ("confirmed", "paid")
        assert (await ledger(db, made["id"])).paid == Decimal("228.00")
        assert await refresh_unsettled(db, setup, now=later + RECHECK_AFTER * 9) == 0


async def test_money_that_arrives_after_the_hold_expired_goes_back_to_the_guest(
    client: httpx.AsyncClient,
    db: AsyncSession,
    settings: Settings,
    guest: Person,
    listing: UnitType,
) -> None:
    bank = SlowBank()
    with use_provider(bank):
        made = await book_unpaid(client, guest, listing)
        r = await client.patch(
            PAY.format(made["id"]),
            json={"paymentUserParams": {"paymentMethodId": "pm_card_visa"}},
            headers=guest.headers,
        )
        assert r.json()["paymentResult"]["statusLiteral"] == "processing"
        setup = payment_setup(settings)
        expired = await expire_unpaid_holds(
            db, setup, now=utcnow() + timedelta(minutes=settings.unpaid_hold_minutes + 1)
        )
        assert expired == 1  # the hold is the hold: a bank still deciding does not extend it
        bank.decide()
        later = utcnow() + RECHECK_AFTER * 3
        assert await refresh_unsettled(db, setup, now=later) == 1
        row = await db.get(Reservation, made["id"], populate_existing=True)
        assert row is not None and (row.status, row.payment_confirmation) == ("expired", "paid")
        assert (await ledger(db, made["id"])).outstanding == Decimal("228.00")
        done = await settle_ended_stays(db, setup)  # at once: nothing is owed for the stay
        assert done.refunded == [row.id] and done.paid_out == []
        balance = await ledger(db, made["id"])
        assert (balance.paid, balance.refunded, balance.outstanding) == (
            Decimal("228.00"),
            Decimal("228.00"),
            Decimal("0.00"),
        )
        assert (await settle_ended_stays(db, setup)).refunded == []
