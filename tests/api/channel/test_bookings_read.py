"""Channel API GET /bookings and GET /bookings/invoices (Beds24 API V2 shapes, integer ids).

The group reservation (tests/api/cloud/bookings.py: make_group) holds the queen for
[day 10, day 14) and the cabin for [day 11, day 13), three people and two invoice items.
Scopes decide what is shown: read:bookings alone gives no names, notes, money or invoice
items (absent keys). Inside a test's rolled-back transaction every row's updated_at is the
transaction's time, so tests that need distinct modification times set them by SQL.
"""

from __future__ import annotations

import copy
import uuid
from datetime import UTC, datetime, timedelta
from typing import Any
from urllib.parse import parse_qs, urlsplit
from zoneinfo import ZoneInfo

import httpx
import jsonschema_rs
import pytest
import yaml
from sqlalchemy import select, text, update
from sqlalchemy.ext.asyncio import AsyncSession

from staykit.domain.booking import items
from staykit.domain.booking.models import InvoiceItem, Reservation
from staykit.domain.catalog.models import Property, Unit, UnitType
from tests import contracts
from tests.api.channel.helpers import assert_channel_error
from tests.api.cloud.bookings import (
    ALL,
    LEAD,
    NOTES,
    book_as_guest,
    book_direct,
    book_elsewhere,
    make_group,
)
from tests.factories import actor_of, days_from, make_user
from tests.pms import Pms

day = days_from()
PERSONAL = ("firstName", "lastName", "email", "phone", "mobile", "notes", "guests")
MONEY = ("price", "tax", "invoiceItems")
DOC = contracts.BEDS24_PATH
INCLUDE_ALL = (
    "includeInvoiceItems=true&includeInfoItems=true&includeBookingGroup=true&includeGuests=true"
)


async def int_id(db: AsyncSession, model: Any, row_id: uuid.UUID) -> int:
    value = await db.scalar(select(model.int_id).where(model.id == row_id))
    assert value is not None
    return int(value)


async def get(client: httpx.AsyncClient, headers: dict[str, str], query: str = "") -> Any:
    r = await client.get(f"/v2/bookings{'?' + query if query else ''}", headers=headers)
    assert r.status_code == 200, r.text
    return r.json()


async def moved(db: AsyncSession, reservation: Reservation, arrival: Any, departure: Any) -> None:
    """Put a reservation's stay in the past (the domain books only from today on)."""
    await db.execute(
        update(Reservation)
        .where(Reservation.id == reservation.id)
        .values(arrival=arrival, departure=departure)
    )
    await db.commit()


def ids(body: Any) -> list[int]:
    return [b["id"] for b in body["data"]]


# --- the document's own response schema -----------------------------------------------------


def _nullable(node: Any) -> Any:
    """OpenAPI 3.0 `nullable: true` as JSON Schema (type or null)."""
    if isinstance(node, dict):
        node = {k: _nullable(v) for k, v in node.items()}
        if node.pop("nullable", False) and "type" in node:
            node["type"] = [node["type"], "null"]
        return node
    if isinstance(node, list):
        return [_nullable(v) for v in node]
    return node


def booking_validator() -> Any:
    doc = yaml.safe_load(DOC.read_text())
    # The schemas a booking is made of (the whole document has dates as mapping keys).
    wanted = ("booking", "newBooking", "bookingGuests", "bookingActions", "invoiceItemPost")
    components = {
        "schemas": _nullable({k: copy.deepcopy(doc["components"]["schemas"][k]) for k in wanted})
    }
    # The document's answer lists fewer channel words than its own `channel` filter takes
    # (no "direct", no "bookingpage"): a booking carries the filter's words.
    [param] = [
        p for p in doc["paths"]["/bookings"]["get"]["parameters"] if p.get("name") == "channel"
    ]
    channel = components["schemas"]["booking"]["allOf"][0]["properties"]["channel"]
    channel["enum"] = sorted(set(channel["enum"]) | set(param["schema"]["enum"]))
    schema = {
        "components": components,
        "allOf": [
            {"type": "object"},
            {"$ref": "#/components/schemas/booking"},
            {"$ref": "#/components/schemas/bookingGuests"},
            {"$ref": "#/components/schemas/bookingActions"},
        ],
    }
    return jsonschema_rs.validator_for(schema)


