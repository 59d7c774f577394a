"""Cloud API reservations: /reservations/{id}, /reservations/byDate, /reservations/updated.

The group reservation (tests/api/cloud/bookings.py: make_group) has two unit assignments
with their own dates, units and rates, three people (one without a mobile, one whose
mobile differs from the phone) and invoice items assigned to people and linked to
assignments. Scopes decide what is shown: read:bookings alone gives no contacts, notes,
money or invoices (absent keys), + personal the contacts, + financial the money.

Inside a test's rolled-back transaction every row's updatedAt is that transaction's time
(the database's now()), so the feed tests that need distinct times set them by SQL.
"""

from __future__ import annotations

import uuid
from datetime import timedelta
from typing import Any
from urllib.parse import quote

import httpx
import pytest
from sqlalchemy import event, text, update
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncSession, async_sessionmaker

from staykit.domain.booking import items
from staykit.domain.booking.models import ReservationGuest
from tests.api.cloud.bookings import (
    ALL,
    LEAD,
    NOTES,
    SECOND,
    SINCE,
    THIRD,
    book_as_guest,
    book_direct,
    book_elsewhere,
    committed_world,
    links,
    make_group,
    run_feed_race,
)
from tests.factories import actor_of, days_from, make_user
from tests.pms import Pms

PERSONAL = ("firstName", "lastName", "email", "phone", "mobile")
MONEY = ("rentalRevenue", "rentalTax", "rentalFee")
day = days_from()


def problem(r: httpx.Response, status: int, field: str) -> dict[str, Any]:
    assert r.status_code == status, r.text
    body: dict[str, Any] = r.json()
    assert body["status"] == status
    assert field in body.get("errors", {}), body
    return body


# --- the full reservation -------------------------------------------------------------------


async def test_group_reservation_shows_assignments_people_invoices_and_totals(
    client: httpx.AsyncClient, db: AsyncSession, pms: Pms
) -> None:
    group = await make_group(db, pms)
    r = await client.get(
        f"/cloudapi/reservations/{group.reservation.id}", headers=await pms.headers(*ALL)
    )
    assert r.status_code == 200, r.text
    body = r.json()
    res = group.reservation
    assert body["id"] == str(res.id)
    assert body["version"] == res.record_version
    assert body["status"] == "Reserved"
    assert body["ingestionSource"] == "PMS"
    assert (body["arrival"], body["departure"], body["nights"]) == (
        day(10).isoformat(),
        day(14).isoformat(),
        4,
    )
    assert body["propertyId"] == str(pms.property.id)
    assert body["currency"] == "USD"
    assert (body["adults"], body["children"], body["masterId"], body["cancelledAt"]) == (
        3,
        0,
        None,
        None,
    )
    assert body["notes"] == NOTES
    for key in ("madeAt", "createdAt", "updatedAt"):
        assert body[key].endswith("Z") or "+" in body[key]

    queen, cabin = body["unitAssignments"]
    assert queen == {
        "id": str(group.queen.id),
        "arrival": day(10).isoformat(),
        "departure": day(14).isoformat(),
        "nights": 4,
        "unitId": str(group.queen.unit_id),
        "unitTypeId": str(pms.queen.id),
        "propertyId": str(pms.property.id),
        "rateId": str(pms.queen_rate.id),
        "ratePlanId": str(pms.queen_rate.rate_plan_id),
        "occupancyCount": 3,
        "rentalRevenue": 480,
        "rentalTax": 0,
        "rentalFee": 0,
        "personIds": [str(group.lead.id), str(group.second.id)],  # in the order of people
    }
    assert cabin == {
        "id": str(group.cabin.id),
        "arrival": day(11).isoformat(),
        "departure": day(13).isoformat(),
        "nights": 2,
        "unitId": str(pms.cabin_unit.id),
        "unitTypeId": str(pms.cabin.id),
        "propertyId": str(pms.property.id),
        "rateId": str(pms.cabin_rate.id),
        "ratePlanId": str(pms.cabin_rate.rate_plan_id),
        "occupancyCount": 1,
        "rentalRevenue": 400,
        "rentalTax": 28,
        "rentalFee": 16.5,
        "personIds": [str(group.third.id)],
    }

    lead, second, third = body["people"]
    assert lead == {
        "id": str(group.lead.id),
        "isPrimary": True,
        "unitAssignmentId": str(group.queen.id),
        "firstName": LEAD.first_name,
        "lastName": LEAD.last_name,
        "email": LEAD.email,
        "phone": LEAD.phone,
        "mobile": LEAD.mobile,  # another number than the phone
    }
    assert lead["mobile"] != lead["phone"]
    assert second["id"] == str(group.second.id) and not second["isPrimary"]
    assert (second["phone"], second["mobile"], second["email"]) == (SECOND.phone, None, None)
    assert third["unitAssignmentId"] == str(group.cabin.id)
    assert (third["email"], third["phone"], third["mobile"]) == (THIRD.email, None, None)

    by_id = {i["id"]: i for i in body["invoices"]}
    assert by_id[str(group.cabin_charge.id)] == {
        "id": str(group.cabin_charge.id),
        "personId": str(group.third.id),
        "unitAssignmentId": str(group.cabin.id),
        "kind": "Charge",
        "code": "cabin",
        "description": "Cabin, 2 nights",
        "qty": 2,
        "amount": 400,
        "vatRate": 7,
        "currency": "USD",
    }
    payment = by_id[str(group.payment.id)]
    assert (payment["kind"], payment["personId"], payment["unitAssignmentId"]) == (
        "Payment",
        str(group.lead.id),
        None,
    )
    stay = [i for i in body["invoices"] if i["code"] == "accommodation"]
    assert [(i["amount"], i["personId"]) for i in stay] == [(480, None)]
    assert body["totals"] == {
        "subtotal": 480,
        "extraGuestCharges": 0,
        "cleaningFee": 0,
        "cityTax": 0,
        "total": 480,
        "refundAmount": None,
        "currency": "USD",
    }


