"""The import tests' world: a host's committed listing, a clock for the polls, and what
to read back (blocks, nights held, the sources' state, the owner's mail)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

import httpx
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from staykit.domain.catalog.dates import property_today
from staykit.domain.catalog.models import AvailabilityBlock, Occupancy, UnitType
from staykit.domain.channels.models import ChannelSetting
from staykit.domain.ical.fetch import FetchPolicy, networks
from staykit.domain.ical.imports import ImportRules, poll
from staykit.domain.ical.models import ImportSource
from staykit.domain.notifications.models import OutboundMessage
from tests.factories import Person, login, make_user

POLICY = FetchPolicy(
    # Generous: a loopback fetch must not time out on a busy machine (the timeout test
    # sets its own).
    timeout=10.0,
    max_bytes=5_000_000,
    max_redirects=3,
    private_networks=networks(["127.0.0.0/8"]),
)
RULES = ImportRules(POLICY, timedelta(minutes=30), release_after_empty=3)
RESERVATIONS = "/bookingmanagement-api/v1/reservations"


@dataclass
class Place:
    """A host's committed listing (Lisbon, one unit) and a clock for the polls."""

    factory: async_sessionmaker[AsyncSession]
    host: Person
    listing: UnitType
    now: datetime

    def __post_init__(self) -> None:
        # The test's days count from the day it starts, not from the polls' clock, which
        # moves on by half an hour each poll (near midnight it would move the days too).
        self.started = self.now

    @property
    def today(self) -> date:
        return property_today("Europe/Lisbon", self.started)

    def day(self, n: int) -> date:
        return self.today + timedelta(days=n)

    async def poll(self, rules: ImportRules = RULES) -> dict[str, int]:
        """One poll, then the clock moves past the sources' next turn."""
        counts = await poll(self.factory, rules, now=self.now)
        self.now += rules.interval + timedelta(minutes=1)
        return counts

    async def imports(self, **values: Any) -> None:
        """The room's iCalImport settings (as the Channel API stores them)."""
        async with self.factory() as s:
            row = await s.scalar(
                select(ChannelSetting).where(
                    ChannelSetting.unit_type_id == self.listing.id,
                    ChannelSetting.channel == "iCalImport",
                )
            )
            if row is None:
                row = ChannelSetting(
                    business_id=self.listing.business_id,
                    property_id=self.listing.property_id,
                    unit_type_id=self.listing.id,
                    channel="iCalImport",
                    settings={},
                )
                s.add(row)
            row.settings = {k: v for k, v in {**row.settings, **values}.items() if v is not None}
            await s.commit()

    async def blocks(self) -> list[tuple[date, date, str | None, str | None]]:
        async with self.factory() as s:
            rows = await s.scalars(
                select(AvailabilityBlock)
                .where(
                    AvailabilityBlock.unit_type_id == self.listing.id, AvailabilityBlock.is_active
                )
                .order_by(AvailabilityBlock.arrival, AvailabilityBlock.unit_id)
            )
            return [(b.arrival, b.departure, b.note, b.external_uid) for b in rows]

    async def block_rows(self) -> list[AvailabilityBlock]:
        async with self.factory() as s:
            rows = await s.scalars(
                select(AvailabilityBlock)
                .where(AvailabilityBlock.unit_type_id == self.listing.id)
                .order_by(AvailabilityBlock.created_at, AvailabilityBlock.arrival)
            )
            return list(rows)

    async def held_nights(self) -> list[tuple[date, date]]:
        async with self.factory() as s:
            rows = await s.execute(
                select(Occupancy.arrival, Occupancy.departure)
                .where(Occupancy.unit_type_id == self.listing.id, Occupancy.active)
                .order_by(Occupancy.arrival)
            )
            return [(r.arrival, r.departure) for r in rows]

    async def source(self, slot: int = 1) -> ImportSource:
        async with self.factory() as s:
            found = await s.scalar(
                select(ImportSource).where(
                    ImportSource.unit_type_id == self.listing.id,
                    ImportSource.slot == slot,
                    ImportSource.is_active,
                )
            )
            assert found is not None
            return found

    async def mails(self) -> list[tuple[str, str]]:
        async with self.factory() as s:
            rows = await s.scalars(
                select(OutboundMessage)
                .where(OutboundMessage.purpose.like("ical.%"))
                .order_by(OutboundMessage.created_at)
            )
            return [(m.purpose, m.body or "") for m in rows]


async def book(
    client: httpx.AsyncClient, place: Place, arrival: date, departure: date
) -> tuple[Person, str]:
    async with place.factory() as s:
        guest = await login(client, await make_user(s))
    body = {
        "listingId": str(place.listing.id),
        "checkIn": arrival.isoformat(),
        "checkOut": departure.isoformat(),
        "guestCount": 2,
    }
    r = await client.post(RESERVATIONS, json=body, headers=guest.headers)
    assert r.status_code == 201, r.text
    return guest, r.json()["reservation"]["id"]
