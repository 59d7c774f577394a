"""Demo data for `make run`: an admin team, a few guests and hosts, and a catalog of about
200 published listings in eight cities, loaded once into an empty database.

The catalog is planned by a pure function from a fixed seed and the start date, then
written through the domain services (listings and blocks, so the demo obeys every rule a
real host would meet) plus set-based inserts for the per-date calendar values.
"""

from __future__ import annotations

import asyncio
import math
import random
import secrets
import time
from dataclasses import asdict, dataclass, field
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

import structlog
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from staykit.api.marketplace.catalog_schemas import CreateListing
from staykit.core import money
from staykit.core.clock import utcnow
from staykit.core.config import Settings
from staykit.core.db import raw_connection
from staykit.core.errors import Conflict, InvalidInput
from staykit.core.ids import uuid7
from staykit.demo_payments import load_paid_stays
from staykit.domain.access.principal import Principal
from staykit.domain.access.scopes import BUNDLES
from staykit.domain.auth.models import User
from staykit.domain.auth.passwords import hash_password
from staykit.domain.auth.sessions import clear_failures
from staykit.domain.auth.users import default_avatar, revoke_sessions
from staykit.domain.booking.commands import NewReservation
from staykit.domain.booking.create import create_reservation
from staykit.domain.booking.lifecycle import cancel
from staykit.domain.catalog.blocks import create_block
from staykit.domain.catalog.commands import NewListing
from staykit.domain.catalog.listings import create_listing
from staykit.domain.catalog.models import Amenity, InventoryDay, Rate, RateDay, Unit, UnitType
from staykit.domain.partners import clients
from staykit.domain.partners.grants import ALL_CATEGORY_SCOPES
from staykit.domain.tenancy import service as tenancy
from staykit.jobs import app as jobs_app  # noqa: F401 - binds the task blueprints: bookings defer jobs

log = structlog.get_logger(__name__)

PEOPLE = (
    ("superadmin@staykit.local", "Sam Super", "superAdmin"),
    ("admin@staykit.local", "Ada Admin", "admin"),
    ("host@staykit.local", "Hana Host", "user"),
    ("guest@staykit.local", "Gus Guest", "user"),
    ("guest2@staykit.local", "Greta Guest", "user"),
    ("host2@staykit.local", "Hugo Harbour", "user"),
    ("host3@staykit.local", "Helena Hill", "user"),
    ("host4@staykit.local", "Hiro Hayashi", "user"),
)
# The first host is the one `make run` users log in as: they get the largest share.
HOSTS = ("host@staykit.local", "host2@staykit.local", "host3@staykit.local", "host4@staykit.local")
HOST_WEIGHTS = (4, 2, 2, 2)
GUESTS = ("guest@staykit.local", "guest2@staykit.local")

# The listing docs/*.md use against `make run` (found by its title): the first Lisbon
# listing of the first host, with plain numbers the examples can state and no season,
# calendar value or block that could refuse their stays.
DOCS_LISTING: dict[str, Any] = {
    "title": "Sunny flat by the river",
    "propertyType": "apartment",
    "currency": "EUR",
    "pricePerNight": "100",
    "maxGuests": 4,
    "baseOccupancy": 2,
    "minStay": 1,
    "maxStay": None,
    "approvalType": "instant",
    "isPublished": True,
}

# The registered OAuth client a developer tries the partner APIs with (docs/oauth.md): its
# redirect URIs are a local callback, and it may ask for every scope there is.
DEMO_CLIENT_NAME = "staykit demo partner"
DEMO_CLIENT_REDIRECT_URIS = ("http://127.0.0.1:8765/callback", "http://localhost:8765/callback")
DEMO_CLIENT_SCOPES = (
    *sorted(BUNDLES),
    "offline_access",
    "openid",
    "profile",
    "email",
    *ALL_CATEGORY_SCOPES,
)
# The demo hosts' businesses may call the Channel API as much as a demo needs.
DEMO_CREDIT_LIMIT = 1_000_000

SEED = 20_261_122
LISTINGS_PER_CITY = 25
DRAFTS = 2  # unpublished listings of the first host, to show what only a host sees
CALENDAR_DAYS = 180


