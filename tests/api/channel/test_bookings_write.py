"""POST /v2/bookings and DELETE /v2/bookings: bookings created and changed through the booking
engine, item by item (each in its own savepoint), answered in request order."""

from __future__ import annotations

import asyncio
from decimal import Decimal
from typing import Any

import httpx
import pytest
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from staykit.domain.booking.commands import NewReservation
from staykit.domain.booking.create import create_reservation
from staykit.domain.booking.models import InvoiceItem, Reservation
from tests.api.channel.helpers import assert_channel_error
from tests.api.cloud.bookings import book_as_guest
from tests.contracts import assert_conforms
from tests.factories import actor_of, days_from, iso_days_from, make_user
from tests.pms import Pms, build_pms

day = iso_days_from()
date_of = days_from()
WRITE = ("read:bookings", "write:bookings")
ALL = (
    "all:bookings",
    "all:bookings-personal",
    "all:bookings-financial",
)


async def post(client: httpx.AsyncClient, headers: dict[str, str], body: Any) -> list[Any]:
    r = await client.post("/v2/bookings", json=body, headers=headers)
    assert r.status_code == 201, r.text
    answer = r.json()
    assert_conforms("multiplePostResponse", answer)
    return list(answer)


def stay(pms: Pms, start: int = 20, nights: int = 2, **fields: Any) -> dict[str, Any]:
    return {
        "roomId": pms.queen.int_id,
        "arrival": day(start),
        "departure": day(start + nights),
        "numAdult": 2,
        **fields,
    }


async def read(client: httpx.AsyncClient, headers: dict[str, str], booking_id: int) -> Any:
    r = await client.get(
        "/v2/bookings",
        params={
            "id": booking_id,
            "includeInvoiceItems": "true",
            "includeInfoItems": "true",
            "status": "confirmed,request,new,cancelled,black,inquiry",
        },
        headers=headers,
    )
    assert r.status_code == 200, r.text
    [booking] = r.json()["data"]
    return booking


# --- create ---------------------------------------------------------------------------------


async def test_new_booking_is_priced_allocated_and_readable_with_its_guest(
    client: httpx.AsyncClient, pms: Pms
) -> None:
    headers = await pms.headers(*ALL)
    [result] = await post(
        client,
        headers,
        [
            stay(
                pms,
                firstName="John",
                lastName="Doe",
                email="john@example.test",
                mobile=123456789,
                apiReference="ext-1",
                notes="Late arrival",
                city="Melbourne",
            )
        ],
    )
    assert result["success"] is True
    new = result["new"]
    assert new["roomId"] == pms.queen.int_id and new["status"] == "confirmed"
    assert new["unitId"] in {u.int_id for u in pms.queen_units}
    assert new["price"] == 240  # two nights at the rate's 120: the server's price
    assert "city" in result["warnings"][0]["message"]

    booking = await read(client, headers, new["id"])
    assert (booking["firstName"], booking["lastName"], booking["mobile"]) == (
        "John",
        "Doe",
        "123456789",
    )
    assert booking["apiReference"] == "ext-1" and booking["notes"] == "Late arrival"
    assert booking["apiSource"] == "Channel API"
    assert sum(i["lineTotal"] for i in booking["invoiceItems"]) == 240


async def test_a_price_the_server_does_not_compute_is_that_items_error(
    client: httpx.AsyncClient, pms: Pms, db: AsyncSession
) -> None:
    headers = await pms.headers(*ALL)
    wrong, right = await post(client, headers, [stay(pms, price=99), stay(pms, 30, price=240)])
    assert wrong["success"] is False and "new" not in wrong
    [error] = wrong["errors"]
    assert error["field"] == "price" and "240" in error["message"]
    assert right["success"] is True and right["new"]["price"] == 240