async def test_read_bookings_alone_omits_contacts_notes_money_and_invoices(
    client: httpx.AsyncClient, db: AsyncSession, pms: Pms
) -> None:
    group = await make_group(db, pms)
    r = await client.get(
        f"/cloudapi/reservations/{group.reservation.id}", headers=await pms.headers("read:bookings")
    )
    assert r.status_code == 200, r.text
    body = r.json()
    for key in ("notes", "invoices", "totals"):
        assert key not in body
    # The people stay, with their ids and links; their names and contacts do not.
    assert [p["id"] for p in body["people"]] == [
        str(group.lead.id),
        str(group.second.id),
        str(group.third.id),
    ]
    for person in body["people"]:
        assert set(person) == {"id", "isPrimary", "unitAssignmentId"}
    for assignment in body["unitAssignments"]:
        assert not set(MONEY) & set(assignment)
        assert "personIds" in assignment
    assert "Lovelace" not in r.text and NOTES not in r.text


async def test_personal_scope_adds_contacts_and_notes_but_no_money(
    client: httpx.AsyncClient, db: AsyncSession, pms: Pms
) -> None:
    group = await make_group(db, pms)
    headers = await pms.headers("read:bookings", "read:bookings-personal")
    body = (
        await client.get(f"/cloudapi/reservations/{group.reservation.id}", headers=headers)
    ).json()
    assert body["notes"] == NOTES
    assert all(set(PERSONAL) <= set(p) for p in body["people"])
    assert body["people"][0]["email"] == LEAD.email
    assert "invoices" not in body and "totals" not in body
    assert all(not set(MONEY) & set(a) for a in body["unitAssignments"])