@dataclass
class Credential:
    email: str
    password: str
    role: str


@dataclass
class DemoClient:
    client_id: str
    secret: str
    name: str
    redirect_uris: list[str]


@dataclass
class DemoAccess:
    """What a first load prints once: the users' passwords and the demo client's secret."""

    users: list[Credential]
    client: DemoClient | None = None


@dataclass(frozen=True)
class City:
    name: str
    country: str
    lat: float
    lng: float
    time_zone: str
    currency: str
    low: int  # nightly price range in whole currency units
    high: int
    step: int  # prices are multiples of this, in whole units
    language: str
    city_tax_percent: str
    southern: bool
    neighbourhoods: tuple[str, ...]
    streets: tuple[str, ...]


# name, country, centre lat/lng, IANA zone, currency, nightly price range and step (whole
# units), local language, city tax %, southern hemisphere, neighbourhoods, streets.
# fmt: off
CITIES = tuple(City(*row) for row in (
    ("Lisbon", "PT", 38.7223, -9.1393, "Europe/Lisbon", "EUR", 55, 240, 5, "pt", "4.00", False,
     ("Alfama", "Baixa", "Chiado", "Bairro Alto", "Príncipe Real", "Belém"),
     ("Rua das Flores", "Rua Augusta", "Rua do Alecrim", "Calçada do Combro")),
    ("Barcelona", "ES", 41.3874, 2.1686, "Europe/Madrid", "EUR", 65, 280, 5, "es", "5.00", False,
     ("Gràcia", "El Born", "Eixample", "Barceloneta", "Poble-sec", "Sant Antoni"),
     ("Carrer de Verdi", "Passeig de Gràcia", "Carrer del Rec", "Carrer de Blai")),
    ("London", "GB", 51.5072, -0.1276, "Europe/London", "GBP", 75, 380, 5, "en", "0.00", False,
     ("Shoreditch", "Notting Hill", "Camden", "Southwark", "Islington", "Brixton"),
     ("Portobello Road", "Brick Lane", "Upper Street", "Borough High Street")),
    ("New York", "US", 40.7128, -74.0060, "America/New_York", "USD", 110, 480, 5, "en", "14.75",
     False, ("SoHo", "Williamsburg", "Harlem", "East Village", "Upper West Side", "Chelsea"),
     ("Spring Street", "Bedford Avenue", "Lenox Avenue", "West 23rd Street")),
    ("Tokyo", "JP", 35.6762, 139.6503, "Asia/Tokyo", "JPY", 7_000, 42_000, 500, "ja", "2.00",
     False, ("Shibuya", "Shinjuku", "Asakusa", "Nakameguro", "Ginza", "Shimokitazawa"),
     ("Meiji-dori", "Omotesando", "Kappabashi-dori", "Yamate-dori")),
    ("Mexico City", "MX", 19.4326, -99.1332, "America/Mexico_City", "MXN", 850, 4_800, 50, "es",
     "3.50", False, ("Roma Norte", "Condesa", "Coyoacán", "Polanco", "Juárez", "Centro"),
     ("Calle Colima", "Avenida Amsterdam", "Calle Francisco Sosa", "Calle Havre")),
    ("Cape Town", "ZA", -33.9249, 18.4241, "Africa/Johannesburg", "ZAR", 750, 4_200, 50, "af",
     "1.00", True, ("Bo-Kaap", "Gardens", "Sea Point", "Camps Bay", "Green Point", "Woodstock"),
     ("Long Street", "Kloof Street", "Bree Street", "Victoria Road")),
    ("Sydney", "AU", -33.8688, 151.2093, "Australia/Sydney", "AUD", 120, 520, 5, "en", "0.00",
     True, ("Surry Hills", "Bondi", "Newtown", "The Rocks", "Manly", "Paddington"),
     ("Crown Street", "Campbell Parade", "King Street", "Oxford Street")),
))
# fmt: on

AMENITIES = (
    "Wifi", "Kitchen", "Pool", "Free parking", "Air conditioning", "Washer", "Dryer",
    "Heating", "TV", "Dedicated workspace", "Hot tub", "Gym", "Elevator", "Balcony",
    "Sea view", "Pets allowed", "Breakfast", "Crib", "EV charger", "Fireplace",
)  # fmt: skip

