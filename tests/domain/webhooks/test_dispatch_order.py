"""The dispatcher keeps each entity's order even when the events' dispatch jobs run out of
order: the later event's dispatch writes the earlier events' deliveries first."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from staykit.core.clock import utcnow
from staykit.core.runtime import get_runtime
from staykit.domain.booking.commands import NewReservation
from staykit.domain.booking.create import create_reservation
from staykit.domain.booking.lifecycle import cancel
from staykit.domain.events.models import DomainEvent
from staykit.domain.webhooks import service
from staykit.domain.webhooks.consumer import enqueue_deliveries
from staykit.domain.webhooks.models import WebhookDelivery
from tests.factories import actor_of, make_listing, make_user


async def test_a_later_events_dispatch_first_writes_the_earlier_ones_and_theirs_adds_nothing(
    db: AsyncSession, app: object
) -> None:
    host, guest = await make_user(db), await make_user(db)
    listing = await make_listing(db, host)
    sub = await service.create_subscription(
        db,
        actor_of(host),
        listing.business_id,
        service.NewSubscription(
            "http://127.0.0.1:9/hook", ["reservation.created", "reservation.cancelled"]
        ),
        get_runtime().settings,
    )
    arrival = utcnow().date() + timedelta(days=90)
    made = await create_reservation(
        db, actor_of(guest), NewReservation(listing.id, arrival, arrival + timedelta(days=2), 2)
    )
    await cancel(db, actor_of(guest), made.reservation.id)
    written = list(
        await db.scalars(
            select(DomainEvent)
            .where(DomainEvent.aggregate_id == made.reservation.id)
            .order_by(DomainEvent.seq)
        )
    )
    assert [e.type for e in written] == [
        "reservation.created",
        "reservation.confirmed",
        "reservation.cancelled",
    ]

    await enqueue_deliveries(db, written[2])  # the cancellation's dispatch runs first
    rows = list(await db.scalars(select(WebhookDelivery).order_by(WebhookDelivery.event_seq)))
    # The created event's row too (confirmed is not subscribed), in seq order.
    assert [r.event_type for r in rows] == ["reservation.created", "reservation.cancelled"]
    assert all(r.subscription_id == sub.subscription.id for r in rows)

    for event in written[:2]:  # their own dispatches, late: nothing more
        await enqueue_deliveries(db, event)
    again = list(await db.scalars(select(WebhookDelivery).order_by(WebhookDelivery.event_seq)))
    assert [r.id for r in again] == [r.id for r in rows]


async def test_events_from_before_a_subscription_are_not_sent_to_it(
    db: AsyncSession, app: object
) -> None:
    host, guest = await make_user(db), await make_user(db)
    listing = await make_listing(db, host)
    arrival = utcnow().date() + timedelta(days=90)
    made = await create_reservation(
        db, actor_of(guest), NewReservation(listing.id, arrival, arrival + timedelta(days=2), 2)
    )
    await service.create_subscription(
        db,
        actor_of(host),
        listing.business_id,
        service.NewSubscription("http://127.0.0.1:9/hook", ["reservation.*"]),
        get_runtime().settings,
    )
    await cancel(db, actor_of(guest), made.reservation.id)
    last = await db.scalar(
        select(DomainEvent)
        .where(DomainEvent.aggregate_id == made.reservation.id)
        .order_by(DomainEvent.seq.desc())
        .limit(1)
    )
    assert last is not None
    await enqueue_deliveries(db, last)
    rows = list(await db.scalars(select(WebhookDelivery)))
    assert [r.event_type for r in rows] == ["reservation.cancelled"]
