"""A reservation's status changes: the host approves or declines a request, the guest,
host or an admin cancels (with the refund), and the periodic jobs expire unanswered
requests and complete finished stays; a platform-paid booking's payment arriving.

A reservation whose money the platform holds (`platform_payment`) is settled by the
payments domain, which this package does not import: the steps that end such a
reservation take its refund as a callback (`Settle`), and refuse to end one holding
money without it (the marketplace's routes and the payments jobs pass it)."""

from __future__ import annotations

import uuid
from collections.abc import Awaitable, Callable, Iterable
from datetime import date, datetime, timedelta
from decimal import Decimal

from sqlalchemy import select, text
from sqlalchemy.ext.asyncio import AsyncSession

from staykit.core import money
from staykit.core.clock import utcnow
from staykit.core.errors import Conflict, Forbidden
from staykit.domain.access.principal import Principal
from staykit.domain.booking import events
from staykit.domain.booking.allocation import release_assignments
from staykit.domain.booking.commands import REFUND, REQUEST_TTL, Booked
from staykit.domain.booking.errors import InvalidStatusChange
from staykit.domain.booking.models import HOLDING, InvoiceItem, Reservation, UnitAssignment
from staykit.domain.booking.repository import (
    assignments_for,
    assignments_of,
    get_reservation,
    may_manage,
)
from staykit.domain.booking.statuses import FINAL
from staykit.domain.catalog.dates import property_today
from staykit.domain.catalog.models import Property


def not_in_status(
    reservation: Reservation, allowed: Iterable[str], action: str
) -> InvalidStatusChange:
    return InvalidStatusChange(reservation.status, allowed, action)


# Return what is owed to the guest as a reservation whose money the platform holds ends:
# (session, the reservation before its status changes, the policy's refund, who ends it:
# guest, host, admin or system) -> what was refunded.
Settle = Callable[[AsyncSession, Reservation, Decimal, str], Awaitable[Decimal]]
# Payment states in which the platform may hold the guest's money.
MONEY_HELD = ("paid", "processing")


def _needs_settling(reservation: Reservation, settle: Settle | None, action: str) -> None:
    """A reservation holding the platform's money ends only with its refund."""
    if reservation.platform_payment and reservation.payment_confirmation in MONEY_HELD:
        if settle is None:
            raise Conflict(
                f"This reservation was paid through the platform: it can only be {action} "
                "on the marketplace, which refunds the guest.",
                code="paidThroughPlatform",
                field="payment_confirmation",
            )


async def approve(
    session: AsyncSession, actor: Principal | None, reservation_id: uuid.UUID
) -> Booked:
    """The host accepts a request: it becomes confirmed."""
    reservation, rel = await get_reservation(session, actor, reservation_id, lock=True)
    assert actor is not None
    if rel not in ("host", "admin") or not await may_manage(session, actor, reservation):
        raise Forbidden("Only the listing's host may approve a request.", code="notYourListing")
    if reservation.status != "request":
        raise not_in_status(reservation, ("request",), "approved")
    if reservation.platform_payment and reservation.payment_confirmation != "paid":
        raise Conflict(
            "The guest has not paid yet: a request is approved once its payment is done "
            "(an instant booking confirms itself when paid).",
            code="paymentNotDone",
            field="payment_confirmation",
        )
    reservation.status = "confirmed"
    reservation.expires_at = None
    reservation.decided_at = utcnow()
    assignments = await assignments_of(session, reservation.id)
    await events.record_reservation(
        session, actor, "reservation.confirmed", reservation, assignments
    )
    return Booked(reservation, assignments)


async def decline(
    session: AsyncSession,
    actor: Principal | None,
    reservation_id: uuid.UUID,
    *,
    settle: Settle | None = None,
) -> Booked:
    """The host turns a request (or an inquiry) down: its nights are free again (and a
    platform-paid request's money goes back to the guest through `settle`)."""
    reservation, rel = await get_reservation(session, actor, reservation_id, lock=True)
    assert actor is not None
    if rel not in ("host", "admin") or not await may_manage(session, actor, reservation):
        raise Forbidden("Only the listing's host may decline a request.", code="notYourListing")
    if reservation.status not in ("request", "inquiry"):
        raise not_in_status(reservation, ("request", "inquiry"), "declined")
    if reservation.platform_payment and reservation.approval_type == "instant":
        raise Conflict(
            "An instant booking waits for its payment, not for the host: it cannot be "
            "declined (it expires unpaid, or may be cancelled).",
            code="invalidStatusChange",
            field="booking_status",
        )
    _needs_settling(reservation, settle, "declined")
    if settle is not None and reservation.platform_payment:
        refunded = await settle(session, reservation, Decimal(0), "host")
        if reservation.payment_confirmation in MONEY_HELD:
            reservation.refund_amount = refunded
    assignments = await assignments_of(session, reservation.id)
    await release_assignments(session, assignments)
    reservation.status = "declined"
    reservation.expires_at = None
    reservation.decided_at = utcnow()
    await events.record_reservation(
        session, actor, "reservation.declined", reservation, assignments
    )
    return Booked(reservation, assignments)