CANCELLATION_POLICIES: tuple[dict[str, Any], ...] = (
    {
        "name": "flexible",
        "tiers": [
            {"daysBeforeArrival": 1, "refundPercent": 100},
            {"daysBeforeArrival": 0, "refundPercent": 0},
        ],
    },
    {
        "name": "moderate",
        "tiers": [
            {"daysBeforeArrival": 5, "refundPercent": 100},
            {"daysBeforeArrival": 1, "refundPercent": 50},
            {"daysBeforeArrival": 0, "refundPercent": 0},
        ],
    },
    {
        "name": "strict",
        "tiers": [
            {"daysBeforeArrival": 14, "refundPercent": 100},
            {"daysBeforeArrival": 7, "refundPercent": 50},
            {"daysBeforeArrival": 0, "refundPercent": 0},
        ],
    },
)

PROPERTY_TYPES = (
    ("apartment", 10), ("studio", 4), ("loft", 3), ("house", 4), ("condo", 3),
    ("room", 3), ("villa", 1),
)  # fmt: skip
ADJECTIVES = (
    "Sunny", "Quiet", "Bright", "Cosy", "Stylish", "Spacious", "Charming", "Modern",
    "Airy", "Elegant", "Colourful", "Peaceful",
)  # fmt: skip
FEATURES = (
    "a balcony over the street",
    "a fully equipped kitchen",
    "fast fibre wifi and a desk",
    "a rooftop terrace",
    "original wooden floors",
    "a small garden",
    "big windows and morning light",
    "a rain shower",
)
HOUSE_RULES = (
    "No smoking indoors. Quiet hours from 22:00 to 08:00.",
    "No parties or events. Please sort the recycling.",
    "Pets welcome on request. Please remove shoes inside.",
    "Self check-in with a lockbox. No smoking anywhere on the property.",
)
CHECK_TIMES = (("15:00", "11:00"), ("14:00", "10:00"), ("16:00", "11:00"), ("15:00", "12:00"))
BLOCK_KINDS = ("owner_stay", "maintenance", "imported")
# Calendar rows written set-based; in rate_days NULL means "use the rate's default".
RATE_DAY_COLUMNS = ("rate_id", "date", "price", "min_stay", "closed_to_arrival", "updated_at")
INVENTORY_DAY_COLUMNS = ("id", "business_id", "unit_type_id", "date", "stop_sell", "owner_id")


@dataclass
class ListingPlan:
    """One demo listing as the marketplace would receive it, plus its calendar."""

    host: int  # index into HOSTS
    body: dict[str, Any]
    # date -> {price?, min_stay?, closed_to_arrival?}: values of the default rate
    rate_days: dict[date, dict[str, Any]] = field(default_factory=dict)
    stop_sells: list[date] = field(default_factory=list)
    blocks: list[tuple[date, date, str, str]] = field(default_factory=list)


@dataclass
class Loaded:
    """What a catalog load wrote, for the command's output and the tests."""

    listings: int = 0
    amenities: int = 0
    rate_days: int = 0
    inventory_days: int = 0
    blocks: int = 0
    reservations: int = 0
    seconds: float = 0.0


async def load(
    session: AsyncSession, settings: Settings, *, today: date | None = None
) -> list[Credential]:
    """Create the demo users and catalog when the database has no users yet; returns the
    users' passwords (empty when nothing was loaded)."""
    if await session.scalar(select(func.count()).select_from(User)):
        return []
    passwords = [secrets.token_urlsafe(9) for _ in PEOPLE]
    # Hashing is the slow part of creating users; the hasher runs off the event loop.
    hashes = await asyncio.gather(*(hash_password(p) for p in passwords))
    out: list[Credential] = []
    users: list[User] = []
    for (email, name, role), password, password_hash in zip(PEOPLE, passwords, hashes, strict=True):
        user = User(
            email=email,
            password_hash=password_hash,
            fullname=name,
            role_id=role,
            email_verified=True,
            avatar=default_avatar(email, settings.public_base_url),
        )
        user.id = uuid7()
        user.owner_id = user.id
        session.add(user)
        users.append(user)
        out.append(Credential(email, password, role))
    await session.flush()
    loaded = await load_catalog(session, today=today)
    if loaded is not None:
        log.info("demo catalog loaded", **asdict(loaded))
        start = today or utcnow().date()
        paid = await load_paid_stays(
            session, settings, GUESTS, start, skip_titles=(DOCS_LISTING["title"],)
        )
        log.info("demo paid stays loaded", **asdict(paid))
    for host in HOSTS:
        user = next(u for u in users if u.email == host)
        await tenancy.set_credit_limit(session, user.id, DEMO_CREDIT_LIMIT)
    return out