async def test_financial_scope_adds_money_but_no_contacts(
    client: httpx.AsyncClient, db: AsyncSession, pms: Pms
) -> None:
    group = await make_group(db, pms)
    headers = await pms.headers("read:bookings", "read:bookings-financial")
    body = (
        await client.get(f"/cloudapi/reservations/{group.reservation.id}", headers=headers)
    ).json()
    assert body["totals"]["total"] == 480
    assert len(body["invoices"]) == 3
    assert all(set(MONEY) <= set(a) for a in body["unitAssignments"])
    assert "notes" not in body
    assert all(not set(PERSONAL) & set(p) for p in body["people"])


@pytest.mark.parametrize(
    "path",
    [
        "/cloudapi/reservations/{id}",
        "/cloudapi/reservations/byDate?from={d}&to={d}",
        f"/cloudapi/reservations/updated?from={SINCE}",
        "/cloudapi/rates/reserved/byDate?from={d}&to={d}",
        f"/cloudapi/rates/reserved/updated?from={SINCE}",
    ],
)
async def test_a_token_without_read_bookings_is_403_naming_it(
    client: httpx.AsyncClient, pms: Pms, path: str
) -> None:
    url = path.format(id=uuid.uuid4(), d=day(1).isoformat())
    r = await client.get(
        url, headers=await pms.headers("read:bookings-personal", "read:properties")
    )
    assert r.status_code == 403, r.text
    assert r.json()["code"] == "insufficientScope"
    assert "read:bookings" in r.json()["detail"]


async def test_marketplace_booking_has_the_guest_as_primary_person(
    client: httpx.AsyncClient, db: AsyncSession, pms: Pms
) -> None:
    guest = await make_user(
        db, fullname="Grace Hopper", email="grace@example.test", mobile="+1 612 555 0142"
    )
    res = await book_as_guest(db, pms, guest, day(20), day(23))
    r = await client.get(f"/cloudapi/reservations/{res.id}", headers=await pms.headers(*ALL))
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["ingestionSource"] == "Marketplace"
    assert body["status"] == "Reserved"  # an instant-book listing
    [person] = body["people"]
    # create.py records the name and email; the mobile comes from the guest's account.
    assert person["isPrimary"] is True
    assert (person["firstName"], person["email"], person["mobile"], person["phone"]) == (
        "Grace Hopper",
        "grace@example.test",
        "+1 612 555 0142",
        None,
    )
    assert person["unitAssignmentId"] == body["unitAssignments"][0]["id"]
    assert body["unitAssignments"][0]["personIds"] == [person["id"]]
    assert str(guest.user.id) not in r.text  # a person id, never the user's


async def test_marketplace_booking_without_a_person_row_still_has_its_guest(
    client: httpx.AsyncClient, db: AsyncSession, pms: Pms
) -> None:
    guest = await make_user(db, fullname="Alan Turing", email="alan@example.test")
    res = await book_as_guest(db, pms, guest, day(20), day(22))
    await db.execute(
        update(ReservationGuest)
        .where(ReservationGuest.reservation_id == res.id)
        .values(is_active=False)
    )
    await db.commit()
    url = f"/cloudapi/reservations/{res.id}"
    full = (await client.get(url, headers=await pms.headers(*ALL))).json()
    [person] = full["people"]
    assert (person["isPrimary"], person["firstName"], person["email"]) == (
        True,
        "Alan Turing",
        "alan@example.test",
    )
    assert person["id"] != str(guest.user.id)
    bare = (await client.get(url, headers=await pms.headers("read:bookings"))).json()
    assert bare["people"] == [
        {"id": person["id"], "isPrimary": True, "unitAssignmentId": person["unitAssignmentId"]}
    ]


