"""disputeDetailView: a dispute as its screen shows it: the complaint (issue, description,
who raised it and as what), where it stands (status, the admin on it, the decision and
its refund), the stay (dates, status, total), the listing's card, the guest and the host
(name, picture), the stay's payment records the reader may read, and, for admins, the
admins' actions on it.

Who sees what: disputes' readable statement: admins, the reservation's guest and host
side, and whoever raised it. The payment records through payments' readable statement,
the actions through disputes' (admins only): a party never sees the admins' notes.
Newest report first."""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from staykit.core.errors import DomainError
from staykit.domain.access import masking
from staykit.domain.access.principal import Principal
from staykit.domain.auth import policy
from staykit.domain.booking.models import Reservation
from staykit.domain.disputes import access as disputes
from staykit.domain.disputes.actions import readable_actions
from staykit.domain.disputes.models import AdminDisputeAction, Dispute
from staykit.domain.payments.models import PaymentRecordView
from staykit.domain.views.aggregated import payment_record
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

NAME = "disputeDetailView"


def _readable(me: Principal) -> Any:
    return select(Dispute).where(disputes.readable_condition(me))


async def page(
    session: AsyncSession, principal: Principal | None, request: PageRequest
) -> ViewPage:
    me = policy.require_login(principal)
    rows, total = await page_of(
        session, _readable(me), request, Dispute.reported_at.desc(), Dispute.id.desc()
    )
    return ViewPage(await _shape(session, me, [d for (d,) in rows]), total, request)


async def one(session: AsyncSession, principal: Principal | None, row_id: uuid.UUID) -> View:
    me = policy.require_login(principal)
    found = await session.scalar(_readable(me).where(Dispute.id == row_id))
    if found is None:
        raise ViewRowNotFound(NAME, row_id)
    return (await _shape(session, me, [found]))[0]


def _part(me: Principal, d: Dispute, r: Reservation | None) -> str:
    """The reader's part: the stay's guest or host side, an admin, or (having lost sight
    of the stay since) the one who raised it."""
    if r is not None and r.guest_id is not None and r.guest_id == me.user_id:
        return "guest"
    if r is not None and r.host_id == me.user_id:
        return "host"
    if me.is_admin:
        return "admin"
    return d.raised_as if d.raised_by == me.user_id else "host"


async def _payments(
    session: AsyncSession, me: Principal, reservation_ids: set[uuid.UUID]
) -> dict[uuid.UUID, list[View]]:
    found: dict[uuid.UUID, list[View]] = {rid: [] for rid in reservation_ids}
    if reservation_ids:
        rows = await session.scalars(
            payment_record.readable(me)
            .where(PaymentRecordView.reservation_id.in_(reservation_ids))
            .order_by(PaymentRecordView.payment_date, PaymentRecordView.id)
        )
        for p in rows:
            found[p.reservation_id].append(payment_record.record(p))
    return found


async def _actions(
    session: AsyncSession, me: Principal, dispute_ids: list[uuid.UUID]
) -> dict[uuid.UUID, list[View]] | None:
    """{dispute id: the admins' actions, oldest first}; None for a reader who may not
    read them (disputes' rule refuses them)."""
    try:
        readable = readable_actions(me)
    except DomainError:
        return None
    found: dict[uuid.UUID, list[View]] = {did: [] for did in dispute_ids}
    if dispute_ids:
        rows = await session.scalars(
            select(AdminDisputeAction)
            .where(readable, AdminDisputeAction.dispute_id.in_(dispute_ids))
            .order_by(AdminDisputeAction.action_date, AdminDisputeAction.id)
        )
        for a in rows:
            found[a.dispute_id].append(
                {
                    "id": a.id,
                    "adminId": a.admin_id,
                    "actionTaken": a.action_taken,
                    "notes": a.notes,
                    "outcome": a.outcome,
                    "actionDate": a.action_date,
                }
            )
    return found


async def _shape(session: AsyncSession, me: Principal, rows: list[Dispute]) -> list[View]:
    stays = await reservations(session, [d.reservation_id for d in rows])
    found_people = await people(
        session,
        [u for d in rows for u in (d.raised_by, d.admin_id)]
        + [u for r in stays.values() for u in (r.guest_id, r.host_id)],
    )
    found_listings = await listings(session, [r.unit_type_id for r in stays.values()])
    payments = await _payments(session, me, set(stays))
    actions = await _actions(session, me, [d.id for d in rows])
    financial = masking.sees_financial(me, party_to_the_stay=True)
    out: list[View] = []
    for d in rows:
        r = stays.get(d.reservation_id)
        cur = r.currency if r is not None else None
        out.append(
            {
                "id": d.id,
                "issueType": d.issue_type,
                "description": d.description,
                "resolutionStatus": d.resolution_status,
                "raisedAs": d.raised_as,
                "reportedAt": d.reported_at,
                "resolvedAt": d.resolved_at,
                "refundApproved": d.refund_approved,
                "refundAmount": amount(d.refund_amount, cur) if cur else None,
                "currency": cur,
                "relatedPaymentId": d.related_payment_id,
                "myRole": _part(me, d, r),
                "raisedBy": person(found_people, d.raised_by),
                "admin": person(found_people, d.admin_id),
                "reservation": stay(r, financial=financial) if r is not None else None,
                "listing": found_listings.get(r.unit_type_id) if r is not None else None,
                "guest": person(found_people, r.guest_id) if r is not None else None,
                "host": person(found_people, r.host_id) if r is not None else None,
                "payments": payments.get(d.reservation_id, []),
                "actions": actions.get(d.id, []) if actions is not None else None,
            }
        )
    return out


__all__ = ["NAME", "one", "page"]
