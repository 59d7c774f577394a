"""iCal imports change availability, so each reconcile that places, moves or releases
blocks records one `availability.updated` for the room (calendar_events), from the first
night it touched to the last, as the platform's own job (no actor); a poll that changes
nothing records nothing. Against committed data and a real feed server on loopback."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from staykit.domain.access.principal import Credential
from staykit.domain.events.models import DomainEvent
from tests.ical_feeds import FeedServer, airbnb
from tests.jobs.ical_place import Place


async def availability_events(place: Place) -> list[DomainEvent]:
    async with place.factory() as s:
        rows = await s.scalars(
            select(DomainEvent)
            .where(DomainEvent.aggregate_id == place.listing.id)
            .order_by(DomainEvent.seq)
        )
        return list(rows)


def expected(place: Place, first: Any, last: Any) -> dict[str, Any]:
    return {
        "unitTypeId": str(place.listing.id),
        "propertyId": str(place.listing.property_id),
        "from": first.isoformat(),
        "to": last.isoformat(),
        "fields": ["blocks"],
        "rateIds": [],
    }


async def test_each_import_that_changes_blocks_records_one_availability_event(
    feeds: FeedServer, place: Place
) -> None:
    d = place.day
    url = feeds.serve(
        "/a.ics",
        airbnb(
            [
                ("a@airbnb.com", d(10), d(12), "Reserved"),
                ("b@airbnb.com", d(20), d(22), "Reserved"),
            ]
        ),
    )
    await place.imports(iCalUri1=url, import1="endDateCheckout")
    await place.poll()
    [placed] = await availability_events(place)
    assert (placed.type, placed.aggregate_type, placed.business_id) == (
        "availability.updated",
        "unit_type",
        place.listing.business_id,
    )
    assert placed.payload == expected(place, d(10), d(21))
    assert (placed.actor_id, placed.credential) == (None, Credential.SYSTEM.value)

    await place.poll()  # the same feed again: nothing moves, nothing recorded
    assert len(await availability_events(place)) == 1

    # b released, a moved: the nights freed and taken, old and new.
    feeds.serve("/a.ics", airbnb([("a@airbnb.com", d(11), d(14), "Reserved")]))
    await place.poll()
    first, moved = await availability_events(place)
    assert first.id == placed.id
    assert moved.payload == expected(place, d(10), d(21))
