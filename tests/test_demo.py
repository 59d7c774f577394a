"""The demo data: users plus a catalog of ~200 published listings in eight cities, written
through the domain services, loaded once, the same every time."""

from __future__ import annotations

import itertools
import time
import zoneinfo
from decimal import Decimal

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from staykit import demo
from staykit.api.marketplace.catalog_schemas import CreateListing
from staykit.core import money
from staykit.core.clock import utcnow
from staykit.core.config import Settings
from staykit.domain.access.scopes import CATEGORIES
from staykit.domain.auth.models import User
from staykit.domain.booking.models import Reservation, UnitAssignment
from staykit.domain.catalog.models import (
    Amenity,
    AvailabilityBlock,
    InventoryDay,
    Occupancy,
    Property,
    Rate,
    RateDay,
    Unit,
    UnitType,
)
from staykit.domain.partners import clients
from staykit.domain.payments.ledger import check_balanced, reservation_balance
from staykit.domain.payments.models import LedgerEntry, PaymentRecordView
from staykit.domain.tenancy.models import Business, BusinessMember

# What demo.load uses when given no date: the catalog's blocks and bookings go through the
# date rule (from today, property-local), so a fixed date would stop loading once past.
TODAY = utcnow().date()
TABLES = (
    User,
    Amenity,
    Property,
    UnitType,
    Unit,
    Rate,
    RateDay,
    InventoryDay,
    AvailabilityBlock,
    Occupancy,
)


async def counts(session: AsyncSession) -> dict[str, int]:
    return {
        t.__tablename__: int(await session.scalar(select(func.count()).select_from(t)) or 0)
        for t in TABLES
    }


def test_the_plan_is_deterministic_and_every_body_is_a_valid_listing() -> None:
    ids = [f"00000000-0000-0000-0000-{n:012d}" for n in range(len(demo.AMENITIES))]
    first, second = demo.plan_catalog(TODAY, ids), demo.plan_catalog(TODAY, ids)
    assert [p.body for p in first] == [p.body for p in second]
    assert [(p.rate_days, p.stop_sells, p.blocks) for p in first] == [
        (p.rate_days, p.stop_sells, p.blocks) for p in second
    ]
    for plan in first:
        CreateListing.model_validate(plan.body)  # raises on any invalid field
        # Blocks of one unit never overlap one another and lie in the future.
        spans = sorted((a, d) for a, d, _, _ in plan.blocks)
        assert all(d1 <= a2 for (_, d1), (a2, _) in itertools.pairwise(spans))
        assert all(a > TODAY for a, _ in spans)


