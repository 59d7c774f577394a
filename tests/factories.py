"""Factories for test data: plain async functions over a session or the public API."""

from __future__ import annotations

import itertools
import uuid
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime, timedelta

import httpx
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from staykit.api.marketplace.catalog_schemas import CreateListing
from staykit.core.clock import FrozenClock, set_clock, utcnow
from staykit.core.ids import uuid7
from staykit.domain.access.principal import Credential, Principal
from staykit.domain.access.scopes import expand
from staykit.domain.auth.models import User
from staykit.domain.auth.passwords import hash_password
from staykit.domain.catalog.listings import create_listing
from staykit.domain.catalog.models import InventoryDay, Unit, UnitType
from staykit.domain.partners import grants
from staykit.domain.partners.models import Grant, Secret
from staykit.domain.partners.secrets import Kind
from staykit.domain.tenancy.models import BusinessMember
from staykit.domain.tenancy.service import ensure_business

_seq = itertools.count(1)
PASSWORD = "correct-horse-battery"


@dataclass
class Person:
    user: User
    password: str
    token: str | None = None

    @property
    def id(self) -> str:
        return str(self.user.id)

    @property
    def email(self) -> str:
        return self.user.email

    @property
    def headers(self) -> dict[str, str]:
        assert self.token, "log in first"
        return {"Authorization": f"Bearer {self.token}"}


async def make_user(
    db: AsyncSession,
    *,
    role: str = "user",
    email: str | None = None,
    fullname: str | None = None,
    password: str = PASSWORD,
    email_verified: bool = True,
    mobile: str | None = None,
    mobile_verified: bool = False,
) -> Person:
    n = next(_seq)
    user = User(
        email=email or f"person{n}@example.test",
        password_hash=await hash_password(password),
        fullname=fullname or f"Person {n}",
        role_id=role,
        email_verified=email_verified,
        mobile=mobile,
        mobile_verified=mobile_verified,
    )
    user.id = uuid7()
    user.owner_id = user.id
    db.add(user)
    await db.commit()
    return Person(user, password)


async def login(client: httpx.AsyncClient, person: Person) -> Person:
    r = await client.post(
        "/auth-api/login", json={"username": person.email, "password": person.password}
    )
    assert r.status_code == 200, r.text
    person.token = r.json()["accessToken"]
    # Login also sets a cookie; drop it so each request authenticates only as the test says.
    client.cookies.clear()
    return person


async def make_logged_in(client: httpx.AsyncClient, db: AsyncSession, **kwargs: object) -> Person:
    return await login(client, await make_user(db, **kwargs))  # type: ignore[arg-type]


def assert_error(
    r: httpx.Response, status: int, *, field: str | None = None, message: str | None = None
) -> dict[str, object]:
    """The marketplace error body (spec §1.7) with this status, and where the problem is."""
    assert r.status_code == status, r.text
    body = r.json()
    assert body["result"] == "ERR"
    assert body["status"] == status
    assert body["errCode"] == status
    if field is not None:
        assert body.get("field") == field, body
    if message is not None:
        assert body["message"] == message, body
    return dict(body)


def actor_of(person: Person) -> Principal:
    return Principal(
        user_id=person.user.id,
        role_id=person.user.role_id,
        email=person.email,
        fullname=person.user.fullname,
    )


# A createListing body: published, instant, 100 EUR a night, 4 guests, in Lisbon.
LISTING_BODY: dict[str, object] = {
    "title": "Sunny flat by the river",
    "address": "Rua das Flores 12, Lisboa",
    "pricePerNight": "100.00",
    "description": "Two rooms, balcony, fast wifi.",
    "propertyType": "apartment",
    "location": {"lat": 38.7223, "lng": -9.1393, "city": "Lisbon", "country": "PT"},
    "currency": "EUR",
    "approvalType": "instant",
    "isPublished": True,
    "timeZone": "Europe/Lisbon",
    "maxGuests": 4,
    "baseOccupancy": 2,
}


async def make_listing(db: AsyncSession, host: Person, **fields: object) -> UnitType:
    """A listing (with its property, one unit and the default rate) made by the domain
    service, as POST /propertycatalog-api/v1/listings would. Fields override the defaults."""
    body: dict[str, object] = {**LISTING_BODY, **fields}
    listing = await create_listing(
        db, actor_of(host), CreateListing.model_validate(body).to_command()
    )
    await db.commit()
    return listing


# --- dates and time -------------------------------------------------------------------------


def days_from(start: date | None = None) -> Callable[[int], date]:
    """`day(n)`: the date `n` days after `start`; without one, after today by the staykit
    clock (UTC), read at each call so a frozen clock moves it."""

    def day(n: int) -> date:
        return (start if start is not None else utcnow().date()) + timedelta(days=n)

    return day


def iso_days_from(start: date | None = None) -> Callable[[int], str]:
    """`day(n)` as an ISO string, for request bodies and query strings."""
    as_date = days_from(start)

    def day(n: int) -> str:
        return as_date(n).isoformat()

    return day


