"""Helpers of the GDPR tests: the routes, a compliance admin, filing and deciding
requests, and a person with data in every table (profile, sessions, a listing they
host, stays as guest and as host with payments and ledger lines, messages both ways,
notifications, a push device, a replayable answer, a failed login)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import httpx
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession

from staykit.domain.alerts.inbox import Outgoing, deliver
from staykit.domain.catalog.models import UnitType
from tests.api.marketplace.messaging import open_thread, send
from tests.api.marketplace.reviews import completed_stay, guest_review, host_review, submit
from tests.api.marketplace.test_reservations_api import RESERVATIONS, book, stay
from tests.factories import Person, make_listing, make_logged_in

API = "/platformadmin-api/v1/gdpractions"
EXPORTS = "/platformadmin-api/v1/gdprexports"
DEVICES = "/notification-api/devices/register"


async def file_request(
    client: httpx.AsyncClient, by: Person, user: Person, action_type: str
) -> dict[str, Any]:
    r = await client.post(
        API, json={"actionType": action_type, "userId": user.id}, headers=by.headers
    )
    assert r.status_code == 201, r.text
    return dict(r.json()["gdprAction"])


async def decide(
    client: httpx.AsyncClient, by: Person, action_id: str, status: str = "complete"
) -> dict[str, Any]:
    r = await client.patch(f"{API}/{action_id}", json={"status": status}, headers=by.headers)
    assert r.status_code == 200, r.text
    return dict(r.json()["gdprAction"])


@dataclass
class Footprint:
    """A person with data everywhere, and the words that identify them."""

    person: Person
    host: Person
    their_listing: UnitType
    message_text: str
    mobile: str

    @property
    def needles(self) -> dict[str, str]:
        return {
            "email": self.person.email,
            "name": self.person.user.fullname,
            "phone": self.mobile,
            "message": self.message_text,
        }


async def footprint(client: httpx.AsyncClient, db: AsyncSession) -> Footprint:
    mobile = "+351912345678"
    person = await make_logged_in(
        client,
        db,
        email="zelda.quartermain@example.test",
        fullname="Zelda Quartermain",
        mobile=mobile,
        mobile_verified=True,
    )
    host = await make_logged_in(client, db)
    other_guest = await make_logged_in(client, db)
    hosts_listing = await make_listing(db, host)
    their_listing = await make_listing(db, person, title="Zelda Quartermain's attic")
    # As a guest: a paid stay (payments, ledger lines, a saved card) and its thread.
    made = await book(client, person, hosts_listing)
    thread = await open_thread(client, person, person, host, reservationId=made["id"])
    text_sent = "Could Zelda Quartermain get the door code 48213 early please?"
    await send(client, person, thread["id"], text_sent)
    await send(client, host, thread["id"], "Sure Zelda Quartermain, see you soon.")
    # As a host: someone stays at their listing and writes to them.
    theirs = await book(client, other_guest, their_listing)
    host_thread = await open_thread(
        client, other_guest, other_guest, person, reservationId=theirs["id"]
    )
    await send(client, other_guest, host_thread["id"], "Hello Zelda Quartermain!")
    # A completed stay both sides reviewed, naming them (published: both are in).
    reviewed = await completed_stay(client, db, person, hosts_listing, 120)
    await submit(client, person, guest_review(reviewed, reviewText="Zelda Quartermain loved it."))
    await submit(client, host, host_review(reviewed, reviewText="Zelda Quartermain, a fine guest."))
    # An unpaid request, replayable by its idempotency key.
    r = await client.post(
        RESERVATIONS,
        json=stay(hosts_listing, 10),
        headers={**person.headers, "Idempotency-Key": "gdpr-footprint-1"},
    )
    assert r.status_code == 201, r.text
    # A push device, a notification naming them, a failed sign-in with their email.
    r = await client.post(
        DEVICES,
        json={
            "device": {
                "endpoint": "https://127.0.0.1:9/zelda-device",
                "keys": {
                    "p256dh": "BNcRdreALRFXTkOOUHK1EtK2wtaz5Ry4YfYCA_0QTpQtUbVlUls0VJXg7A8u-Ts1"
                    "XbjhazAkj7I99e8QcYP7DkM",
                    "auth": "tBHItJI5svbpez7KI4CCXg",
                },
                "name": "Zelda's phone",
            }
        },
        headers=person.headers,
    )
    assert r.status_code in (200, 201), r.text
    await deliver(
        db,
        [host.user.id, person.user.id],
        Outgoing(
            event="message.received",
            title="New message from Zelda Quartermain",
            body=text_sent,
            data={"from": "Zelda Quartermain", "email": person.email},
        ),
    )
    await db.commit()
    r = await client.post(
        "/auth-api/login", json={"username": person.email, "password": "wrong-password-1"}
    )
    assert r.status_code in (401, 403), r.text
    client.cookies.clear()
    return Footprint(person, host, their_listing, text_sent, mobile)


async def text_columns(db: AsyncSession) -> list[tuple[str, str, str]]:
    """Every column of every table that can hold words (text, JSON, arrays, bytes)."""
    rows = await db.execute(
        text(
            "SELECT c.table_name, c.column_name, c.data_type FROM information_schema.columns c "
            "JOIN information_schema.tables t ON t.table_schema = c.table_schema "
            "AND t.table_name = c.table_name AND t.table_type = 'BASE TABLE' "
            "WHERE c.table_schema = 'public' AND c.data_type IN ('text', 'character varying', "
            "'jsonb', 'json', 'ARRAY', 'bytea', 'USER-DEFINED') ORDER BY 1, 2"
        )
    )
    return [(str(t), str(c), str(k)) for t, c, k in rows]


async def where_found(db: AsyncSession, needles: dict[str, str]) -> list[str]:
    """Each place (table.column: what) where one of the needles still is."""
    found: list[str] = []
    for table, column, kind in await text_columns(db):
        # Bytes are read as UTF-8 where they are text (stored answers, files).
        value = (
            f"convert_from(\"{column}\", 'SQL_ASCII')" if kind == "bytea" else f'"{column}"::text'
        )
        for what, needle in needles.items():
            # The names come from the catalogue, the needle is a parameter.
            n = await db.scalar(
                text(f'SELECT count(*) FROM "{table}" WHERE strpos(lower({value}), lower(:n)) > 0'),
                {"n": needle},
            )
            if n:
                found.append(f"{table}.{column}: {what} ({n} rows)")
    return found


async def ledger_totals(db: AsyncSession) -> list[tuple[Any, ...]]:
    """Every ledger total: the sum by account (business, reservation, kind) and currency."""
    rows = await db.execute(
        text(
            "SELECT business_id, reservation_id, kind, currency, sum(amount), count(*) "
            "FROM ledger_entries GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4"
        )
    )
    return [tuple(r) for r in rows]