async def test_another_tenants_reservation_is_404_like_an_unknown_id(
    client: httpx.AsyncClient, db: AsyncSession, pms: Pms
) -> None:
    theirs = await book_elsewhere(db, pms, day(5), day(7))
    headers = await pms.headers(*ALL)
    unknown = uuid.uuid4()
    a = await client.get(f"/cloudapi/reservations/{theirs.id}", headers=headers)
    b = await client.get(f"/cloudapi/reservations/{unknown}", headers=headers)
    assert a.status_code == b.status_code == 404

    def shape(r: httpx.Response, rid: uuid.UUID) -> dict[str, Any]:
        body = r.json()
        body.pop("traceId", None)
        return {k: str(v).replace(str(rid), "<id>") for k, v in body.items()}

    assert shape(a, theirs.id) == shape(b, unknown)
    assert "Other" not in a.text


async def test_malformed_reservation_id_is_400_naming_id(
    client: httpx.AsyncClient, pms: Pms
) -> None:
    r = await client.get("/cloudapi/reservations/not-a-uuid", headers=await pms.headers(*ALL))
    problem(r, 400, "id")


async def test_a_page_loads_in_the_same_number_of_queries_whatever_its_size(
    client: httpx.AsyncClient, db: AsyncSession, db_conn: AsyncConnection, pms: Pms
) -> None:
    statements: list[str] = []
    sizes: list[int] = []

    def count(_conn: Any, _cursor: Any, statement: str, *_: Any) -> None:
        statements.append(statement)

    async def queries(to: int) -> int:
        statements.clear()
        r = await client.get(
            f"/cloudapi/reservations/byDate?from={day(0)}&to={day(to)}", headers=headers
        )
        assert r.status_code == 200, r.text
        sizes.append(len(r.json()))
        return len(statements)

    await make_group(db, pms, start=60)
    for k in range(6):
        await book_direct(db, pms, day(2 * k + 1), day(2 * k + 2))
    guest = await make_user(db)
    await book_as_guest(db, pms, guest, day(1), day(3))  # a guest user to read on both pages
    headers = await pms.headers(*ALL)
    await queries(1)  # the token's first use is looked up; later ones are not
    event.listen(db_conn.sync_connection, "before_cursor_execute", count)
    try:
        one = await queries(1)
        many = await queries(90)
    finally:
        event.remove(db_conn.sync_connection, "before_cursor_execute", count)
    assert one == many
    assert sizes[1:] == [2, 8]


# --- by stay dates --------------------------------------------------------------------------


async def test_by_date_lists_stays_with_a_night_in_the_range(
    client: httpx.AsyncClient, db: AsyncSession, pms: Pms
) -> None:
    departs_on_from = await book_direct(db, pms, day(10), day(12))
    inside = await book_direct(db, pms, day(12), day(13))
    arrives_on_to = await book_direct(db, pms, day(14), day(16))
    await book_direct(db, pms, day(16), day(18))  # after
    r = await client.get(
        f"/cloudapi/reservations/byDate?from={day(12)}&to={day(14)}",
        headers=await pms.headers("read:bookings"),
    )
    assert r.status_code == 200, r.text
    # Departing on `from` has no night in the range; arriving on `to` has one.
    assert [b["id"] for b in r.json()] == [str(inside.id), str(arrives_on_to.id)]
    assert str(departs_on_from.id) not in r.text


async def test_by_date_pages_with_link_headers(
    client: httpx.AsyncClient, db: AsyncSession, pms: Pms
) -> None:
    made = [await book_direct(db, pms, day(2 * k + 1), day(2 * k + 2)) for k in range(5)]
    headers = await pms.headers("read:bookings")
    base = f"/cloudapi/reservations/byDate?from={day(0)}&to={day(20)}"
    r = await client.get(f"{base}&skip=2&limit=2", headers=headers)
    assert r.status_code == 200, r.text
    assert [b["id"] for b in r.json()] == [str(made[2].id), str(made[3].id)]
    rels = links(r)
    assert {k: (v["skip"], v["limit"]) for k, v in rels.items()} == {
        "first": ("0", "2"),
        "prev": ("0", "2"),
        "next": ("4", "2"),
        "last": ("4", "2"),
    }
    assert rels["next"]["from"] == day(0).isoformat() and rels["next"]["to"] == day(20).isoformat()
    last = await client.get(f"{base}&skip=4&limit=2", headers=headers)
    assert [b["id"] for b in last.json()] == [str(made[4].id)]
    assert "next" not in links(last)
    beyond = await client.get(f"{base}&skip=10&limit=2", headers=headers)
    assert beyond.json() == []
    assert links(beyond)["last"]["skip"] == "4"  # the total is still known past the end