async def test_one_bad_item_among_good_ones_changes_nothing_of_its_own(
    client: httpx.AsyncClient, pms: Pms, db: AsyncSession
) -> None:
    headers = await pms.headers(*WRITE)
    results = await post(
        client,
        headers,
        [
            stay(pms, 20),
            {"roomId": pms.other_listing.int_id, "arrival": day(20), "departure": day(22)},
            stay(pms, 20, departure="not a date"),
            "not an object",
            stay(pms, 24),
        ],
    )
    assert [r["success"] for r in results] == [True, False, False, False, True]
    assert results[1]["errors"][0]["field"] == "roomId"  # another business's room: not found
    assert results[2]["errors"][0]["field"] == "departure"
    count = await db.scalar(
        select(func.count())
        .select_from(Reservation)
        .where(Reservation.business_id == pms.business_id)
    )
    assert count == 2


async def test_an_unavailable_stay_is_that_items_error_naming_the_nights(
    client: httpx.AsyncClient, pms: Pms
) -> None:
    headers = await pms.headers(*WRITE)
    cabin = {"roomId": pms.cabin.int_id, "arrival": day(20), "departure": day(23)}
    first, second, third = await post(
        client, headers, [cabin, {**cabin, "arrival": day(22), "departure": day(24)}, cabin]
    )
    assert first["success"] is True
    assert second["success"] is False
    assert second["errors"][0]["field"] == "arrival"
    assert day(22) in second["errors"][0]["message"]
    assert third["success"] is False


async def test_the_given_unit_is_booked_when_free(client: httpx.AsyncClient, pms: Pms) -> None:
    headers = await pms.headers(*WRITE)
    second = pms.queen_units[1].int_id
    a, b = await post(client, headers, [stay(pms, unitId=second), stay(pms, unitId=second)])
    assert a["new"]["unitId"] == second
    assert b["success"] is False and b["errors"][0]["field"] == "arrival"


async def test_the_same_api_reference_twice_the_second_is_refused_naming_the_first(
    client: httpx.AsyncClient, pms: Pms
) -> None:
    headers = await pms.headers(*WRITE)
    item = stay(pms, apiReference="ota-77")
    first, again = await post(client, headers, [item, item])
    assert first["success"] is True
    assert again["success"] is False
    assert again["errors"][0]["field"] == "apiReference"
    assert str(first["new"]["id"]) in again["errors"][0]["message"]


async def test_personal_and_financial_fields_need_their_write_scopes(
    client: httpx.AsyncClient, pms: Pms
) -> None:
    headers = await pms.headers(*WRITE)
    named, priced, plain = await post(
        client,
        headers,
        [stay(pms, firstName="Ann"), stay(pms, 30, price=240), stay(pms, 40)],
    )
    assert named["errors"][0]["field"] == "firstName"
    assert "write:bookings-personal" in named["errors"][0]["message"]
    assert priced["errors"][0]["field"] == "price"
    assert plain["success"] is True and "price" not in plain["new"]


async def test_a_nul_character_in_a_guest_field_is_that_fields_error(
    client: httpx.AsyncClient, pms: Pms
) -> None:
    """Found by the contract fuzzer: PostgreSQL text cannot hold NUL, and the item was
    refused with "The database refused the change (a concurrent write); retry." (no field,
    and a retry that can never succeed)."""
    headers = await pms.headers(*ALL)
    results = await post(
        client,
        headers,
        [
            stay(pms, firstName="A\x00n"),
            stay(pms, 30, apiReference="ref\x00"),
            stay(pms, 40, lastName="Plain"),
        ],
    )
    assert [r["success"] for r in results] == [False, False, True]
    assert [r["errors"][0]["field"] for r in results[:2]] == ["firstName", "apiReference"]
    assert all("NUL" in r["errors"][0]["message"] for r in results[:2])


async def test_without_write_bookings_the_request_is_403(
    client: httpx.AsyncClient, pms: Pms
) -> None:
    r = await client.post(
        "/v2/bookings", json=[stay(pms)], headers=await pms.headers("read:bookings")
    )
    assert_channel_error(r, 403)
    assert "write:bookings" in r.json()["error"]