async def load_access(
    session: AsyncSession, settings: Settings, *, today: date | None = None
) -> DemoAccess:
    """`load`, plus the demo OAuth client, made with the users (and so once)."""
    users = await load(session, settings, today=today)
    client = await load_partner_client(session) if users else None
    return DemoAccess(users, client)


async def load_partner_client(session: AsyncSession) -> DemoClient | None:
    """Register the demo OAuth client unless one by its name exists; its secret is
    returned once (None when nothing was made)."""
    if any(c.name == DEMO_CLIENT_NAME for c in await clients.list_clients(session)):
        return None
    client, secret = await clients.create_client(
        session,
        name=DEMO_CLIENT_NAME,
        redirect_uris=DEMO_CLIENT_REDIRECT_URIS,
        scopes=DEMO_CLIENT_SCOPES,
    )
    return DemoClient(client.client_id, secret, client.name, list(client.redirect_uris))


async def reset_passwords(session: AsyncSession) -> list[Credential]:
    """Give every demo user still in the database a new password (for when the table
    `make run` printed once is lost); their sessions end and failed logins are forgotten,
    as after a password reset. Returns the new passwords, in the order `load` printed them."""
    found = {
        u.email.lower(): u
        for u in await session.scalars(
            select(User).where(func.lower(User.email).in_([email for email, _, _ in PEOPLE]))
        )
    }
    people = [(email, found[email]) for email, _, _ in PEOPLE if email in found]
    passwords = [secrets.token_urlsafe(9) for _ in people]
    hashes = await asyncio.gather(*(hash_password(p) for p in passwords))
    out = []
    now = utcnow()
    for (email, user), password, password_hash in zip(people, passwords, hashes, strict=True):
        user.password_hash = password_hash
        user.updated_at = now
        await session.flush()
        await revoke_sessions(session, user.id)
        await clear_failures(session, email)
        out.append(Credential(user.email, password, user.role_id))
    return out


async def load_catalog(session: AsyncSession, *, today: date | None = None) -> Loaded | None:
    """Write the demo catalog for the demo hosts; None (nothing written) when the hosts
    are missing or the first one already has listings."""
    started = time.perf_counter()
    users = {u.email: u for u in (await session.scalars(select(User).where(User.email.in_(HOSTS))))}
    if HOSTS[0] not in users:
        return None
    first = users[HOSTS[0]]
    if await session.scalar(
        select(func.count()).select_from(UnitType).where(UnitType.host_id == first.id)
    ):
        return None
    hosts = [users.get(email) or first for email in HOSTS]
    actors = [
        Principal(user_id=u.id, role_id=u.role_id, email=u.email, fullname=u.fullname or "")
        for u in hosts
    ]
    loaded = Loaded()
    amenity_ids, loaded.amenities = await _amenities(session)
    start = today or utcnow().date()
    created: list[tuple[ListingPlan, Principal, UnitType]] = []
    for plan in plan_catalog(start, [str(i) for i in amenity_ids]):
        actor = actors[plan.host]
        listing = await create_listing(session, actor, _listing_input(plan.body))
        created.append((plan, actor, listing))
    loaded.listings = len(created)
    ids = [listing.id for _, _, listing in created]
    rates = dict(
        (
            await session.execute(
                select(Rate.unit_type_id, Rate.id).where(
                    Rate.unit_type_id.in_(ids), Rate.is_default, Rate.is_active
                )
            )
        ).all()
    )
    units = dict(
        (
            await session.execute(
                select(Unit.unit_type_id, Unit.id).where(Unit.unit_type_id.in_(ids), Unit.is_active)
            )
        ).all()
    )
    now = utcnow()
    rate_rows: list[tuple[Any, ...]] = []
    inventory_rows: list[tuple[Any, ...]] = []
    for plan, actor, listing in created:
        for day, values in plan.rate_days.items():
            rate_rows.append(
                (
                    rates[listing.id],
                    day,
                    values.get("price"),
                    values.get("min_stay"),
                    values.get("closed_to_arrival"),
                    now,
                )
            )
        # Every date with a value of its own is also a ListingCalendar entry.
        stop = set(plan.stop_sells)
        for day in sorted(stop | plan.rate_days.keys()):
            inventory_rows.append(
                (uuid7(), listing.business_id, listing.id, day, day in stop, actor.user_id)
            )
    await _copy_rows(session, RateDay, RATE_DAY_COLUMNS, rate_rows)
    await _copy_rows(session, InventoryDay, INVENTORY_DAY_COLUMNS, inventory_rows)
    loaded.rate_days, loaded.inventory_days = len(rate_rows), len(inventory_rows)
    for plan, actor, listing in created:
        for arrival, departure, kind, note in plan.blocks:
            await create_block(session, actor, units[listing.id], arrival, departure, kind, note)
            loaded.blocks += 1
    loaded.reservations = await _reservations(
        session, [listing for _, _, listing in created], start
    )
    await session.flush()
    loaded.seconds = time.perf_counter() - started
    return loaded