@contextmanager
def frozen_clock(at: datetime) -> Iterator[FrozenClock]:
    """Stop the staykit clock at `at` (move it with `.at` or `.advance`); restored after."""
    clock = FrozenClock(at)
    previous = set_clock(clock)
    try:
        yield clock
    finally:
        set_clock(previous)


# --- catalog --------------------------------------------------------------------------------


async def units_of(db: AsyncSession, listing: UnitType) -> list[Unit]:
    """The listing's units, oldest first."""
    stmt = select(Unit).where(Unit.unit_type_id == listing.id).order_by(Unit.created_at, Unit.id)
    return list((await db.scalars(stmt)).all())


async def add_units(
    db: AsyncSession,
    listing: UnitType,
    count: int,
    *,
    names: Iterable[str] | None = None,
    commit: bool = False,
) -> list[Unit]:
    """Give the listing `count` more units (it has one from `make_listing`): "Room 2",
    "Room 3", ... unless named; flushed, or committed when the test needs it."""
    chosen = list(names) if names is not None else [f"Room {k + 2}" for k in range(count)]
    assert len(chosen) == count
    units = [
        Unit(
            business_id=listing.business_id,
            property_id=listing.property_id,
            unit_type_id=listing.id,
            name=name,
        )
        for name in chosen
    ]
    db.add_all(units)
    await (db.commit() if commit else db.flush())
    return units


async def add_unit(
    db: AsyncSession, listing: UnitType, name: str = "another", *, commit: bool = False
) -> Unit:
    [unit] = await add_units(db, listing, 1, names=[name], commit=commit)
    return unit


async def inventory_day(db: AsyncSession, listing: UnitType, on: date, **values: object) -> None:
    """The listing's inventory row for one night (stop_sell, availability_cap, ...)."""
    db.add(
        InventoryDay(business_id=listing.business_id, unit_type_id=listing.id, date=on, **values)
    )
    await db.flush()


async def unit_ids(db: AsyncSession, listing: UnitType) -> list[uuid.UUID]:
    """The ids of the listing's units, sorted."""
    return sorted(await db.scalars(select(Unit.id).where(Unit.unit_type_id == listing.id)))


# --- tenancy and principals -----------------------------------------------------------------


async def add_member(
    db: AsyncSession, business_id: uuid.UUID, person: Person, role: str, *, commit: bool = True
) -> BusinessMember:
    """Make `person` an active member (owner, manager or staff) of the business."""
    member = BusinessMember(business_id=business_id, user_id=person.user.id, role=role)
    db.add(member)
    await (db.commit() if commit else db.flush())
    return member


def partner_principal(
    person: Person,
    *,
    scopes: Iterable[str] = ("all:bookings",),
    businesses: Iterable[uuid.UUID] | None = None,
    credential: Credential = Credential.TENANT_TOKEN,
    client_id: str = "test-partner",
) -> Principal:
    """The principal a partner credential granted by `person` acts as: scope names are
    expanded as a token's would be; `businesses` down-scopes it (None: not down-scoped)."""
    return Principal(
        user_id=person.user.id,
        role_id=person.user.role_id,
        credential=credential,
        email=person.email,
        fullname=person.user.fullname,
        scopes=expand(scopes),
        businesses=frozenset(businesses) if businesses is not None else None,
        client_id=client_id,
        token_id=uuid7(),
    )


# --- partner credentials --------------------------------------------------------------------

VALUE_KINDS = {
    "oauth": Kind.OAUTH_ACCESS,
    "tenant": Kind.TENANT_TOKEN,
    "channel": Kind.CHANNEL_TOKEN,
    "longlife": Kind.LONG_LIFE,
    "api_key": Kind.API_KEY,
}


@dataclass
class PartnerToken:
    person: Person
    business_id: uuid.UUID | None  # the first business it covers
    grant: Grant
    secret: Secret
    value: str


async def partner_token(
    db: AsyncSession,
    person: Person | None = None,
    businesses: Iterable[uuid.UUID] | None = None,
    *,
    kind: str = "tenant",
    scopes: Iterable[str] = ("read:bookings",),
    ttl: timedelta | None = None,
    idle: timedelta | None = None,
    ip_whitelist: Iterable[str] = (),
) -> PartnerToken:
    """A partner access token of `kind`, committed: granted by `person` (a new user with a
    business of their own when None) for `businesses` (default: that person's business)."""
    person = person or await make_user(db)
    if businesses is None:
        businesses = [(await ensure_business(db, actor_of(person))).id]
    grant = await grants.create_grant(
        db,
        kind=kind,
        user_id=person.user.id,
        business_ids=list(businesses),
        scopes=list(scopes),
        ip_whitelist=list(ip_whitelist),
    )
    secret, value = await grants.issue(db, grant, "access", VALUE_KINDS[kind], ttl=ttl, idle=idle)
    await db.commit()
    first = grant.business_ids[0] if grant.business_ids else None
    return PartnerToken(person, first, grant, secret, value)