# --- shape and scopes -----------------------------------------------------------------------


async def test_a_group_booking_reads_with_integer_ids_people_money_and_items(
    client: httpx.AsyncClient, db: AsyncSession, pms: Pms
) -> None:
    group = await make_group(db, pms)
    await items.add_info_item(db, actor_of(pms.host), group.reservation.id, code="eta", text="9pm")
    await db.commit()
    rid = await int_id(db, Reservation, group.reservation.id)
    body = await get(client, await pms.headers(*ALL), f"id={rid}&{INCLUDE_ALL}")
    assert (body["success"], body["type"], body["count"]) == (True, "booking", 1)
    assert body["pages"] == {"nextPageExists": False, "nextPageLink": None}
    [b] = body["data"]
    queen_unit = await int_id(db, Unit, group.queen.unit_id)
    cabin_unit = await int_id(db, Unit, pms.cabin_unit.id)
    prop = await int_id(db, Property, pms.property.id)
    queen, cabin = (
        await int_id(db, UnitType, pms.queen.id),
        await int_id(db, UnitType, pms.cabin.id),
    )
    assert {k: b[k] for k in ("id", "propertyId", "roomId", "unitId", "roomQty")} == {
        "id": rid,
        "propertyId": prop,
        "roomId": queen,
        "unitId": queen_unit,
        "roomQty": 2,
    }
    assert b["units"] == [
        {"propertyId": prop, "roomId": queen, "unitId": queen_unit,
         "arrival": day(10).isoformat(), "departure": day(14).isoformat()},
        {"propertyId": prop, "roomId": cabin, "unitId": cabin_unit,
         "arrival": day(11).isoformat(), "departure": day(13).isoformat()},
    ]  # fmt: skip
    assert (b["status"], b["subStatus"], b["arrival"], b["departure"]) == (
        "confirmed",
        "none",
        day(10).isoformat(),
        day(14).isoformat(),
    )
    assert (b["numAdult"], b["numChild"], b["channel"], b["apiSource"]) == (
        3,
        0,
        "direct",
        "Direct",
    )
    assert "masterId" not in b and b["bookingGroup"] is None and b["cancelTime"] is None
    assert b["bookingTime"] and b["modifiedTime"]
    # personal: the lead is the booking's guest; every person under guests
    assert (b["firstName"], b["lastName"], b["email"], b["phone"], b["mobile"]) == (
        LEAD.first_name,
        LEAD.last_name,
        LEAD.email,
        LEAD.phone,
        LEAD.mobile,
    )
    assert b["notes"] == NOTES
    assert [g["firstName"] for g in b["guests"]] == ["Ada", "Charles", "Mary"]
    assert b["guests"][1]["email"] == ""
    # money
    res = group.reservation
    assert (b["price"], b["tax"]) == (float(res.total), float(res.city_tax))
    by_id = {i["id"]: i for i in b["invoiceItems"]}
    charge = by_id[await int_id(db, InvoiceItem, group.cabin_charge.id)]
    assert {k: charge[k] for k in ("bookingId", "type", "description", "qty", "amount")} == {
        "bookingId": rid,
        "type": "charge",
        "description": "Cabin, 2 nights",
        "qty": 2,
        "amount": 400,
    }
    assert (charge["vatRate"], charge["lineTotal"], charge["invoiceId"]) == (7, 800, None)
    payment = by_id[await int_id(db, InvoiceItem, group.payment.id)]
    assert (payment["type"], payment["amount"]) == ("payment", 250)
    [info] = b["infoItems"]
    assert (info["code"], info["text"], info["bookingId"]) == ("eta", "9pm", rid)
    assert isinstance(info["id"], int)

    errors = [str(e) for e in booking_validator().iter_errors(b)]
    assert not errors, errors


