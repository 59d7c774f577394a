"""The shared event recorder, the consumer registry and the dispatch job: who acted is
recorded with every event, one job acts on the events of one change, and it runs every
consumer registered for each event's type, in order."""

from __future__ import annotations

import uuid

import pytest
from sqlalchemy import select, text
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from staykit.core.db import unit_of_work
from staykit.domain.access.principal import Credential, Principal
from staykit.domain.booking.mails import mail_reservation_event
from staykit.domain.events import registry
from staykit.domain.events.models import DomainEvent
from staykit.domain.events.recorder import record
from staykit.domain.events.registry import consumer, consumers_for, register
from staykit.domain.events.tasks import dispatch
from staykit.jobs import app as jobs_app


@pytest.fixture
def own_registry(monkeypatch: pytest.MonkeyPatch) -> None:
    """An empty registry for the test: the application's consumers stay out of it."""
    monkeypatch.setattr(registry, "_consumers", [])


async def dispatch_jobs(db: AsyncSession) -> list[dict[str, object]]:
    rows = await db.execute(
        text("SELECT args FROM procrastinate_jobs WHERE task_name = 'events:dispatch'")
    )
    return [r[0] for r in rows]


async def test_an_event_records_how_the_principal_came_in(db: AsyncSession) -> None:
    partner = Principal(
        user_id=uuid.uuid4(),
        credential=Credential.OAUTH_TOKEN,
        client_id="channel-manager-1",
        surface="channel",
    )
    aggregate = uuid.uuid4()
    written = await record(
        db,
        partner,
        aggregate_type="listing",
        aggregate_id=aggregate,
        business_id=None,
        types=("listing.created", "listing.published"),
        payload={"id": str(aggregate)},
    )
    rows = (
        await db.scalars(
            select(DomainEvent)
            .where(DomainEvent.aggregate_id == aggregate)
            .order_by(DomainEvent.seq)
        )
    ).all()
    assert [e.type for e in rows] == ["listing.created", "listing.published"]
    assert [e.id for e in rows] == [e.id for e in written]
    for e in rows:
        assert (e.actor_id, e.credential, e.client_id, e.surface) == (
            partner.user_id,
            "oauth_token",
            "channel-manager-1",
            "channel",
        )
        assert e.aggregate_type == "listing" and e.payload == {"id": str(aggregate)}
    # One job for the change, naming its events in order.
    assert await dispatch_jobs(db) == [{"event_ids": [str(e.id) for e in rows]}]


async def test_the_system_acts_with_no_user(db: AsyncSession) -> None:
    session_user = Principal(user_id=uuid.uuid4())  # a first-party session, no surface
    [by_user] = await record(
        db,
        session_user,
        aggregate_type="reservation",
        aggregate_id=uuid.uuid4(),
        business_id=None,
        types="reservation.modified",
        payload={},
    )
    [by_system] = await record(
        db,
        None,
        aggregate_type="reservation",
        aggregate_id=uuid.uuid4(),
        business_id=None,
        types="reservation.expired",
        payload={},
    )
    assert (by_user.actor_id, by_user.credential, by_user.client_id, by_user.surface) == (
        session_user.user_id,
        "session",
        None,
        None,
    )
    assert (by_system.actor_id, by_system.credential, by_system.client_id) == (
        None,
        "system",
        None,
    )
    assert len(await dispatch_jobs(db)) == 2


@pytest.mark.usefixtures("own_registry")
def test_consumers_match_by_pattern_once_each() -> None:
    async def everything(session: AsyncSession, event: DomainEvent) -> None: ...

    async def created(session: AsyncSession, event: DomainEvent) -> None: ...

    register("reservation.*", everything)
    register("reservation.*", everything)  # a module imported twice
    register("*", everything)
    consumer("reservation.created")(created)
    assert consumers_for("reservation.created") == [everything, created]
    assert consumers_for("reservation.cancelled") == [everything]
    assert consumers_for("listing.created") == [everything]


@pytest.mark.usefixtures("own_registry")
async def test_dispatch_runs_the_matching_consumers_in_order(
    committed_factory: async_sessionmaker[AsyncSession],
) -> None:
    seen: list[tuple[str, str]] = []

    @consumer("thing.*")
    async def first(session: AsyncSession, event: DomainEvent) -> None:
        seen.append(("first", event.type))

    @consumer("thing.made")
    async def second(session: AsyncSession, event: DomainEvent) -> None:
        seen.append(("second", event.type))

    async with unit_of_work(committed_factory) as session:
        written = await record(
            session,
            None,
            aggregate_type="thing",
            aggregate_id=uuid.uuid4(),
            business_id=None,
            types=("thing.made", "thing.sold", "other.done"),
            payload={},
        )
    await dispatch(event_ids=[str(e.id) for e in written])
    assert seen == [("first", "thing.made"), ("second", "thing.made"), ("first", "thing.sold")]


def test_the_workers_app_registers_every_consumer_module() -> None:
    """The worker runs whatever is registered when it starts: the app it is built from
    imports the booking mails, so every reservation event mails."""
    assert jobs_app.CONSUMERS
    for event_type in ("reservation.created", "reservation.cancelled", "reservation.expired"):
        assert mail_reservation_event in consumers_for(event_type)
