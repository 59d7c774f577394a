"""Upgrading a database made by the previous release: built by its migrations, filled with
the rows that release wrote (in SQL valid at its revision, not through today's models),
migrated to head, then checked row by row and used through the public API.

The previous release is migration 0024: the head of the last release that landed before
this round's migrations (0025 reviews onward). Bump PREVIOUS_RELEASE with each release."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass
from datetime import date, timedelta

import httpx
import psycopg
import pytest
from alembic import command
from alembic.config import Config
from pwdlib.hashers.argon2 import Argon2Hasher
from sqlalchemy import make_url

from staykit.app import create_app
from staykit.core.backup import known_revisions
from staykit.core.config import Settings
from staykit.core.database import MIGRATIONS, migrate, with_database
from staykit.core.db import libpq_url, sqlalchemy_url

PREVIOUS_RELEASE = "0024"
PASSWORD = "an-old-release-password"
HOST, GUEST, BUSINESS = (uuid.UUID(int=n) for n in (0x1001, 0x1002, 0x2001))
PROPERTY, LISTING, UNIT = (uuid.UUID(int=n) for n in (0x3001, 0x3002, 0x3003))
PLAN, RATE, RESERVATION = (uuid.UUID(int=n) for n in (0x4001, 0x4002, 0x5001))
ASSIGNMENT, THREAD = uuid.UUID(int=0x5002), uuid.UUID(int=0x6001)
STRANGER = uuid.UUID(int=0x1003)
ARRIVAL = date.today() + timedelta(days=40)
DEPARTURE = ARRIVAL + timedelta(days=3)

# What the 0024 release wrote for a host with one listing, a guest's paid, confirmed
# three-night stay and their conversation: one statement per row, columns as they were.
PREVIOUS_RELEASE_ROWS = [
    (
        "INSERT INTO users (id, owner_id, email, password_hash, fullname, role_id, "
        "email_verified, mobile_verified) VALUES (%s, %s, %s, %s, %s, 'user', true, false)",
        (HOST, HOST, "host@old.example", "{hash}", "Olga Host"),
    ),
    (
        "INSERT INTO users (id, owner_id, email, password_hash, fullname, role_id, "
        "email_verified, mobile_verified) VALUES (%s, %s, %s, %s, %s, 'user', true, false)",
        (GUEST, GUEST, "guest@old.example", "{hash}", "Gus Guest"),
    ),
    (
        "INSERT INTO users (id, owner_id, email, password_hash, fullname, role_id, "
        "email_verified, mobile_verified) VALUES (%s, %s, %s, %s, %s, 'user', true, false)",
        (STRANGER, STRANGER, "stranger@old.example", "{hash}", "Stella Stranger"),
    ),
    (
        "INSERT INTO businesses (id, owner_id, name) VALUES (%s, %s, 'Olga Host''s rentals')",
        (BUSINESS, HOST),
    ),
    (
        "INSERT INTO business_members (id, owner_id, business_id, user_id, role) "
        "VALUES (gen_random_uuid(), %s, %s, %s, 'owner')",
        (HOST, BUSINESS, HOST),
    ),
    (
        "INSERT INTO properties (id, owner_id, business_id, name, address, city, country, "
        "latitude, longitude, time_zone, currency, check_in_time, check_out_time) VALUES "
        "(%s, %s, %s, 'Alfama loft', 'Rua das Flores 12, Lisboa', 'Lisbon', 'PT', 38.7223, "
        "-9.1393, 'Europe/Lisbon', 'EUR', '15:00', '11:00')",
        (PROPERTY, HOST, BUSINESS),
    ),
    (
        "INSERT INTO unit_types (id, owner_id, business_id, property_id, host_id, title, "
        "description, property_type, photos, amenity_ids, price_per_night, currency, min_stay, "
        "approval_type, languages_supported, is_published, city_tax_percent, max_guests, "
        "base_occupancy, cleaning_fee) VALUES (%s, %s, %s, %s, %s, 'Alfama loft', "
        "'Two rooms over the river.', 'apartment', '{}', '{}', 100.00, 'EUR', 1, 'instant', "
        "'{en,pt}', true, 0, 4, 2, 0)",
        (LISTING, HOST, BUSINESS, PROPERTY, HOST),
    ),
    (
        "INSERT INTO units (id, owner_id, business_id, property_id, unit_type_id, name) "
        "VALUES (%s, %s, %s, %s, %s, 'Alfama loft')",
        (UNIT, HOST, BUSINESS, PROPERTY, LISTING),
    ),
    (
        "INSERT INTO rate_plans (id, owner_id, business_id, name) VALUES (%s, %s, %s, 'Standard')",
        (PLAN, HOST, BUSINESS),
    ),
    (
        "INSERT INTO rates (id, owner_id, business_id, rate_plan_id, unit_type_id, name, slot, "
        "is_default, base_price, allow_updates) VALUES (%s, %s, %s, %s, %s, 'Standard', 1, "
        "true, 100.00, true)",
        (RATE, HOST, BUSINESS, PLAN, LISTING),
    ),
    (
        "INSERT INTO reservations (id, owner_id, business_id, property_id, unit_type_id, "
        "host_id, guest_id, status, approval_type, arrival, departure, adults, children, "
        "currency, subtotal, extra_guest_charges, cleaning_fee, city_tax, total, "
        "nightly_prices, source, dispute_status, payment_confirmation, made_at, decided_at, "
        "platform_payment) VALUES (%s, %s, %s, %s, %s, %s, %s, 'confirmed', 'instant', %s, "
        "%s, 2, 0, 'EUR', 300.00, 0, 0, 0, 342.00, %s, 'marketplace', 'none', 'paid', "
        "now() - interval '2 days', now() - interval '2 days', true)",
        (
            RESERVATION,
            GUEST,
            BUSINESS,
            PROPERTY,
            LISTING,
            HOST,
            GUEST,
            ARRIVAL,
            DEPARTURE,
            psycopg.types.json.Jsonb(
                [[(ARRIVAL + timedelta(days=n)).isoformat(), "100.00"] for n in range(3)]
            ),
        ),
    ),
    (
        "INSERT INTO unit_assignments (id, owner_id, reservation_id, business_id, property_id, "
        "unit_id, unit_type_id, rate_id, rate_plan_id, arrival, departure, occupancy_count, "
        "rental_revenue, rental_tax, rental_fee) VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, "
        "%s, %s, 2, 300.00, 0, 0)",
        (
            ASSIGNMENT,
            GUEST,
            RESERVATION,
            BUSINESS,
            PROPERTY,
            UNIT,
            LISTING,
            RATE,
            PLAN,
            ARRIVAL,
            DEPARTURE,
        ),
    ),
    (
        "INSERT INTO occupancies (id, business_id, unit_id, unit_type_id, arrival, departure, "
        "kind, ref, active, created_at) VALUES (gen_random_uuid(), %s, %s, %s, %s, %s, "
        "'reservation', %s, true, now())",
        (BUSINESS, UNIT, LISTING, ARRIVAL, DEPARTURE, ASSIGNMENT),
    ),
    (
        "INSERT INTO reservation_payments (id, owner_id, reservation_id, attempt, provider, "
        "payment_id, payment_status, status_literal, amount, currency, payment_method, "
        "checked_at) VALUES (gen_random_uuid(), %s, %s, 1, 'offline', 'pi_old_1', "
        "'succeeded', 'succeeded', 342.00, 'EUR', 'pm_card_visa', now())",
        (GUEST, RESERVATION),
    ),
    *(
        (
            "INSERT INTO ledger_entries (id, kind, amount, currency, reservation_id, "
            "business_id, provider, provider_ref, idempotency_key, created_at, actor_id, "
            "credential) VALUES (gen_random_uuid(), %s, %s, 'EUR', %s, %s, %s, %s, %s, "
            "now() - interval '2 days', %s, 'session')",
            (kind, amount, RESERVATION, BUSINESS, provider, ref, f"old-{kind}", GUEST),
        )
        for kind, amount, provider, ref in (
            ("guest_charge", "342.00", None, None),
            ("guest_payment", "342.00", "offline", "pi_old_1"),
            ("platform_fee", "51.00", None, None),
        )
    ),
    (
        "INSERT INTO message_threads (id, owner_id, business_id, property_id, unit_type_id, "
        "reservation_id, guest_id, host_id, message_count, last_message_at) VALUES "
        "(%s, %s, %s, %s, %s, %s, %s, %s, 2, now() - interval '1 day')",
        (THREAD, GUEST, BUSINESS, PROPERTY, LISTING, RESERVATION, GUEST, HOST),
    ),
    *(
        (
            "INSERT INTO messages (id, owner_id, thread_id, business_id, reservation_id, "
            "sender_id, source, message_type, content, sent_at) VALUES (gen_random_uuid(), "
            "%s, %s, %s, %s, %s, %s, 'text', %s, now() - interval '1 day' + %s * interval "
            "'1 minute')",
            (sender, THREAD, BUSINESS, RESERVATION, sender, source, content, n),
        )
        for n, (sender, source, content) in enumerate(
            (
                (GUEST, "guest", "Is early check-in possible?"),
                (HOST, "host", "Yes, from 12:00."),
            )
        )
    ),
]
# The tables those rows live in, compared before and after the upgrade.
TABLES = (
    "users",
    "businesses",
    "business_members",
    "properties",
    "unit_types",
    "units",
    "rate_plans",
    "rates",
    "reservations",
    "unit_assignments",
    "occupancies",
    "reservation_payments",
    "ledger_entries",
    "message_threads",
    "messages",
)


def alembic_config(url: str) -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    cfg.set_main_option("sqlalchemy.url", sqlalchemy_url(url).replace("%", "%%"))
    return cfg


Rows = dict[str, list[tuple[object, ...]]]


def columns_of(url: str) -> dict[str, list[str]]:
    with psycopg.connect(libpq_url(url)) as conn:
        return {
            table: [
                r[0]
                for r in conn.execute(
                    "SELECT column_name FROM information_schema.columns WHERE table_name = %s "
                    "AND table_schema = 'public' ORDER BY column_name",
                    (table,),
                )
            ]
            for table in TABLES
        }


def rows_of(url: str, columns: dict[str, list[str]]) -> Rows:
    """Every row of each table, as these columns (the ones the old release had)."""
    with psycopg.connect(libpq_url(url)) as conn:
        return {
            table: [
                tuple(r)
                for r in conn.execute(f"SELECT {', '.join(names)} FROM {table} ORDER BY id")
            ]
            for table, names in columns.items()
        }


@dataclass
class Upgraded:
    url: str
    old_columns: dict[str, list[str]]  # each table's columns at PREVIOUS_RELEASE
    before: Rows  # their rows before the upgrade


@pytest.fixture(scope="module")
def upgraded(database_url: str) -> Iterator[Upgraded]:
    """A database at PREVIOUS_RELEASE with that release's rows, then migrated to head."""
    name = f"{make_url(database_url).database}_upgrade_{uuid.uuid4().hex[:8]}"
    admin = libpq_url(with_database(database_url, "postgres"))
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    url = sqlalchemy_url(with_database(database_url, name))
    try:
        migrate(url, PREVIOUS_RELEASE)
        password_hash = Argon2Hasher(time_cost=1, memory_cost=1024, parallelism=1).hash(PASSWORD)
        with psycopg.connect(libpq_url(url)) as conn:
            for statement, params in PREVIOUS_RELEASE_ROWS:
                conn.execute(
                    statement, tuple(password_hash if p == "{hash}" else p for p in params)
                )
        old_columns = columns_of(url)
        before = rows_of(url, old_columns)
        migrate(url)
        yield Upgraded(url, old_columns, before)
    finally:
        with psycopg.connect(admin, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def test_every_row_of_the_previous_release_is_intact_at_head(upgraded: Upgraded) -> None:
    _, head = known_revisions()
    with psycopg.connect(libpq_url(upgraded.url)) as conn:
        assert conn.execute("SELECT version_num FROM alembic_version").fetchall() == [(head,)]
        # No constraint left unchecked (NOT VALID) by a migration.
        assert (
            conn.execute("SELECT conname FROM pg_constraint WHERE NOT convalidated").fetchall()
            == []
        )
    assert all(upgraded.before[t] for t in TABLES)  # the fixture really wrote every table
    assert rows_of(upgraded.url, upgraded.old_columns) == upgraded.before


def test_the_constraints_hold_on_the_upgraded_rows(upgraded: Upgraded) -> None:
    with psycopg.connect(libpq_url(upgraded.url)) as conn:
        # The unit cannot be occupied twice on a night the old reservation holds.
        with pytest.raises(psycopg.errors.ExclusionViolation), conn.transaction():
            conn.execute(
                "INSERT INTO occupancies (id, business_id, unit_id, unit_type_id, arrival, "
                "departure, kind, ref, active, created_at) VALUES (gen_random_uuid(), %s, %s, "
                "%s, %s, %s, 'block', gen_random_uuid(), true, now())",
                (BUSINESS, UNIT, LISTING, DEPARTURE - timedelta(days=1), DEPARTURE),
            )
        # The ledger is append-only and each entry in its reservation's currency.
        with pytest.raises(psycopg.errors.RestrictViolation), conn.transaction():
            conn.execute("UPDATE ledger_entries SET amount = 1")
        with pytest.raises(psycopg.errors.CheckViolation), conn.transaction():
            conn.execute(
                "INSERT INTO ledger_entries (id, kind, amount, currency, reservation_id, "
                "business_id, idempotency_key, created_at, credential) VALUES "
                "(gen_random_uuid(), 'adjustment', 5, 'USD', %s, %s, 'x', now(), 'system')",
                (RESERVATION, BUSINESS),
            )
        with pytest.raises(psycopg.errors.UniqueViolation), conn.transaction():
            conn.execute(
                "INSERT INTO users (id, email, password_hash, fullname, role_id, "
                "email_verified, mobile_verified) VALUES (gen_random_uuid(), "
                "'guest@old.example', 'x', 'Copy', 'user', true, false)"
            )


@pytest.fixture
async def old_release_client(upgraded: Upgraded) -> AsyncIterator[httpx.AsyncClient]:
    """The public API at head, as production runs it, on the upgraded database."""
    settings = Settings(
        env="test",
        database_url=upgraded.url,
        run_worker=False,
        public_base_url="http://testserver",
        argon2_time_cost=1,
        argon2_memory_kib=1024,
        argon2_parallelism=1,
        smtp_host=None,
    )
    app = create_app(settings, database_url=upgraded.url, run_worker_in_process=False)
    async with app.router.lifespan_context(app):
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as c:
            yield c


async def log_in(client: httpx.AsyncClient, email: str) -> dict[str, str]:
    r = await client.post("/auth-api/login", json={"username": email, "password": PASSWORD})
    assert r.status_code == 200, r.text
    client.cookies.clear()
    return {"Authorization": f"Bearer {r.json()['accessToken']}"}


async def test_the_upgraded_data_is_usable_through_the_public_api(
    old_release_client: httpx.AsyncClient,
) -> None:
    client = old_release_client
    guest = await log_in(client, "guest@old.example")
    host = await log_in(client, "host@old.example")

    r = await client.get(f"/propertycatalog-api/v1/listings/{LISTING}", headers=guest)
    assert r.status_code == 200, r.text
    assert r.json()["listing"]["title"] == "Alfama loft"

    r = await client.get(f"/bookingmanagement-api/v1/reservations/{RESERVATION}", headers=guest)
    assert r.status_code == 200, r.text
    reservation = r.json()["reservation"]
    assert reservation["status"] == "confirmed"
    assert (reservation["checkIn"][:10], reservation["checkOut"][:10]) == (
        ARRIVAL.isoformat(),
        DEPARTURE.isoformat(),
    )

    r = await client.get(f"/messaging-api/v1/threadmessages/{THREAD}", headers=host)
    assert r.status_code == 200, r.text
    assert "Is early check-in possible?" in r.text and "Yes, from 12:00." in r.text
    r = await client.post(
        "/messaging-api/v1/messages",
        json={"threadId": str(THREAD), "content": "See you soon!"},
        headers=host,
    )
    assert r.status_code == 201, r.text

    # The old stay still holds its nights: an overlapping booking is refused, not doubled.
    r = await client.post(
        "/bookingmanagement-api/v1/reservations",
        json={
            "listingId": str(LISTING),
            "checkIn": (ARRIVAL + timedelta(days=1)).isoformat(),
            "checkOut": (DEPARTURE + timedelta(days=1)).isoformat(),
            "guestCount": 2,
        },
        headers=guest,
    )
    assert r.status_code == 409, r.text

    # Another user still cannot read the guest's reservation or the conversation.
    stranger = await log_in(client, "stranger@old.example")
    r = await client.get(f"/bookingmanagement-api/v1/reservations/{RESERVATION}", headers=stranger)
    assert r.status_code in (403, 404), r.text
    r = await client.get(f"/messaging-api/v1/threadmessages/{THREAD}", headers=stranger)
    assert r.status_code in (403, 404), r.text
    assert "early check-in" not in r.text


def test_downgrading_to_the_previous_release_keeps_its_rows_and_upgrading_again_works(
    upgraded: Upgraded,
) -> None:
    """The migrations can step back to the previous release with its data (for a rollback
    of the code); a restore of the backup taken before the upgrade is the other way."""
    command.downgrade(alembic_config(upgraded.url), PREVIOUS_RELEASE)
    assert columns_of(upgraded.url) == upgraded.old_columns
    old_rows = rows_of(upgraded.url, upgraded.old_columns)
    # Each old row is still there as it was; the API test may have added rows at head, and
    # its message moved the thread's counters on.
    for table in set(TABLES) - {"message_threads"}:
        assert set(map(repr, upgraded.before[table])) <= set(map(repr, old_rows[table])), table
    with psycopg.connect(libpq_url(upgraded.url)) as conn:
        assert conn.execute("SELECT id FROM message_threads").fetchall() == [(THREAD,)]
    migrate(upgraded.url)
    _, head = known_revisions()
    with psycopg.connect(libpq_url(upgraded.url)) as conn:
        assert conn.execute("SELECT version_num FROM alembic_version").fetchall() == [(head,)]