async def test_demo_loads_users_and_a_catalog_once(
    committed_factory: async_sessionmaker[AsyncSession], settings: Settings
) -> None:
    async with committed_factory() as session:
        started = time.perf_counter()
        access = await demo.load_access(session, settings, today=TODAY)
        await session.commit()
        elapsed = time.perf_counter() - started
    print(f"demo load: {elapsed:.2f} s")
    creds = access.users
    assert {c.email for c in creds} == {email for email, _, _ in demo.PEOPLE}
    assert {c.role for c in creds} == {"superAdmin", "admin", "user"}

    # The demo OAuth client: registered once, its secret returned once and stored hashed.
    assert access.client is not None and access.client.secret.startswith("stk_cs_")
    async with committed_factory() as session:
        client = await clients.authenticate_client(
            session, access.client.client_id, access.client.secret
        )
        assert client is not None and client.name == "staykit demo partner"
        assert client.redirect_uris == [
            "http://127.0.0.1:8765/callback",
            "http://localhost:8765/callback",
        ]
        assert access.client.secret not in client.secret_hash
        assert set(client.scopes) == {
            "guest_communication",
            "revenue_management",
            "offline_access",
            "openid",
            "profile",
            "email",
            *(f"all:{c}" for c in CATEGORIES),
        }
        # Every demo host's business may spend a demo's worth of Channel API credits.
        limits = (
            await session.execute(
                select(User.email, Business.credit_limit)
                .join(BusinessMember, BusinessMember.user_id == User.id)
                .join(Business, Business.id == BusinessMember.business_id)
                .where(BusinessMember.role == "owner")
            )
        ).all()
        assert {email for email, _ in limits} == set(demo.HOSTS)
        assert {limit for _, limit in limits} == {1_000_000}

    async with committed_factory() as session:
        before = await counts(session)
        listings = (await session.scalars(select(UnitType))).all()
        published = [x for x in listings if x.is_published]
        assert len(published) == 8 * demo.LISTINGS_PER_CITY == 200
        assert len(listings) == 200 + demo.DRAFTS
        props = {p.id: p for p in (await session.scalars(select(Property))).all()}
        cities = {(p.city, p.currency, p.time_zone) for p in props.values()}
        assert {c for c, _, _ in cities} >= {"Lisbon", "London", "New York", "Tokyo", "Sydney"}
        assert len(cities) == len(demo.CITIES) == 8  # one currency and zone per city
        centres = {c.name: c for c in demo.CITIES}

        hosts = {
            u.id: u.email
            for u in (await session.scalars(select(User).where(User.email.in_(demo.HOSTS)))).all()
        }
        assert {hosts[x.host_id] for x in published} == set(demo.HOSTS)
        amenity_ids = set((await session.scalars(select(Amenity.id))).all())
        assert len(amenity_ids) == len(demo.AMENITIES)

        units = (
            await session.execute(
                select(Unit.unit_type_id, func.count()).group_by(Unit.unit_type_id)
            )
        ).all()
        assert dict(units) == {x.id: 1 for x in listings}  # exactly one unit each
        rates = {r.unit_type_id: r for r in (await session.scalars(select(Rate))).all()}
        for listing in listings:
            prop = props[listing.property_id]
            rate = rates[listing.id]
            assert rate.is_default and rate.slot == 1 and rate.base_price == listing.price_per_night
            assert listing.currency == prop.currency
            assert prop.time_zone in zoneinfo.available_timezones()
            centre = centres[prop.city or ""]
            assert abs(prop.latitude - centre.lat) < 0.1 and abs(prop.longitude - centre.lng) < 0.2
            assert listing.photos and listing.main_photo == listing.photos[0]
            assert all(p.startswith("https://") for p in listing.photos)
            assert listing.amenity_ids and set(listing.amenity_ids) <= amenity_ids
            assert listing.cancellation_policy and listing.cancellation_policy["tiers"]
            for amount in (listing.price_per_night, listing.cleaning_fee, rate.base_price):
                assert amount > 0 and money.fits(amount, listing.currency), (listing.title, amount)
            for rule in (listing.seasonal_pricing or {}).get("rules", []):
                if rule.get("pricePerNight") is not None:
                    assert money.fits(Decimal(str(rule["pricePerNight"])), listing.currency)
        seasonal = [x for x in published if x.seasonal_pricing and x.seasonal_pricing["rules"]]
        assert len(seasonal) > 100
        assert any(x.currency == "JPY" for x in listings)

        rate_currency = {rates[x.id].id: x.currency for x in listings}
        rate_days = (await session.scalars(select(RateDay))).all()
        assert len(rate_days) > 200 * 10
        for rd in rate_days:
            assert rd.date >= TODAY
            if rd.price is not None:
                assert money.fits(rd.price, rate_currency[rd.rate_id])
        assert any(rd.min_stay for rd in rate_days)
        assert any(rd.closed_to_arrival for rd in rate_days)
        # Every stored rate day is also a calendar entry of its listing.
        inventory = (await session.scalars(select(InventoryDay))).all()
        entries = {(i.unit_type_id, i.date) for i in inventory}
        rate_listing = {rates[x.id].id: x.id for x in listings}
        assert {(rate_listing[rd.rate_id], rd.date) for rd in rate_days} <= entries
        assert 0 < sum(i.stop_sell for i in inventory) < len(inventory)

        blocks = (await session.scalars(select(AvailabilityBlock))).all()
        assert len(blocks) >= 20
        occupied = {
            o.ref
            for o in (await session.scalars(select(Occupancy).where(Occupancy.active))).all()
            if o.kind == "block"
        }
        assert occupied == {b.id for b in blocks}

        # The demo guests' bookings went through the booking engine.
        reservations = (await session.scalars(select(Reservation))).all()
        assert len(reservations) >= 20
        assert {r.status for r in reservations} >= {"confirmed", "request", "cancelled"}
        guests = {
            u.id
            for u in (await session.scalars(select(User).where(User.email.in_(demo.GUESTS)))).all()
        }
        assert {r.guest_id for r in reservations} <= guests
        holding = {r.id for r in reservations if r.status in ("confirmed", "request")}
        assignments = (
            await session.scalars(select(UnitAssignment).where(UnitAssignment.is_active))
        ).all()
        reserved = {
            o.ref
            for o in (await session.scalars(select(Occupancy).where(Occupancy.active))).all()
            if o.kind == "reservation"
        }
        assert reserved == {a.id for a in assignments if a.reservation_id in holding}

        # Some stays were paid through the platform with test money: the ledger, the
        # payment records and the hosts' balances show them, and one was refunded.
        paid = [r for r in reservations if r.platform_payment]
        assert len(paid) >= 3
        assert sum(r.payment_confirmation == "paid" for r in paid) == len(paid)
        assert {r.status for r in paid} >= {"confirmed", "cancelled"}
        payments = (
            await session.scalars(select(LedgerEntry).where(LedgerEntry.kind == "guest_payment"))
        ).all()
        assert {p.reservation_id for p in payments} == {r.id for r in paid}
        assert {p.provider for p in payments} == {"offline"}
        refunds = (
            await session.scalars(select(LedgerEntry).where(LedgerEntry.kind == "refund"))
        ).all()
        assert len(refunds) == 1 and refunds[0].amount > 0
        for r in paid:
            assert check_balanced(await reservation_balance(session, r.id)) == []
        records = (await session.scalars(select(PaymentRecordView))).all()
        assert len(records) == len(payments) + len(refunds)

    async with committed_factory() as session:
        again = await demo.load_access(session, settings, today=TODAY)
        assert again.users == [] and again.client is None
        assert await demo.load_partner_client(session) is None  # one demo client only
        assert len(await clients.list_clients(session)) == 1
        assert await demo.load_catalog(session, today=TODAY) is None
        await session.commit()
    async with committed_factory() as session:
        assert await counts(session) == before


def test_the_listing_the_docs_use_is_planned_as_they_describe_it() -> None:
    """docs/*.md find "Sunny flat by the river" by its title and book it in 2029: the
    first host's, instant, 100 EUR a night, 4 guests, nothing that refuses a stay."""
    ids = [f"00000000-0000-0000-0000-{n:012d}" for n in range(len(demo.AMENITIES))]
    plans = demo.plan_catalog(TODAY, ids)
    docs = [p for p in plans if p.body["title"] == demo.DOCS_LISTING["title"]]
    assert len(docs) == 1
    plan = docs[0]
    assert demo.HOSTS[plan.host] == "host@staykit.local"
    assert plan.body.items() >= demo.DOCS_LISTING.items()
    assert "seasonalPricing" not in plan.body
    assert not plan.rate_days and not plan.stop_sells and not plan.blocks
    CreateListing.model_validate(plan.body)