async def test_by_date_lists_cancelled_reservations_too(
    client: httpx.AsyncClient, db: AsyncSession, pms: Pms
) -> None:
    from staykit.domain.booking import lifecycle

    res = await book_direct(db, pms, day(3), day(5))
    await lifecycle.cancel(db, actor_of(pms.host), res.id)
    await db.commit()
    r = await client.get(
        f"/cloudapi/reservations/byDate?from={day(3)}&to={day(3)}",
        headers=await pms.headers("read:bookings"),
    )
    [body] = r.json()
    assert (body["id"], body["status"]) == (str(res.id), "Cancelled")
    assert body["cancelledAt"] is not None


async def test_by_date_never_lists_another_tenants_reservations(
    client: httpx.AsyncClient, db: AsyncSession, pms: Pms
) -> None:
    ours = await book_direct(db, pms, day(5), day(7))
    await book_elsewhere(db, pms, day(5), day(7))
    r = await client.get(
        f"/cloudapi/reservations/byDate?from={day(0)}&to={day(30)}",
        headers=await pms.headers(*ALL),
    )
    assert [b["id"] for b in r.json()] == [str(ours.id)]


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ("from={d5}&to={d1}", "to"),
        ("from={d1}&to={d400}", "to"),
        ("from={d1}&to={d5}&skip=-1", "skip"),
        ("from={d1}&to={d5}&limit=0", "limit"),
        ("from={d1}&to={d5}&limit=1001", "limit"),
        ("from=tomorrow&to={d5}", "from"),
        ("to={d5}", "from"),
    ],
)
async def test_by_date_bad_parameters_are_400_naming_the_field(
    client: httpx.AsyncClient, pms: Pms, query: str, field: str
) -> None:
    q = query.format(d1=day(1), d5=day(5), d400=day(400))
    for path in ("/cloudapi/reservations/byDate", "/cloudapi/rates/reserved/byDate"):
        r = await client.get(f"{path}?{q}", headers=await pms.headers("read:bookings"))
        problem(r, 400, field)


# --- the change feed ------------------------------------------------------------------------


async def _three_staggered(db: AsyncSession, pms: Pms) -> list[uuid.UUID]:
    """Three reservations, changed a minute apart (oldest first), long before now."""
    made = [await book_direct(db, pms, day(2 * k + 1), day(2 * k + 2)) for k in range(3)]
    for k, res in enumerate(made):
        await db.execute(
            text("UPDATE reservations SET updated_at = now() - :ago WHERE id = :id"),
            {"ago": timedelta(minutes=10 - k), "id": res.id},
        )
    await db.commit()
    return [r.id for r in made]


async def test_updated_pages_follow_the_next_cursor_in_change_order(
    client: httpx.AsyncClient, db: AsyncSession, pms: Pms
) -> None:
    ids = await _three_staggered(db, pms)
    headers = await pms.headers("read:bookings")
    r = await client.get(f"/cloudapi/reservations/updated?from={SINCE}&limit=2", headers=headers)
    assert r.status_code == 200, r.text
    first = r.json()
    assert [b["id"] for b in first] == [str(ids[0]), str(ids[1])]
    rels = links(r)
    assert rels["first"] == {"from": SINCE, "limit": "2"}
    assert rels["next"]["afterId"] == str(ids[1])
    assert rels["next"]["afterAt"] == first[1]["updatedAt"]  # UTC with a Z, as updatedAt
    r2 = await client.get(
        f"/cloudapi/reservations/updated?{'&'.join(f'{k}={quote(v)}' for k, v in rels['next'].items())}",
        headers=headers,
    )
    assert [b["id"] for b in r2.json()] == [str(ids[2])]
    assert set(links(r2)) == {"first"}  # a short page: poll again later from its last item