async def test_personal_and_money_fields_are_absent_without_their_scopes(
    client: httpx.AsyncClient, db: AsyncSession, pms: Pms
) -> None:
    group = await make_group(db, pms)
    rid = await int_id(db, Reservation, group.reservation.id)
    query = f"id={rid}&{INCLUDE_ALL}"

    [basic] = (await get(client, await pms.headers("read:bookings"), query))["data"]
    assert not set(PERSONAL + MONEY) & set(basic)
    assert basic["infoItems"] == [] and basic["numAdult"] == 3

    [personal] = (
        await get(client, await pms.headers("read:bookings", "read:bookings-personal"), query)
    )["data"]
    assert personal["firstName"] == "Ada" and not set(MONEY) & set(personal)

    [money] = (
        await get(client, await pms.headers("read:bookings", "read:bookings-financial"), query)
    )["data"]
    assert len(money["invoiceItems"]) >= 2 and not set(PERSONAL) & set(money)


async def test_a_marketplace_guest_is_the_bookings_guest(
    client: httpx.AsyncClient, db: AsyncSession, pms: Pms
) -> None:
    guest = await make_user(db, fullname="Grace Hopper")
    booked = await book_as_guest(db, pms, guest, day(20), day(22))
    rid = await int_id(db, Reservation, booked.id)
    [b] = (await get(client, await pms.headers(*ALL), f"id={rid}"))["data"]
    assert b["channel"] == "bookingpage" and b["email"] == guest.user.email
    assert "Grace" in f"{b['firstName']} {b['lastName']}"


async def test_reading_bookings_needs_read_bookings_and_invoices_read_financial(
    client: httpx.AsyncClient, pms: Pms
) -> None:
    r = await client.get("/v2/bookings", headers=await pms.headers("read:inventory"))
    body = assert_channel_error(r, 403)
    assert "read:bookings" in str(body["error"])
    r = await client.get("/v2/bookings/invoices", headers=await pms.headers("read:bookings"))
    body = assert_channel_error(r, 403)
    assert "read:bookings-financial" in str(body["error"])


# --- the selection --------------------------------------------------------------------------


async def test_by_default_only_bookings_not_yet_departed_and_not_cancelled(
    client: httpx.AsyncClient, db: AsyncSession, pms: Pms
) -> None:
    past = await book_direct(db, pms, day(30), day(33))
    await moved(db, past, day(-6), day(-3))
    future = await book_direct(db, pms, day(5), day(7))
    cancelled = await book_direct(db, pms, day(8), day(9))
    cancelled.status = "cancelled"
    await db.commit()
    p, f, c = [await int_id(db, Reservation, r.id) for r in (past, future, cancelled)]
    headers = await pms.headers("read:bookings")
    assert ids(await get(client, headers)) == [f]
    assert ids(await get(client, headers, "status=cancelled")) == [c]
    assert set(ids(await get(client, headers, "status=confirmed,cancelled"))) == {f, c}
    # a filter that picks bookings lifts the default
    assert set(ids(await get(client, headers, f"arrivalFrom={day(-30)}"))) == {p, f}
    assert ids(await get(client, headers, f"id={p}")) == [p]


async def test_date_filters_are_inclusive_property_local_dates(
    client: httpx.AsyncClient, db: AsyncSession, pms: Pms
) -> None:
    a = await book_direct(db, pms, day(5), day(7))
    b = await book_direct(db, pms, day(7), day(9))
    c = await book_direct(db, pms, day(12), day(15), cabin=False)
    a_id, b_id, c_id = [await int_id(db, Reservation, r.id) for r in (a, b, c)]
    h = await pms.headers("read:bookings")
    assert ids(await get(client, h, f"arrival={day(7)}")) == [b_id]
    assert ids(await get(client, h, f"arrivalFrom={day(6)}&arrivalTo={day(7)}")) == [b_id]
    assert ids(await get(client, h, f"arrivalFrom={day(5)}&arrivalTo={day(7)}")) == [a_id, b_id]
    assert ids(await get(client, h, f"departure={day(15)}")) == [c_id]
    assert ids(await get(client, h, f"departureFrom={day(9)}")) == [b_id, c_id]
    assert ids(await get(client, h, f"departureTo={day(7)}")) == [a_id]
    queen = await int_id(db, UnitType, pms.queen.id)
    assert ids(await get(client, h, f"roomId={queen}")) == [c_id]