async def test_more_than_10000_items_is_400_and_writes_nothing(
    client: httpx.AsyncClient, pms: Pms
) -> None:
    r = await client.post("/v2/bookings", json=[{}] * 10_001, headers=await pms.headers(*WRITE))
    assert_channel_error(r, 400, field="body")


async def test_make_group_puts_the_new_bookings_in_one_group(
    client: httpx.AsyncClient, pms: Pms
) -> None:
    headers = await pms.headers(*WRITE)
    a, b = await post(
        client,
        headers,
        [
            stay(pms, actions={"makeGroup": True}),
            {**stay(pms), "roomId": pms.cabin.int_id, "actions": {"makeGroup": True}},
        ],
    )
    assert "masterId" not in a["new"] and b["new"]["masterId"] == a["new"]["id"]


# --- modify ---------------------------------------------------------------------------------


async def test_changing_dates_guest_and_notes_re_prices_and_reports_what_changed(
    client: httpx.AsyncClient, pms: Pms
) -> None:
    headers = await pms.headers(*ALL)
    [made] = await post(client, headers, [stay(pms, firstName="Ann")])
    booking_id = made["new"]["id"]
    [changed] = await post(
        client,
        headers,
        [{"id": booking_id, "departure": day(23), "lastName": "Lee", "notes": "Cot please"}],
    )
    assert changed["success"] is True, changed
    assert changed["modified"]["departure"] == day(23)
    assert changed["modified"]["lastName"] is True and changed["modified"]["notes"] is True
    booking = await read(client, headers, booking_id)
    assert (booking["firstName"], booking["lastName"]) == ("Ann", "Lee")
    assert booking["price"] == 360


async def test_cancelling_through_status_frees_the_nights(
    client: httpx.AsyncClient, pms: Pms
) -> None:
    headers = await pms.headers(*WRITE)
    cabin = {"roomId": pms.cabin.int_id, "arrival": day(20), "departure": day(22)}
    [made] = await post(client, headers, [cabin])
    cancel, rebook = await post(
        client, headers, [{"id": made["new"]["id"], "status": "cancelled"}, cabin]
    )
    assert cancel["modified"]["status"] == "cancelled"
    assert rebook["success"] is True


async def test_a_modify_that_breaks_a_rule_leaves_the_booking_as_it_was(
    client: httpx.AsyncClient, pms: Pms
) -> None:
    headers = await pms.headers(*WRITE)
    cabin = {"roomId": pms.cabin.int_id, "arrival": day(20), "departure": day(22)}
    first, _ = await post(
        client, headers, [cabin, {**cabin, "arrival": day(22), "departure": day(24)}]
    )
    [moved] = await post(
        client, headers, [{"id": first["new"]["id"], "departure": day(23), "numAdult": 3}]
    )
    assert moved["success"] is False and moved["errors"][0]["field"] == "arrival"
    booking = await read(client, headers, first["new"]["id"])
    assert (booking["departure"], booking["numAdult"]) == (day(22), 1)


async def test_master_id_joins_a_group_and_null_leaves_it(
    client: httpx.AsyncClient, pms: Pms
) -> None:
    headers = await pms.headers(*WRITE)
    a, b = await post(client, headers, [stay(pms), stay(pms)])
    master, member = a["new"]["id"], b["new"]["id"]
    [joined] = await post(client, headers, [{"id": member, "masterId": master}])
    assert joined["modified"]["masterId"] == master
    [left] = await post(client, headers, [{"id": member, "masterId": None}])
    assert left["success"] is True and "masterId" in left["modified"]
    assert "masterId" not in await read(client, headers, member)