async def _reservations(session: AsyncSession, listings: list[UnitType], start: date) -> int:
    """The demo guests book about 40 stays in the coming months through the booking engine
    (priced and allocated like any booking): confirmed stays, requests waiting for the
    host on manual listings, and a cancelled one. Stays that the calendar refuses (a block,
    a minimum stay, a closed arrival) are simply skipped."""
    guests = list(await session.scalars(select(User).where(User.email.in_(GUESTS))))
    if not guests:
        return 0
    actors = [
        Principal(user_id=g.id, role_id=g.role_id, email=g.email, fullname=g.fullname or "")
        for g in sorted(guests, key=lambda g: g.email)
    ]
    rng = random.Random(SEED + 7)
    made = []
    for listing in rng.sample(listings, min(len(listings), 60)):
        if not listing.is_published:
            continue
        guest = rng.choice(actors)
        arrival = start + timedelta(days=rng.randint(3, 120))
        nights = max(listing.min_stay, rng.randint(2, 6))
        stay = NewReservation(
            listing.id, arrival, arrival + timedelta(days=nights), min(2, listing.max_guests)
        )
        try:
            async with session.begin_nested():
                made.append((guest, (await create_reservation(session, guest, stay)).reservation))
        except (InvalidInput, Conflict):
            continue
    confirmed = [(g, r) for g, r in made if r.status == "confirmed"]
    if confirmed:
        guest, cancelled = confirmed[-1]
        await cancel(session, guest, cancelled.id)
    return len(made)


async def _copy_rows(
    session: AsyncSession, model: type[Any], columns: tuple[str, ...], rows: list[tuple[Any, ...]]
) -> None:
    """Thousands of calendar rows through COPY on the session's own connection (so in its
    transaction): an executemany sends a statement per row and a multi-row INSERT spends
    seconds compiling bind parameters. Columns left out take their server defaults."""
    await session.flush()
    conn = await raw_connection(session)
    names = ", ".join(columns)
    async with conn.cursor() as cur:
        async with cur.copy(f"COPY {model.__tablename__} ({names}) FROM STDIN") as copy:
            for row in rows:
                await copy.write_row(row)


def _listing_input(body: dict[str, Any]) -> NewListing:
    """The body validated exactly as the API would, as the domain's command."""
    return CreateListing.model_validate(body).to_command()


async def _amenities(session: AsyncSession) -> tuple[list[Any], int]:
    """The amenity dictionary: reuse the names an admin already created, add the rest."""
    existing = {
        name.lower(): amenity_id
        for amenity_id, name in (
            await session.execute(select(Amenity.id, Amenity.name).where(Amenity.is_active))
        ).all()
    }
    ids, added = [], 0
    for name in AMENITIES:
        if name.lower() in existing:
            ids.append(existing[name.lower()])
            continue
        amenity = Amenity(id=uuid7(), name=name)
        session.add(amenity)
        ids.append(amenity.id)
        added += 1
    await session.flush()
    return ids, added