def refund_for(reservation: Reservation, today: date, cancelled_by: str) -> Decimal:
    """What a cancellation gives back (docs/booking.md):
    - by the host or an admin: everything paid for the stay (the total);
    - by the guest, under the cancellation policy snapshotted at booking: the tier with the
      largest daysBeforeArrival not above the notice given (days from today, where the
      property is, to arrival) refunds its refundPercent of the total; a notice shorter
      than every tier refunds nothing; no policy at all refunds everything;
    - a request or inquiry was never charged: its refund is 0."""
    if reservation.status in ("request", "inquiry"):
        return Decimal(0)
    total = money.quantize(reservation.total, reservation.currency)
    if cancelled_by != "guest":
        return total
    policy_ = reservation.cancellation_policy_snapshot
    tiers = (policy_ or {}).get("tiers") if isinstance(policy_, dict) else None
    if not tiers:
        return total
    notice = (reservation.arrival - today).days
    best: tuple[int, Decimal] | None = None
    for tier in tiers:
        try:
            days = int(tier["daysBeforeArrival"])
            percent = Decimal(str(tier["refundPercent"]))
        except (KeyError, TypeError, ValueError, ArithmeticError):
            continue
        if days <= notice and (best is None or days > best[0]):
            best = (days, percent)
    if best is None:
        return Decimal(0)
    return money.quantize(total * best[1] / 100, reservation.currency)


async def _time_zone(session: AsyncSession, property_id: uuid.UUID) -> str:
    tz = await session.scalar(select(Property.time_zone).where(Property.id == property_id))
    return tz or "UTC"


async def cancel(
    session: AsyncSession,
    actor: Principal | None,
    reservation_id: uuid.UUID,
    *,
    settle: Settle | None = None,
) -> Booked:
    """Cancel by the guest or the host before the stay starts (admins at any time, for
    moderation). Frees the nights and records the refund: the policy's (refund_for) on an
    invoice line, or, for a reservation the platform was paid for, what `settle` returned
    to the guest through the provider (its ledger writes the invoice line)."""
    reservation, rel = await get_reservation(session, actor, reservation_id, lock=True)
    assert actor is not None
    if reservation.status in FINAL or reservation.status == "completed":
        raise Conflict(
            f"The reservation is already {reservation.status}.",
            code="alreadyFinished",
            field="booking_status",
        )
    by = rel if rel in ("guest", "admin") else "host"
    if by == "host" and not await may_manage(session, actor, reservation):
        raise Forbidden(
            "Only the business's owners and managers may cancel its reservations.",
            code="notYourListing",
        )
    today = property_today(await _time_zone(session, reservation.property_id))
    if by != "admin" and reservation.arrival <= today and reservation.status in HOLDING:
        raise Conflict(
            "The stay has started: only an admin can cancel it now.",
            code="stayStarted",
            field="booking_status",
        )
    _needs_settling(reservation, settle, "cancelled")
    assignments = await assignments_of(session, reservation.id)
    await release_assignments(session, assignments)
    refund = refund_for(reservation, today, by)
    if reservation.platform_payment:
        refund = Decimal(0) if settle is None else await settle(session, reservation, refund, by)
    reservation.status = "cancelled"
    reservation.cancelled_at = utcnow()
    reservation.cancelled_by = by
    reservation.expires_at = None
    reservation.refund_amount = refund
    if refund and not reservation.platform_payment:
        session.add(
            InvoiceItem(
                reservation_id=reservation.id,
                business_id=reservation.business_id,
                kind="refund",
                code=REFUND,
                description=f"Refund on cancellation by the {by}",
                qty=Decimal(-1),
                amount=refund,
                currency=reservation.currency,
            )
        )
    await events.record_reservation(
        session, actor, "reservation.cancelled", reservation, assignments
    )
    return Booked(reservation, assignments)