async def test_id_room_property_reference_channel_and_master_filters(
    client: httpx.AsyncClient, db: AsyncSession, pms: Pms
) -> None:
    group = await make_group(db, pms)  # queen + cabin
    single = await book_direct(db, pms, day(20), day(22))  # cabin
    member = await book_direct(db, pms, day(25), day(27))
    member.master_id = group.reservation.id
    single.external_ref = "OTA-778"
    await db.commit()
    g, s, m = [await int_id(db, Reservation, r.id) for r in (group.reservation, single, member)]
    h = await pms.headers("read:bookings")
    cabin = await int_id(db, UnitType, pms.cabin.id)
    queen = await int_id(db, UnitType, pms.queen.id)
    prop = await int_id(db, Property, pms.property.id)
    # a booking holding a cabin unit is found by the cabin, even though its room is the queen
    assert ids(await get(client, h, f"roomId={cabin}")) == [g, s, m]
    assert ids(await get(client, h, f"roomId={queen}")) == [g]
    assert ids(await get(client, h, f"propertyId={prop}")) == [g, s, m]
    assert ids(await get(client, h, f"id={g}&id={s}")) == [g, s]
    assert ids(await get(client, h, f"id={g},{m}")) == [g, m]
    assert ids(await get(client, h, "apiReference=OTA-778")) == [s]
    assert ids(await get(client, h, "channel=direct")) == [g, s, m]
    assert ids(await get(client, h, "channel=airbnb")) == []
    assert ids(await get(client, h, f"masterId={g}")) == [g, m]
    grouped = await get(client, h, f"id={m}&id={s}&includeBookingGroup=true")
    by_id = {b["id"]: b for b in grouped["data"]}
    assert by_id[m]["masterId"] == g
    assert by_id[m]["bookingGroup"] == {"master": g, "ids": [g, m]}
    assert by_id[s]["bookingGroup"] is None and "masterId" not in by_id[s]


async def test_search_string_finds_names_only_for_callers_who_see_them(
    client: httpx.AsyncClient, db: AsyncSession, pms: Pms
) -> None:
    group = await make_group(db, pms)
    other = await book_direct(db, pms, day(20), day(22))
    other.external_ref = "ABC-lovelace-9"
    await db.commit()
    g, o = [await int_id(db, Reservation, r.id) for r in (group.reservation, other)]
    both = await pms.headers("read:bookings", "read:bookings-personal")
    basic = await pms.headers("read:bookings")
    assert ids(await get(client, both, "searchString=lovelace")) == [g, o]
    assert ids(await get(client, both, "searchString=ada%20love")) == [g]
    assert ids(await get(client, both, "searchString=mary@example")) == [g]
    assert ids(await get(client, basic, "searchString=lovelace")) == [o]  # the reference only
    assert ids(await get(client, basic, f"searchString={g}")) == [g]
    assert ids(await get(client, both, "searchString=100%25")) == []


async def test_filter_words_use_the_propertys_today(
    client: httpx.AsyncClient, db: AsyncSession, pms: Pms
) -> None:
    # Today where the property is (America/Chicago), not in UTC.
    now = datetime.now(UTC)
    today = now.astimezone(ZoneInfo("America/Chicago")).date()
    arriving = await book_direct(db, pms, today, today + timedelta(days=2))
    staying = await book_direct(db, pms, day(30), day(33), cabin=False)
    await moved(db, staying, today - timedelta(days=2), today + timedelta(days=1))
    leaving = await book_direct(db, pms, day(40), day(43), cabin=False)
    await moved(db, leaving, today - timedelta(days=3), today)
    black = await book_direct(db, pms, today + timedelta(days=3), today + timedelta(days=4))
    black.status = "black"
    await db.execute(
        update(Reservation)
        .where(Reservation.id == black.id)
        .values(made_at=now - timedelta(hours=30))
    )
    await db.commit()
    a, s, lv, bl = [
        await int_id(db, Reservation, r.id) for r in (arriving, staying, leaving, black)
    ]
    h = await pms.headers("read:bookings")
    assert ids(await get(client, h, "filter=arrivals")) == [a]
    assert ids(await get(client, h, "filter=departures")) == [lv]
    assert ids(await get(client, h, "filter=current")) == [a, s, lv]
    assert ids(await get(client, h, "filter=new")) == [a, s, lv]  # black is older (and black)
    assert ids(await get(client, h, "filter=new&status=black")) == []
    assert bl in ids(await get(client, h))  # the default keeps black bookings