def plan_catalog(start: date, amenity_ids: list[str]) -> list[ListingPlan]:
    """Every demo listing, its calendar and its blocks: the same for the same inputs."""
    rng = random.Random(SEED)
    plans = []
    for city in CITIES:
        for n in range(LISTINGS_PER_CITY):
            plans.append(_plan_listing(rng, city, n, start, amenity_ids))
    _make_docs_listing(plans[0])
    for n in range(DRAFTS):
        draft = _plan_listing(rng, CITIES[0], LISTINGS_PER_CITY + n, start, amenity_ids)
        draft.host = 0
        draft.body["isPublished"] = False
        draft.body["title"] = "Draft: " + draft.body["title"]
        draft.blocks.clear()
        plans.append(draft)
    return plans


def _make_docs_listing(plan: ListingPlan) -> None:
    """Turn a planned Lisbon listing into the one the documentation's examples use."""
    plan.host = 0
    plan.body.update(DOCS_LISTING)
    plan.body["description"] = "Two rooms, a balcony over the river and fast wifi, in Lisbon."
    plan.body.pop("seasonalPricing", None)
    plan.rate_days.clear()
    plan.stop_sells.clear()
    plan.blocks.clear()


def _price(rng: random.Random, city: City, low: float, high: float) -> Decimal:
    units = int(rng.uniform(low, high) / city.step) * city.step
    amount = Decimal(max(units, city.step))
    if money.exponent(city.currency) and rng.random() < 0.3:
        amount -= Decimal("0.01")  # a few x.99 prices show the currency's decimals
    return money.quantize(amount, city.currency)


def _plan_listing(
    rng: random.Random, city: City, n: int, start: date, amenity_ids: list[str]
) -> ListingPlan:
    host = rng.choices(range(len(HOSTS)), weights=HOST_WEIGHTS)[0]
    kind = rng.choices([k for k, _ in PROPERTY_TYPES], weights=[w for _, w in PROPERTY_TYPES])[0]
    hood = rng.choice(city.neighbourhoods)
    price = _price(rng, city, city.low, city.high)
    max_guests = {"room": 2, "studio": 2, "villa": 10, "house": 8}.get(kind, 6)
    max_guests = rng.randint(1 if kind == "room" else 2, max_guests)
    min_stay = rng.choice((1, 1, 1, 2, 2, 3))
    # Stay within about 6 km of the centre: latitude and longitude degrees differ in length.
    distance, bearing = abs(rng.gauss(0, 0.025)), rng.uniform(0, 2 * math.pi)
    lat = city.lat + min(distance, 0.055) * math.sin(bearing)
    lng = city.lng + min(distance, 0.055) * math.cos(bearing) / math.cos(math.radians(city.lat))
    n_photos = rng.randint(3, 6)
    photos = [
        f"https://picsum.photos/seed/staykit-{city.country.lower()}-{n}-{k}/1200/800"
        for k in range(n_photos)
    ]
    amenities = rng.sample(amenity_ids, rng.randint(4, 10))
    if amenity_ids[0] not in amenities and rng.random() < 0.9:
        amenities.insert(0, amenity_ids[0])  # nearly everyone has wifi
    check_in, check_out = rng.choice(CHECK_TIMES)
    features = rng.sample(FEATURES, 2)
    body: dict[str, Any] = {
        "title": f"{rng.choice(ADJECTIVES)} {kind} in {hood}",
        "description": (
            f"A {kind} for up to {max_guests} in {hood}, {city.name}, with {features[0]} "
            f"and {features[1]}. Shops, cafés and public transport are a short walk away."
        ),
        "propertyType": kind,
        "address": f"{rng.choice(city.streets)} {rng.randint(1, 240)}, {hood}, {city.name}",
        "location": {
            "lat": round(lat, 6),
            "lng": round(lng, 6),
            "city": city.name,
            "country": city.country,
        },
        "timeZone": city.time_zone,
        "currency": city.currency,
        "pricePerNight": str(price),
        "cleaningFee": str(_price(rng, city, city.low * 0.2, city.low * 0.6)),
        "maxGuests": max_guests,
        "baseOccupancy": min(2, max_guests),
        "minStay": min_stay,
        "maxStay": rng.choice((None, 30, 60, 90)),
        "approvalType": "manual" if rng.random() < 0.2 else "instant",
        "isPublished": True,
        "photos": photos,
        "mainPhoto": photos[0],
        "amenityIds": amenities,
        "bookingPolicies": {"checkInTime": check_in, "checkOutTime": check_out},
        "cancellationPolicy": rng.choice(CANCELLATION_POLICIES),
        "languagesSupported": sorted({"en", city.language}),
        "houseRules": rng.choice(HOUSE_RULES),
        "cityTaxPercent": city.city_tax_percent,
    }
    if rng.random() < 0.85:
        body["seasonalPricing"] = {"rules": _seasonal_rules(rng, city, start, price)}
    plan = ListingPlan(host=host, body=body)
    _plan_calendar(rng, city, plan, start, price)
    return plan