async def expire_requests(
    session: AsyncSession,
    *,
    now: datetime | None = None,
    platform: bool = False,
    settle: Settle | None = None,
    limit: int = 500,
) -> int:
    """Requests unanswered for 24 hours expire and free their nights. `platform`: the
    platform-paid ones instead (unpaid holds, and paid requests the host left
    unanswered), each settled by `settle` (the payments job's); the others never wait for
    a refund, and this job never expires a reservation holding the platform's money."""
    now = now or utcnow()
    due = list(
        await session.scalars(
            select(Reservation)
            .where(
                Reservation.status == "request",
                Reservation.expires_at <= now,
                Reservation.platform_payment.is_(platform),
            )
            .order_by(Reservation.expires_at)
            .limit(limit)
            .with_for_update(skip_locked=True)
        )
    )
    for reservation in due:
        _needs_settling(reservation, settle, "expired")
        if settle is not None:
            refunded = await settle(session, reservation, Decimal(0), "system")
            if reservation.payment_confirmation in MONEY_HELD:
                reservation.refund_amount = refunded
    held = await assignments_for(session, [r.id for r in due])
    # One release for the batch: its unit types locked once, in sorted order (two workers
    # expiring at once cannot deadlock), and one UPDATE of the occupancy rows.
    await release_assignments(session, [a for assignments in held.values() for a in assignments])
    for reservation in due:
        reservation.status = "expired"
        reservation.expires_at = None
        await events.record_reservation(
            session, None, "reservation.expired", reservation, held[reservation.id]
        )
    return len(due)


_DUE_TO_COMPLETE = text(
    """
    SELECT r.id FROM reservations r JOIN properties p ON p.id = r.property_id
    WHERE r.status IN ('new', 'confirmed', 'black') AND r.is_active
      AND r.departure <= CAST(:now AS timestamptz) AT TIME ZONE p.time_zone
      AND (r.departure + p.check_out_time) <= CAST(:now AS timestamptz) AT TIME ZONE p.time_zone
    ORDER BY r.departure, r.id
    LIMIT 500
    FOR UPDATE OF r SKIP LOCKED
    """
)


async def complete_stays(session: AsyncSession, *, now: datetime | None = None) -> int:
    """Confirmed stays whose check-out time has passed where the property is: completed.
    Their nights stay occupied (it is history, and the calendar shows it)."""
    now = now or utcnow()
    ids = list((await session.execute(_DUE_TO_COMPLETE, {"now": now})).scalars())
    if not ids:
        return 0
    due = list(
        await session.scalars(
            select(Reservation).where(Reservation.id.in_(ids)).order_by(Reservation.departure)
        )
    )
    held = await assignments_for(session, ids)
    for reservation in due:
        reservation.status = "completed"
        reservation.completed_at = now
        await events.record_reservation(
            session, None, "reservation.completed", reservation, held[reservation.id]
        )
    return len(due)


async def payment_received(
    session: AsyncSession,
    reservation: Reservation,
    *,
    host_window: timedelta = REQUEST_TTL,
    assignments: list[UnitAssignment] | None = None,
) -> Booked | None:
    """The platform has been paid for a reservation (the payments domain says so once the
    ledger has the money; the caller holds the reservation's row lock):
    paymentConfirmation paid; an instant booking is confirmed, a request now waits for the
    host (until `host_window` after it was made). Nothing for a reservation already marked
    paid; one no longer waiting is only marked paid (the payments domain settles it).
    `assignments`: the reservation's, when the caller has them loaded (a batch)."""
    if reservation.payment_confirmation == "paid":
        return None
    reservation.payment_confirmation = "paid"
    if assignments is None:
        assignments = await assignments_of(session, reservation.id)
    types: tuple[str, ...] = ("reservation.paid",)
    if reservation.status == "request" and reservation.approval_type == "instant":
        reservation.status = "confirmed"
        reservation.expires_at = None
        reservation.decided_at = utcnow()
        types = ("reservation.paid", "reservation.confirmed")
    elif reservation.status == "request":
        reservation.expires_at = reservation.made_at + host_window
    await events.record_reservation(session, None, types, reservation, assignments)
    return Booked(reservation, assignments)


async def payment_state(
    session: AsyncSession,
    reservation: Reservation,
    confirmation: str,
    *,
    assignments: list[UnitAssignment] | None = None,
) -> None:
    """Where the payment of a platform-paid reservation is, short of paid: pending,
    processing (the provider is still deciding), canceled. Never undoes paid. A change is
    a change of the reservation like any other: a new version and its event
    (`reservation.paymentUpdated`); the same state again changes nothing."""
    if reservation.payment_confirmation == "paid" or confirmation == "paid":
        return
    if reservation.payment_confirmation == confirmation:
        return
    reservation.payment_confirmation = confirmation
    if assignments is None:
        assignments = await assignments_of(session, reservation.id)
    await events.record_reservation(
        session, None, "reservation.paymentUpdated", reservation, assignments
    )