async def test_unknown_or_other_business_booking_ids_are_not_found(
    client: httpx.AsyncClient, pms: Pms, db: AsyncSession
) -> None:
    guest = await make_user(db)
    theirs = await create_reservation(
        db,
        actor_of(guest),
        NewReservation(pms.other_listing.id, date_of(50), date_of(52), adults=1),
    )
    ours = await book_as_guest(db, pms, guest, date_of(50), date_of(52))
    headers = await pms.headers(*WRITE)
    missing, other, own = await post(
        client,
        headers,
        [
            {"id": 999_999_999, "status": "cancelled"},
            {"id": theirs.reservation.int_id, "status": "cancelled"},
            {"id": ours.int_id, "notes": "x"},
        ],
    )
    assert missing["success"] is False and missing["errors"][0]["field"] == "id"
    assert other["success"] is False and other["errors"][0]["field"] == "id"
    await db.refresh(theirs.reservation)
    assert theirs.reservation.status == "confirmed"
    # notes need write:bookings-personal: refused whole, but the booking was found
    assert own["errors"][0]["field"] == "notes"


async def test_the_same_booking_twice_in_one_request_is_applied_in_order(
    client: httpx.AsyncClient, pms: Pms
) -> None:
    headers = await pms.headers(*WRITE)
    [made] = await post(client, headers, [stay(pms)])
    booking_id = made["new"]["id"]
    first, second = await post(
        client,
        headers,
        [{"id": booking_id, "departure": day(25)}, {"id": booking_id, "departure": day(24)}],
    )
    assert first["modified"]["departure"] == day(25)
    assert second["modified"]["departure"] == day(24)
    assert (await read(client, headers, booking_id))["departure"] == day(24)


async def test_a_room_id_change_moves_the_booking_re_priced_and_frees_the_old_room(
    client: httpx.AsyncClient, pms: Pms
) -> None:
    headers = await pms.headers(*ALL)
    [made] = await post(client, headers, [stay(pms, unitId=pms.queen_units[0].int_id)])
    booking_id = made["new"]["id"]
    cabin = {"roomId": pms.cabin.int_id, "arrival": day(20), "departure": day(22)}
    [blocker] = await post(client, headers, [{**cabin, "arrival": day(40), "departure": day(42)}])
    full, other, moved, rebook = await post(
        client,
        headers,
        [
            # the cabin is taken on these nights: refused, the booking stays as it was
            {
                "id": booking_id,
                "roomId": pms.cabin.int_id,
                "arrival": day(40),
                "departure": day(42),
            },
            # a room of another business is not found
            {"id": booking_id, "roomId": pms.other_listing.int_id},
            # priced on the cabin's default rate: 2 nights at 200 (a claimed price is checked)
            {"id": booking_id, "roomId": pms.cabin.int_id, "price": 400},
            # the queen unit the booking left is free again
            stay(pms, unitId=pms.queen_units[0].int_id),
        ],
    )
    assert full["success"] is False and full["errors"][0]["field"] == "arrival"
    assert day(40) in full["errors"][0]["message"]
    assert other["success"] is False and other["errors"][0]["field"] == "roomId"
    assert moved["success"] is True, moved
    assert moved["modified"]["roomId"] == pms.cabin.int_id
    assert moved["modified"]["unitId"] == pms.cabin_unit.int_id
    assert "propertyId" not in moved["modified"]  # the same property
    assert rebook["success"] is True
    booking = await read(client, headers, booking_id)
    assert (booking["roomId"], booking["unitId"]) == (pms.cabin.int_id, pms.cabin_unit.int_id)
    assert (booking["arrival"], booking["departure"], booking["price"]) == (day(20), day(22), 400)
    assert sum(i["lineTotal"] for i in booking["invoiceItems"]) == 400
    assert blocker["success"] is True


# --- invoice and info items -----------------------------------------------------------------


