"""ReservationDetailView: a reservation screen in one request: the stay and its prices,
the listing, guest and host, the payment records, the conversation and the dispute.

Visibility, each part by its own package's readable statement:
- the reservation: booking's visible_condition (its guest, its host and the members of
  the host's business, admins); anonymous callers get a 401, anyone else a 404 by id;
- payments: the payments package's PAYMENT_RECORDS readable condition;
- the thread: messaging's readable_threads (the latest one of the reservation);
- the dispute: disputes' readable_condition (the latest one of the reservation)."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from typing import Any

from sqlalchemy import case, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import aliased

from staykit.domain.access.principal import Principal
from staykit.domain.auth.models import User
from staykit.domain.booking.models import DISPUTE_STATUSES, PAYMENT_CONFIRMATIONS, Reservation
from staykit.domain.booking.repository import visible_condition
from staykit.domain.booking.statuses import MARKETPLACE, MARKETPLACE_ENUM
from staykit.domain.catalog.models import Property, UnitType
from staykit.domain.disputes import access as disputes
from staykit.domain.disputes.models import Dispute
from staykit.domain.messaging.access import readable_threads
from staykit.domain.messaging.models import MessageThread
from staykit.domain.payments.models import PaymentRecordView
from staykit.domain.payments.records import PAYMENT_RECORDS
from staykit.domain.views.filtering import Kind, ViewField
from staykit.domain.views.index import IndexView
from staykit.domain.views.people import person

NAME = "ReservationDetailView"

Guest = aliased(User, name="reservation_guest")
Host = aliased(User, name="reservation_host")
# The marketplace's word for the stay's status (staykit keeps finer ones).
BOOKING_STATUS = case(MARKETPLACE, value=Reservation.status, else_=Reservation.status)
GUESTS = Reservation.adults + Reservation.children

F = ViewField
FIELDS = (
    F("id", Kind.ID, "The reservation's id.", Reservation.id),
    F(
        "bookingStatus",
        Kind.ENUM,
        "pending, confirmed, complete, cancelled or declined.",
        BOOKING_STATUS,
        MARKETPLACE_ENUM,
        sortable=True,
    ),
    F("checkIn", Kind.DATE, "Arrival date (local).", Reservation.arrival, sortable=True),
    F("checkOut", Kind.DATE, "Departure date (local).", Reservation.departure, sortable=True),
    F("nights", Kind.INT, "Nights of the stay.", Reservation.departure - Reservation.arrival),
    F("guestCount", Kind.INT, "Adults and children.", GUESTS),
    F("adults", Kind.INT, "Adults.", Reservation.adults),
    F("children", Kind.INT, "Children.", Reservation.children),
    F("currency", Kind.STRING, "ISO 4217 currency.", Reservation.currency),
    F("subtotal", Kind.DECIMAL, "The nights.", Reservation.subtotal),
    F("cleaningFee", Kind.DECIMAL, "Cleaning fee.", Reservation.cleaning_fee),
    F("cityTax", Kind.DECIMAL, "City tax.", Reservation.city_tax),
    F("totalPrice", Kind.DECIMAL, "What the guest pays.", Reservation.total, sortable=True),
    F("refundAmount", Kind.DECIMAL, "Refunded.", Reservation.refund_amount, nullable=True),
    F(
        "paymentConfirmation",
        Kind.ENUM,
        "Whether it is paid.",
        Reservation.payment_confirmation,
        PAYMENT_CONFIRMATIONS,
    ),
    F("disputeStatus", Kind.ENUM, "Dispute state.", Reservation.dispute_status, DISPUTE_STATUSES),
    F(
        "approvalType",
        Kind.ENUM,
        "instant or manual.",
        Reservation.approval_type,
        ("instant", "manual"),
    ),
    F(
        "cancelledBy",
        Kind.STRING,
        "guest, host or system.",
        Reservation.cancelled_by,
        nullable=True,
    ),
    F("listingId", Kind.ID, "The listing.", Reservation.unit_type_id),
    F("listingTitle", Kind.STRING, "The listing's title.", UnitType.title, sortable=True),
    F("guestId", Kind.ID, "The guest's user id.", Reservation.guest_id, nullable=True),
    F("hostId", Kind.ID, "The host's user id.", Reservation.host_id),
    F(
        "listing",
        Kind.OBJECT,
        "id, title, mainPhoto, address, city, country, timeZone, check-in/out times.",
    ),
    F("guest", Kind.OBJECT, "The guest: id, fullname, avatar.", nullable=True),
    F("host", Kind.OBJECT, "The host: id, fullname, avatar."),
    F("payments", Kind.OBJECT, "Payment records (payments, refunds, payouts), oldest first."),
    F(
        "thread",
        Kind.OBJECT,
        "The conversation: id, isOpen, messageCount, lastMessageAt.",
        nullable=True,
    ),
    F(
        "dispute",
        Kind.OBJECT,
        "The latest dispute: id, issueType, resolutionStatus, ...",
        nullable=True,
    ),
    F(
        "expiresAt",
        Kind.DATETIME,
        "When an unanswered request expires.",
        Reservation.expires_at,
        nullable=True,
    ),
    F("cancelledAt", Kind.DATETIME, "Cancelled at.", Reservation.cancelled_at, nullable=True),
    F("createdAt", Kind.DATETIME, "Booked at.", Reservation.created_at, sortable=True),
    F("updatedAt", Kind.DATETIME, "Last changed at.", Reservation.updated_at, sortable=True),
)


def query(actor: Principal | None) -> Any:  # a Select of the view's entities
    assert actor is not None  # login_required: the index asked first
    return (
        select(Reservation, UnitType, Property, Guest, Host)
        .join(UnitType, UnitType.id == Reservation.unit_type_id)
        .join(Property, Property.id == Reservation.property_id)
        .join(Host, Host.id == Reservation.host_id)
        .outerjoin(Guest, Guest.id == Reservation.guest_id)
        .where(visible_condition(actor))
    )


async def _payments(
    session: AsyncSession, actor: Principal, ids: list[uuid.UUID]
) -> dict[uuid.UUID, list[dict[str, Any]]]:
    out: dict[uuid.UUID, list[dict[str, Any]]] = {i: [] for i in ids}
    readable = PAYMENT_RECORDS.readable
    assert readable is not None  # payment records always say who reads them
    rows = await session.scalars(
        select(PaymentRecordView)
        .where(PaymentRecordView.reservation_id.in_(ids), readable(actor))
        .order_by(PaymentRecordView.payment_date, PaymentRecordView.id)
    )
    for p in rows:
        out[p.reservation_id].append(
            {
                "id": p.id,
                "movement": p.movement,
                "paymentStatus": p.payment_status,
                "amountPaid": p.amount_paid,
                "refundAmount": p.refund_amount,
                "payoutAmountHost": p.payout_amount_host,
                "currency": p.currency,
                "provider": p.provider,
                "paymentDate": p.payment_date,
            }
        )
    return out


async def _threads(
    session: AsyncSession, actor: Principal, ids: list[uuid.UUID]
) -> dict[uuid.UUID, dict[str, Any]]:
    rows = await session.scalars(
        select(MessageThread)
        .where(MessageThread.reservation_id.in_(ids), readable_threads(actor))
        .order_by(MessageThread.created_at, MessageThread.id)
    )
    # the latest thread of each reservation wins (ordered oldest first)
    return {
        t.reservation_id: {
            "id": t.id,
            "isOpen": t.is_open,
            "messageCount": t.message_count,
            "lastMessageAt": t.last_message_at,
        }
        for t in rows
        if t.reservation_id is not None
    }


async def _disputes(
    session: AsyncSession, actor: Principal, ids: list[uuid.UUID]
) -> dict[uuid.UUID, dict[str, Any]]:
    rows = await session.scalars(
        select(Dispute)
        .where(Dispute.reservation_id.in_(ids), disputes.readable_condition(actor))
        .order_by(Dispute.reported_at, Dispute.id)
    )
    return {
        d.reservation_id: {
            "id": d.id,
            "issueType": d.issue_type,
            "description": d.description,
            "raisedBy": d.raised_by,
            "raisedAs": d.raised_as,
            "resolutionStatus": d.resolution_status,
            "reportedAt": d.reported_at,
            "resolvedAt": d.resolved_at,
            "refundApproved": d.refund_approved,
            "refundAmount": d.refund_amount,
        }
        for d in rows
    }


def _time(value: Any) -> str:
    return f"{value.hour:02d}:{value.minute:02d}"


async def shape(
    session: AsyncSession, actor: Principal | None, rows: Sequence[Any]
) -> list[dict[str, Any]]:
    assert actor is not None
    ids = [row[0].id for row in rows]
    payments = await _payments(session, actor, ids)
    threads = await _threads(session, actor, ids)
    found = await _disputes(session, actor, ids)
    out = []
    for r, listing, prop, guest, host in rows:
        out.append(
            {
                "id": r.id,
                "bookingStatus": MARKETPLACE.get(r.status, r.status),
                "checkIn": r.arrival,
                "checkOut": r.departure,
                "nights": (r.departure - r.arrival).days,
                "guestCount": r.adults + r.children,
                "adults": r.adults,
                "children": r.children,
                "currency": r.currency,
                "subtotal": r.subtotal,
                "cleaningFee": r.cleaning_fee,
                "cityTax": r.city_tax,
                "totalPrice": r.total,
                "refundAmount": r.refund_amount,
                "paymentConfirmation": r.payment_confirmation,
                "disputeStatus": r.dispute_status,
                "approvalType": r.approval_type,
                "cancelledBy": r.cancelled_by,
                "listingId": r.unit_type_id,
                "listingTitle": listing.title,
                "guestId": r.guest_id,
                "hostId": r.host_id,
                "listing": {
                    "id": listing.id,
                    "title": listing.title,
                    "mainPhoto": listing.main_photo,
                    "address": prop.address,
                    "city": prop.city,
                    "country": prop.country,
                    "timeZone": prop.time_zone,
                    "checkInTime": _time(prop.check_in_time),
                    "checkOutTime": _time(prop.check_out_time),
                },
                "guest": person(guest),
                "host": person(host),
                "payments": payments[r.id],
                "thread": threads.get(r.id),
                "dispute": found.get(r.id),
                "expiresAt": r.expires_at,
                "cancelledAt": r.cancelled_at,
                "createdAt": r.created_at,
                "updatedAt": r.updated_at,
            }
        )
    return out


VIEW = IndexView(
    name=NAME,
    description="A reservation with its listing, guest, host, payments, thread and dispute.",
    fields=FIELDS,
    query=query,
    shape=shape,
    id_column=Reservation.id,
    default_sort="checkIn",
    search=(UnitType.title, Guest.fullname, Host.fullname),
    search_description="q: every word in the listing's title or the guest's or host's name.",
)