async def test_updated_from_is_inclusive(
    client: httpx.AsyncClient, db: AsyncSession, pms: Pms
) -> None:
    ids = await _three_staggered(db, pms)
    headers = await pms.headers("read:bookings")
    every = (
        await client.get(f"/cloudapi/reservations/updated?from={SINCE}", headers=headers)
    ).json()
    at = every[1]["updatedAt"]
    r = await client.get(f"/cloudapi/reservations/updated?from={quote(at)}", headers=headers)
    assert [b["id"] for b in r.json()] == [str(ids[1]), str(ids[2])]


async def test_a_changed_reservation_moves_to_the_end_and_is_seen_again(
    client: httpx.AsyncClient, db: AsyncSession, pms: Pms
) -> None:
    ids = await _three_staggered(db, pms)
    headers = await pms.headers("read:bookings")
    r = await client.get(f"/cloudapi/reservations/updated?from={SINCE}&limit=2", headers=headers)
    first = r.json()
    nxt = links(r)["next"]
    await items.add_info_item(db, actor_of(pms.host), ids[0], code="eta", text="22:00")
    await db.commit()
    r2 = await client.get(
        "/cloudapi/reservations/updated?" + "&".join(f"{k}={quote(v)}" for k, v in nxt.items()),
        headers=headers,
    )
    rest = r2.json()
    assert [b["id"] for b in rest] == [str(ids[2]), str(ids[0])]
    assert rest[1]["version"] == first[0]["version"] + 1
    assert rest[1]["updatedAt"] > first[0]["updatedAt"]


async def test_updated_never_lists_another_tenants_reservations(
    client: httpx.AsyncClient, db: AsyncSession, pms: Pms
) -> None:
    ours = await book_direct(db, pms, day(5), day(7))
    await book_elsewhere(db, pms, day(5), day(7))
    for path in ("/cloudapi/reservations/updated", "/cloudapi/rates/reserved/updated"):
        r = await client.get(f"{path}?from={SINCE}", headers=await pms.headers(*ALL))
        assert [b["id"] for b in r.json()] == [str(ours.id)]


@pytest.mark.parametrize(
    ("query", "field"),
    [
        (f"from={SINCE}&afterAt={quote('2025-01-01T00:00:00Z')}", "afterId"),
        (f"from={SINCE}&afterId={uuid.UUID(int=1)}", "afterAt"),
        ("from=2025-01-01T00:00:00", "from"),
        (f"from={SINCE}&afterAt=2025-01-01T00:00:00&afterId={uuid.UUID(int=1)}", "afterAt"),
        (f"from={SINCE}&afterAt={quote('2025-01-01T00:00:00Z')}&afterId=nope", "afterId"),
        (f"from={SINCE}&limit=0", "limit"),
        (f"from={SINCE}&limit=1001", "limit"),
        ("limit=10", "from"),
        ("from=yesterday", "from"),
    ],
)
async def test_updated_bad_cursor_parameters_are_400_naming_the_field(
    client: httpx.AsyncClient, pms: Pms, query: str, field: str
) -> None:
    for path in ("/cloudapi/reservations/updated", "/cloudapi/rates/reserved/updated"):
        r = await client.get(f"{path}?{query}", headers=await pms.headers("read:bookings"))
        problem(r, 400, field)


# --- concurrent changes while paging (committed data) ---------------------------------------


async def test_updated_feed_sees_every_change_made_while_paging(
    committed_client: httpx.AsyncClient, committed_factory: async_sessionmaker[AsyncSession]
) -> None:
    host, ids, headers = await committed_world(committed_factory)
    await run_feed_race(
        committed_client, committed_factory, headers, "/cloudapi/reservations/updated", host, ids
    )
