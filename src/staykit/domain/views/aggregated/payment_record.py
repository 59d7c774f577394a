"""PaymentRecordView: the money of a person's stays, one card per payment record (a
guest's payment, a refund, a host payout): what moved, how much, when and through which
provider, with the stay it belongs to (dates, status), its listing's card, its guest and
its host (name, picture), and the reader's part in it.

Who sees a row: payments' readable statement (PAYMENT_RECORDS): the stay's guest, its
host side (the host and the business's members) and admins; login required. Records are
the ledger's rows (a database view), so they are never stale. Newest first."""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from staykit.domain.access import masking
from staykit.domain.access.principal import Principal
from staykit.domain.payments.models import PaymentRecordView
from staykit.domain.payments.records import PAYMENT_RECORDS
from staykit.domain.views.aggregated.common import (
    PageRequest,
    View,
    ViewPage,
    ViewRowNotFound,
    amount,
    listings,
    page_of,
    people,
    person,
    reservations,
    stay,
)

NAME = "PaymentRecordView"


def readable(principal: Principal | None) -> Any:
    """The payment records the principal may read (401 without a login)."""
    PAYMENT_RECORDS.may_read(principal)
    return PAYMENT_RECORDS.readable_statement(principal).where(PaymentRecordView.is_active)


async def page(
    session: AsyncSession, principal: Principal | None, request: PageRequest
) -> ViewPage:
    stmt = readable(principal)
    rows, total = await page_of(
        session, stmt, request, PaymentRecordView.payment_date.desc(), PaymentRecordView.id.desc()
    )
    assert principal is not None  # readable() refused an anonymous caller
    return ViewPage(await _shape(session, principal, [r for (r,) in rows]), total, request)


async def one(session: AsyncSession, principal: Principal | None, row_id: uuid.UUID) -> View:
    found = await session.scalar(readable(principal).where(PaymentRecordView.id == row_id))
    if found is None:
        raise ViewRowNotFound(NAME, row_id)
    assert principal is not None
    return (await _shape(session, principal, [found]))[0]


def record(p: PaymentRecordView) -> View:
    """A payment record's own fields (disputeDetailView embeds them too)."""
    cur = p.currency
    return {
        "id": p.id,
        "movement": p.movement,
        "paymentStatus": p.payment_status,
        "currency": cur,
        "amountPaid": amount(p.amount_paid, cur),
        "refundAmount": amount(p.refund_amount, cur),
        "payoutAmountHost": amount(p.payout_amount_host, cur),
        "platformFee": amount(p.platform_fee, cur),
        "cityTax": amount(p.city_tax, cur),
        "paymentDate": p.payment_date,
        "provider": p.provider,
        "providerRef": p.provider_ref,
    }


def _part(me: Principal, p: PaymentRecordView) -> str:
    if p.owner_id is not None and p.owner_id == me.user_id:
        return "guest"
    if p.host_id == me.user_id:
        return "host"
    return "admin" if me.is_admin else "host"


async def _shape(session: AsyncSession, me: Principal, rows: list[PaymentRecordView]) -> list[View]:
    stays = await reservations(session, [p.reservation_id for p in rows])
    found_people = await people(session, [u for p in rows for u in (p.owner_id, p.host_id)])
    found_listings = await listings(session, [r.unit_type_id for r in stays.values()])
    financial = masking.sees_financial(me, party_to_the_stay=True)
    out: list[View] = []
    for p in rows:
        r = stays.get(p.reservation_id)
        out.append(
            {
                **record(p),
                "myRole": _part(me, p),
                "reservation": stay(r, financial=financial) if r is not None else None,
                "listing": found_listings.get(r.unit_type_id) if r is not None else None,
                "guest": person(found_people, p.owner_id),
                "host": person(found_people, p.host_id),
            }
        )
    return out


__all__ = ["NAME", "one", "page", "readable", "record"]