async def test_booking_and_modified_times_select_and_modified_orders_by_change(
    client: httpx.AsyncClient, db: AsyncSession, pms: Pms
) -> None:
    first = await book_direct(db, pms, day(5), day(6))
    second = await book_direct(db, pms, day(7), day(8))
    base = datetime(2020, 1, 1, tzinfo=UTC)
    await db.execute(
        update(Reservation)
        .where(Reservation.id == first.id)
        .values(updated_at=base + timedelta(hours=2))
    )
    await db.execute(update(Reservation).where(Reservation.id == second.id).values(updated_at=base))
    await db.commit()
    f, s = [await int_id(db, Reservation, r.id) for r in (first, second)]
    h = await pms.headers("read:bookings")
    # modifiedFrom orders by modification: the second changed first
    assert ids(await get(client, h, "modifiedFrom=2019-12-31T00:00:00")) == [s, f]
    assert ids(await get(client, h, "modifiedFrom=2020-01-01T01:00:00Z")) == [f]
    assert ids(await get(client, h, "modifiedTo=2020-01-01T01:00:00")) == [s]
    made = await get(
        client,
        h,
        f"bookingTimeFrom={(datetime.now(UTC) - timedelta(hours=1)).isoformat().replace('+00:00', 'Z')}",
    )
    assert ids(made) == [f, s]
    assert ids(await get(client, h, "bookingTimeTo=2001-01-01T00:00:00")) == []


async def test_another_business_ids_match_nothing(
    client: httpx.AsyncClient, db: AsyncSession, pms: Pms
) -> None:
    theirs = await book_elsewhere(db, pms, day(5), day(7))
    mine = await book_direct(db, pms, day(5), day(7))
    t, m = [await int_id(db, Reservation, r.id) for r in (theirs, mine)]
    their_property = await int_id(db, Property, pms.other_listing.property_id)
    h = await pms.headers(*ALL)
    assert ids(await get(client, h)) == [m]
    assert ids(await get(client, h, f"id={t}")) == []
    assert ids(await get(client, h, f"propertyId={their_property}")) == []
    assert ids(await get(client, h, f"masterId={t}")) == []
    r = await client.get(f"/v2/bookings/invoices?bookingId={t}", headers=h)
    assert r.status_code == 200 and r.json()["data"] == []


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ("id=abc", "id"),
        ("propertyId=1,x", "propertyId"),
        ("roomId=-4", "roomId"),
        ("status=paid", "status"),
        ("filter=tomorrow", "filter"),
        ("channel=pigeon", "channel"),
        ("arrivalFrom=2024-13-01", "arrivalFrom"),
        ("modifiedFrom=yesterday", "modifiedFrom"),
        ("includeInvoiceItems=perhaps", "includeInvoiceItems"),
        ("page=0", "page"),
        ("after=garbage", "after"),
        ("modifiedFrom=2024-01-01T00:00:00&after=aTEy", "after"),
    ],
)
async def test_bad_parameters_are_400_naming_the_field(
    client: httpx.AsyncClient, pms: Pms, query: str, field: str
) -> None:
    r = await client.get(f"/v2/bookings?{query}", headers=await pms.headers("read:bookings"))
    assert_channel_error(r, 400, field=field)


# --- paging ---------------------------------------------------------------------------------


async def _many(db: AsyncSession, pms: Pms, n: int) -> None:
    """n confirmed reservations of the pms business as rows (no nights held: the read does
    not look at occupancy), each with one unit assignment, modified a second apart."""
    await db.execute(
        text(
            """
            INSERT INTO reservations (id, business_id, property_id, unit_type_id, host_id,
                status, approval_type, arrival, departure, adults, children, currency,
                subtotal, extra_guest_charges, cleaning_fee, city_tax, total, nightly_prices,
                source, dispute_status, payment_confirmation, made_at, created_at, updated_at)
            SELECT gen_random_uuid(), :b, :p, :ut, :h, 'confirmed', 'instant',
                current_date + 30 + i % 50, current_date + 31 + i % 50, 2, 0, 'USD',
                100, 0, 0, 0, 100, '[]'::jsonb, 'direct', 'none', 'pending',
                now(), now(), timestamptz '2020-01-01' + (i / 2) * interval '1 second'
            FROM generate_series(1, :n) i
            """
        ),
        {
            "b": pms.business_id,
            "p": pms.property.id,
            "ut": pms.cabin.id,
            "h": pms.host.user.id,
            "n": n,
        },
    )
    await db.execute(
        text(
            """
            INSERT INTO unit_assignments (id, reservation_id, business_id, property_id,
                unit_id, unit_type_id, rate_id, rate_plan_id, arrival, departure,
                occupancy_count, rental_revenue, rental_tax, rental_fee)
            SELECT gen_random_uuid(), r.id, r.business_id, r.property_id, :u, r.unit_type_id,
                :rate, :plan, r.arrival, r.departure, 2, 100, 0, 0
            FROM reservations r WHERE r.business_id = :b
            """
        ),
        {
            "b": pms.business_id,
            "u": pms.cabin_unit.id,
            "rate": pms.cabin_rate.id,
            "plan": pms.cabin_rate.rate_plan_id,
        },
    )
    await db.commit()