async def test_info_items_are_added_changed_and_deleted(
    client: httpx.AsyncClient, pms: Pms
) -> None:
    headers = await pms.headers(*ALL)
    [made] = await post(client, headers, [stay(pms, infoItems=[{"code": "A", "text": "one"}])])
    booking_id = made["new"]["id"]
    [item] = made["new"]["infoItems"]
    [changed] = await post(
        client,
        headers,
        [
            {
                "id": booking_id,
                "infoItems": [{"id": item["id"], "text": "two"}, {"code": "B", "text": "b"}],
            }
        ],
    )
    assert changed["modified"]["infoItems"] == [{"id": item["id"]}]
    [added] = changed["new"]["infoItems"]
    booking = await read(client, headers, booking_id)
    assert [(i["code"], i["text"]) for i in booking["infoItems"]] == [("A", "two"), ("B", "b")]
    [deleted] = await post(
        client, headers, [{"id": booking_id, "infoItems": [{"id": added["id"]}]}]
    )
    assert deleted["modified"]["infoItems"] == [{"id": added["id"], "deleted": True}]
    assert len((await read(client, headers, booking_id))["infoItems"]) == 1


async def test_an_invalid_sub_item_does_not_sink_its_valid_booking(
    client: httpx.AsyncClient, pms: Pms, db: AsyncSession
) -> None:
    headers = await pms.headers(*ALL)
    [made] = await post(
        client,
        headers,
        [
            stay(
                pms,
                invoiceItems=[
                    {"type": "charge", "qty": 2, "amount": 50, "description": "Breakfast"},
                    {"type": "charge", "qty": 0, "amount": 5},
                ],
                infoItems=[{"code": "only code"}],
            )
        ],
    )
    assert made["success"] is False
    assert made["new"]["id"] and len(made["new"]["invoiceItems"]) == 1
    fields = sorted(e["field"] for e in made["errors"])
    assert fields == ["infoItems.text", "invoiceItems.qty"]
    booking = await read(client, headers, made["new"]["id"])
    assert any(
        i["description"] == "Breakfast" and i["lineTotal"] == 100 for i in booking["invoiceItems"]
    )


async def test_invoice_items_are_changed_and_deleted_but_the_stay_charge_is_not(
    client: httpx.AsyncClient, pms: Pms, db: AsyncSession
) -> None:
    headers = await pms.headers(*ALL)
    [made] = await post(
        client, headers, [stay(pms, invoiceItems=[{"type": "payment", "amount": 100}])]
    )
    booking_id = made["new"]["id"]
    [payment] = made["new"]["invoiceItems"]
    booking = await read(client, headers, booking_id)
    stay_charge = next(i for i in booking["invoiceItems"] if i["type"] == "charge")
    [result] = await post(
        client,
        headers,
        [
            {
                "id": booking_id,
                "invoiceItems": [
                    {"id": payment["id"], "amount": 120},
                    {"id": stay_charge["id"], "amount": 1},
                ],
            }
        ],
    )
    assert result["modified"]["invoiceItems"] == [{"id": payment["id"]}]
    assert result["errors"][0]["field"] == "invoiceItems.id"
    [gone] = await post(
        client, headers, [{"id": booking_id, "invoiceItems": [{"id": payment["id"]}]}]
    )
    assert gone["success"] is True
    # Deleted is hidden, never erased: the money history stays.
    row = await db.scalar(select(InvoiceItem).where(InvoiceItem.int_id == payment["id"]))
    assert row is not None and row.is_active is False and row.amount == Decimal(120)


# --- DELETE ---------------------------------------------------------------------------------


async def test_delete_cancels_and_keeps_the_booking(client: httpx.AsyncClient, pms: Pms) -> None:
    headers = await pms.headers(*WRITE, "delete:bookings")
    [made] = await post(client, headers, [stay(pms)])
    booking_id = made["new"]["id"]
    r = await client.delete(
        "/v2/bookings", params={"id": [booking_id, 999_999_999]}, headers=headers
    )
    assert r.status_code == 201, r.text
    done, missing = r.json()
    assert done["success"] is True and done["modified"]["status"] == "cancelled"
    assert missing["success"] is False and missing["errors"][0]["field"] == "id"
    assert (await read(client, headers, booking_id))["status"] == "cancelled"
    r = await client.delete("/v2/bookings", params={"id": booking_id}, headers=headers)
    assert r.json()[0]["success"] is True and "already" in r.json()[0]["info"][0]["message"]