def _seasonal_rules(
    rng: random.Random, city: City, start: date, price: Decimal
) -> list[dict[str, Any]]:
    """High and low season by hemisphere, dearer weekends, a fixed price over New Year.
    Later rules win, so the holiday price comes last."""
    rules: list[dict[str, Any]] = []
    for year in (start.year, start.year + 1):
        if city.southern:
            high = (date(year, 12, 1), date(year + 1, 2, 28))
            low = (date(year, 6, 1), date(year, 8, 31))
        else:
            high = (date(year, 6, 15), date(year, 9, 15))
            low = (date(year, 1, 7), date(year, 2, 28))
        rules.append(_rule("High season", *high, adjustmentPercent=rng.choice((15, 20, 25, 35))))
        rules.append(_rule("Low season", *low, adjustmentPercent=rng.choice((-10, -15, -20))))
    rules = [r for r in rules if date.fromisoformat(r["endDate"]) >= start]
    weekend = _rule(
        "Weekends",
        start,
        start + timedelta(days=365),
        adjustmentPercent=rng.choice((10, 15)),
    )
    weekend["weekdays"] = ["fri", "sat"]
    rules.append(weekend)
    new_year = date(start.year, 12, 28) if start <= date(start.year, 12, 28) else None
    new_year = new_year or date(start.year + 1, 12, 28)
    holiday = money.quantize(price * Decimal("1.6"), city.currency)
    rules.append(
        _rule("New Year", new_year, new_year + timedelta(days=6), pricePerNight=str(holiday))
    )
    return rules


def _rule(name: str, first: date, last: date, **price: Any) -> dict[str, Any]:
    return {"name": name, "startDate": first.isoformat(), "endDate": last.isoformat(), **price}


def _plan_calendar(
    rng: random.Random, city: City, plan: ListingPlan, start: date, price: Decimal
) -> None:
    """About one date in eight differs from the defaults; a few are closed to sale; some
    listings have an owner stay, maintenance or an imported event blocked out."""
    for offset in range(CALENDAR_DAYS):
        day = start + timedelta(days=offset)
        values: dict[str, Any] = {}
        roll = rng.random()
        if roll < 0.10:
            factor = rng.choice((0.8, 0.9, 1.1, 1.25, 1.4))
            values["price"] = _price(rng, city, float(price) * factor, float(price) * factor)
        elif roll < 0.13:
            values["min_stay"] = rng.choice((2, 3, 4))
        elif roll < 0.145:
            values["closed_to_arrival"] = True
        if values:
            plan.rate_days[day] = values
    plan.stop_sells = sorted(
        start + timedelta(days=d) for d in rng.sample(range(CALENDAR_DAYS), rng.randint(0, 3))
    )
    arrival = start + timedelta(days=rng.randint(7, 40))
    for _ in range(rng.choice((0, 0, 0, 0, 0, 0, 1, 1, 2))):
        departure = arrival + timedelta(days=rng.randint(2, 9))
        kind = rng.choice(BLOCK_KINDS)
        note = {"owner_stay": "Family visit", "maintenance": "Repainting", "imported": "iCal"}
        plan.blocks.append((arrival, departure, kind, note[kind]))
        arrival = departure + timedelta(days=rng.randint(0, 45))