async def _follow(client: httpx.AsyncClient, headers: dict[str, str], url: str) -> list[list[int]]:
    pages = []
    next_url: str | None = url
    while next_url:
        r = await client.get(next_url, headers=headers)
        assert r.status_code == 200, r.text
        body = r.json()
        pages.append(ids(body))
        assert body["count"] == len(body["data"])
        assert body["pages"]["nextPageExists"] is (body["pages"]["nextPageLink"] is not None)
        next_url = body["pages"]["nextPageLink"]
    return pages


async def test_next_page_link_pages_by_id_and_by_modification_with_a_cursor(
    client: httpx.AsyncClient, db: AsyncSession, pms: Pms
) -> None:
    await _many(db, pms, 230)
    h = await pms.headers("read:bookings")
    by_id = await _follow(client, h, "/v2/bookings?includeInfoItems=true")
    assert [len(p) for p in by_id] == [100, 100, 30]
    flat = [i for p in by_id for i in p]
    assert flat == sorted(flat) and len(set(flat)) == 230

    first = await get(client, h, "modifiedFrom=2019-01-01T00:00:00")
    link = first["pages"]["nextPageLink"]
    query = parse_qs(urlsplit(link).query)
    assert query["page"] == ["2"] and query["after"] and query["modifiedFrom"]
    by_change = await _follow(client, h, "/v2/bookings?modifiedFrom=2019-01-01T00:00:00")
    assert [len(p) for p in by_change] == [100, 100, 30]
    times = await db.execute(
        select(Reservation.int_id)
        .where(Reservation.business_id == pms.business_id)
        .order_by(Reservation.updated_at, Reservation.id)
    )
    assert [i for p in by_change for i in p] == [row[0] for row in times]

    # a client that counts pages itself gets the same pages (offset)
    second = await get(client, h, "modifiedFrom=2019-01-01T00:00:00&page=2")
    assert ids(second) == by_change[1]
    assert ids(await get(client, h, "page=3")) == by_id[2]


# --- invoices -------------------------------------------------------------------------------


async def test_invoices_hold_each_bookings_items(
    client: httpx.AsyncClient, db: AsyncSession, pms: Pms
) -> None:
    group = await make_group(db, pms)
    plain = await book_direct(db, pms, day(20), day(22))
    await db.execute(
        update(InvoiceItem).where(InvoiceItem.reservation_id == plain.id).values(is_active=False)
    )
    await db.commit()  # a booking without invoice items has no invoice
    rid = await int_id(db, Reservation, group.reservation.id)
    h = await pms.headers("read:bookings", "read:bookings-financial")
    r = await client.get("/v2/bookings/invoices", headers=h)
    assert r.status_code == 200, r.text
    body = r.json()
    assert (body["type"], body["count"]) == ("invoice", 1)
    [invoice] = body["data"]
    assert invoice["bookingId"] == rid and invoice["invoiceId"] is None
    kinds = sorted(i["type"] for i in invoice["invoiceItems"])
    assert kinds[-1] == "payment" and "charge" in kinds
    assert all(i["bookingId"] == rid for i in invoice["invoiceItems"])
    r = await client.get(f"/v2/bookings/invoices?bookingId={rid + 1000}", headers=h)
    assert r.json()["data"] == []
    r = await client.get("/v2/bookings/invoices?bookingId=x", headers=h)
    assert_channel_error(r, 400, field="bookingId")