async def test_delete_needs_delete_bookings_and_an_id(client: httpx.AsyncClient, pms: Pms) -> None:
    r = await client.delete("/v2/bookings", params={"id": 1}, headers=await pms.headers(*WRITE))
    assert_channel_error(r, 403)
    r = await client.delete("/v2/bookings", headers=await pms.headers("delete:bookings"))
    assert_channel_error(r, 400, field="id")


async def test_delete_answers_each_integer_id_even_one_that_names_no_booking(
    client: httpx.AsyncClient, pms: Pms
) -> None:
    """Found by the contract fuzzer: the document types the ids as integers, and a negative
    one (or one beyond any id) made the whole request a 400; it is that id's "not found"."""
    headers = await pms.headers(*WRITE, "delete:bookings")
    [made] = await post(client, headers, [stay(pms)])
    r = await client.delete(
        "/v2/bookings", params={"id": [-5, 2**70, 0, made["new"]["id"]]}, headers=headers
    )
    assert r.status_code == 201, r.text
    results = r.json()
    assert_conforms("multiplePostResponse", results)
    assert [r["success"] for r in results] == [False, False, False, True]
    assert all(r["errors"][0]["field"] == "id" for r in results[:3])
    r = await client.delete("/v2/bookings", params={"id": "seven"}, headers=headers)
    assert_channel_error(r, 400, field="id")


# --- races ------------------------------------------------------------------------------------


@pytest.fixture
async def committed_pms(committed_factory: async_sessionmaker[AsyncSession]) -> Any:
    async with committed_factory() as s:
        yield await build_pms(s, channel=True), s


async def test_two_concurrent_posts_for_the_last_unit_exactly_one_wins(
    committed_client: httpx.AsyncClient, committed_pms: Any
) -> None:
    pms, _ = committed_pms
    headers = await pms.headers(*WRITE)
    cabin = [{"roomId": pms.cabin.int_id, "arrival": day(20), "departure": day(22)}]
    answers = await asyncio.gather(
        *(committed_client.post("/v2/bookings", json=cabin, headers=headers) for _ in range(2))
    )
    results = [r.json()[0] for r in answers]
    assert sorted(r["success"] for r in results) == [False, True]
    [lost] = [r for r in results if not r["success"]]
    assert (
        "not available" in lost["errors"][0]["message"] and day(20) in lost["errors"][0]["message"]
    )


async def test_a_channel_booking_and_a_marketplace_booking_race_for_the_same_night_one_wins(
    committed_client: httpx.AsyncClient,
    committed_pms: Any,
    committed_factory: async_sessionmaker[AsyncSession],
) -> None:
    pms, s = committed_pms
    headers = await pms.headers(*WRITE)
    guest = await make_user(s)
    await s.commit()
    both = [{**stay(pms), "unitId": u.int_id} for u in pms.queen_units]  # takes both queens

    async def marketplace() -> Any:
        async with committed_factory() as other:
            try:
                return await book_as_guest(other, pms, guest, date_of(20), date_of(22))
            except Exception as exc:  # the loser's conflict
                return exc

    channel, market = await asyncio.gather(
        committed_client.post("/v2/bookings", json=both, headers=headers), marketplace()
    )
    wins = [r["success"] for r in channel.json()]
    market_won = isinstance(market, Reservation)
    assert wins.count(True) + market_won == 2  # two queens, one loser
    async with committed_factory() as check:
        held = await check.scalar(
            select(func.count()).select_from(Reservation).where(Reservation.status == "confirmed")
        )
    assert held == 2
