"""GET/POST /v2/channels/settings and the channels no account can connect yet, through
HTTP."""

from __future__ import annotations

from typing import Any

import httpx
import pytest
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from staykit.domain.catalog.models import Unit, UnitType
from tests.api.channel.helpers import assert_channel_error
from tests.api.channel.test_accounts import assert_matches_contract, catalog_ids
from tests.factories import add_member, make_user, partner_token
from tests.pms import Pms

SETTINGS = "/v2/channels/settings"


FEED_FIELDS = (
    "iCalUri",
    "propertyDescriptionICalUri",
    "roomDescriptionICalUri",
    "propertyAndRoomDescriptionICalUri",
    "units",
)


async def feeds(db: AsyncSession, room: int) -> dict[str, Any]:
    """A room's export URLs and its units' as the settings show them (test base URL)."""
    unit_type = await db.scalar(select(UnitType).where(UnitType.int_id == room))
    assert unit_type is not None
    url = f"http://testserver/ical/{unit_type.ical_token}.ics"
    units = (
        await db.scalars(
            select(Unit).where(Unit.unit_type_id == unit_type.id).order_by(Unit.name, Unit.int_id)
        )
    ).all()
    return {
        "iCalUri": url,
        "propertyDescriptionICalUri": f"{url}?description=property",
        "roomDescriptionICalUri": f"{url}?description=room",
        "propertyAndRoomDescriptionICalUri": f"{url}?description=propertyAndRoom",
        "units": [
            {
                "id": u.int_id,
                "name": u.name,
                "iCalUri": f"http://testserver/ical/{u.ical_token}.ics",
            }
            for u in units
        ],
    }


def without_feeds(room: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in room.items() if k not in FEED_FIELDS}


def imports(property_id: int, room: dict[str, Any], **prop: Any) -> dict[str, Any]:
    return {
        "channel": "iCalImport",
        "properties": [{"id": property_id, **prop, "roomTypes": [room]}],
    }


async def test_settings_read_as_defaults_for_every_room_until_set(
    client: httpx.AsyncClient, db: AsyncSession, pms: Pms
) -> None:
    property_id, queen, cabin = await catalog_ids(db, pms)
    r = await client.get(
        f"{SETTINGS}?propertyId={property_id}", headers=await pms.headers("read:channels")
    )
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["type"] == "channelSetting" and body["count"] == 2
    export, imported = body["data"]
    # Every room exports by default; its feed URLs (and its units') are shown.
    assert export == {
        "channel": "iCalExport",
        "properties": [
            {
                "id": property_id,
                "roomTypes": [
                    {
                        "id": queen,
                        "export": "bookingsAndUnavailableDates",
                        **await feeds(db, queen),
                    },
                    {
                        "id": cabin,
                        "export": "bookingsAndUnavailableDates",
                        **await feeds(db, cabin),
                    },
                ],
            }
        ],
    }
    assert imported["channel"] == "iCalImport"
    [prop] = imported["properties"]
    assert prop["modificationNotification"] == "modificationAllowedBookingNotificationOnly"
    assert prop["roomTypes"][0] == {
        "id": queen,
        "import1": "disable",
        "import2": "disable",
        "import3": "disable",
    }
    assert_matches_contract("iCalExportSettingsGet", [export])
    assert_matches_contract("iCalImportSettingsGet", [imported])


async def test_posted_import_settings_are_stored_and_read_back(
    client: httpx.AsyncClient, db: AsyncSession, pms: Pms
) -> None:
    property_id, queen, _ = await catalog_ids(db, pms)
    headers = await pms.headers("read:channels", "write:channels")
    room = {
        "id": queen,
        "iCalUri1": "https://www.airbnb.com/calendar/ical/1.ics?s=abc",
        "import1": "endDateCheckoutIgnoreDuplicate",
        "ignoreContaining1": "Not available",
    }
    notification = {"modificationNotification": "modificationProhibitedNoEmailNotification"}
    r = await client.post(
        SETTINGS, headers=headers, json=[imports(property_id, room, **notification)]
    )
    assert r.status_code == 201, r.text
    [result] = r.json()
    assert result["success"] is True
    assert result["new"] == {
        "channel": "iCalImport",
        "properties": [
            {
                "id": property_id,
                "modificationNotification": "modificationProhibitedNoEmailNotification",
                "roomTypes": [room],
            }
        ],
    }
    assert_matches_contract("multiplePostResponse", r.json())

    r = await client.get(
        f"{SETTINGS}?propertyId={property_id}&channel=iCalImport&roomId={queen}", headers=headers
    )
    [item] = r.json()["data"]
    [prop] = item["properties"]
    assert prop["modificationNotification"] == "modificationProhibitedNoEmailNotification"
    [got] = prop["roomTypes"]
    # The import exists as soon as it is set; it has not been fetched yet.
    assert got.pop("importStatus") == [
        {
            "slot": 1,
            "status": "pending",
            "lastFetch": None,
            "lastSuccess": None,
            "nextFetch": None,
            "lastError": None,
            "consecutiveEmptyFetches": 0,
            "consecutiveFailures": 0,
            "eventsImported": 0,
            "nightsHeldBack": 0,
        }
    ]
    assert got == {**room, "import2": "disable", "import3": "disable"}


async def test_a_second_post_modifies_only_the_fields_given_and_null_resets_one(
    client: httpx.AsyncClient, db: AsyncSession, pms: Pms
) -> None:
    property_id, _, cabin = await catalog_ids(db, pms)
    headers = await pms.headers("read:channels", "write:channels")
    first = {"id": cabin, "export": "bookings", "iCalRoomDescription": "Cabin by the lake"}
    item = {"channel": "iCalExport", "properties": [{"id": property_id, "roomTypes": [first]}]}
    assert (await client.post(SETTINGS, headers=headers, json=[item])).status_code == 201

    change = {"id": cabin, "export": "unavailableDates", "iCalRoomDescription": None}
    item = {"channel": "iCalExport", "properties": [{"id": property_id, "roomTypes": [change]}]}
    r = await client.post(SETTINGS, headers=headers, json=[item])
    [result] = r.json()
    assert result["success"] is True and "new" not in result
    assert result["modified"]["properties"][0]["roomTypes"] == [
        {"id": cabin, "export": "unavailableDates", "iCalRoomDescription": None}
    ]
    r = await client.get(
        f"{SETTINGS}?propertyId={property_id}&channel=iCalExport&roomId={cabin}", headers=headers
    )
    [got] = r.json()["data"][0]["properties"][0]["roomTypes"]
    assert without_feeds(got) == {"id": cabin, "export": "unavailableDates"}

    r = await client.post(SETTINGS, headers=headers, json=[item])
    [again] = r.json()
    assert again["success"] is True and "modified" not in again
    assert again["info"][0]["message"] == "Nothing changed."


@pytest.mark.parametrize(
    "url",
    [
        "https://owner:secret@calendar.example.com/feed.ics",
        "ftp://calendar.example.com/feed.ics",
        "http://localhost:8000/feed.ics",
        "http://127.0.0.1/feed.ics",
        "http://10.0.0.8/feed.ics",
        "http://[::1]/feed.ics",
        "https:///feed.ics",
        "https://calendar.example.com/a feed.ics",
    ],
)
async def test_an_import_url_must_be_a_public_http_address_without_credentials(
    client: httpx.AsyncClient, db: AsyncSession, pms: Pms, url: str
) -> None:
    property_id, queen, _ = await catalog_ids(db, pms)
    headers = await pms.headers("read:channels", "write:channels")
    room = {"id": queen, "iCalUri2": url, "import2": "endDateLastNight"}
    r = await client.post(SETTINGS, headers=headers, json=[imports(property_id, room)])
    assert r.status_code == 201, r.text
    [result] = r.json()
    assert result["success"] is False and "new" not in result
    [error] = result["errors"]
    assert error["field"] == "properties[0].roomTypes[0].iCalUri2"
    assert "secret" not in r.text and url not in r.text
    # The item changed nothing: its valid import mode was not stored either.
    r = await client.get(
        f"{SETTINGS}?propertyId={property_id}&channel=iCalImport&roomId={queen}", headers=headers
    )
    assert r.json()["data"][0]["properties"][0]["roomTypes"][0]["import2"] == "disable"


async def test_a_nul_character_in_a_setting_is_that_items_error(
    client: httpx.AsyncClient, db: AsyncSession, pms: Pms
) -> None:
    """Found by the contract fuzzer: PostgreSQL text cannot hold NUL, and the database's
    refusal made the whole request a 400 ("A value is out of range or malformed")."""
    property_id, queen, _ = await catalog_ids(db, pms)
    export = {"channel": "iCalExport", "properties": [{"id": property_id, "roomTypes": []}]}
    bad = {"id": queen, "iCalRoomDescription": "Queen\x00room"}
    good = {"id": queen, "export": "bookings"}
    r = await client.post(
        SETTINGS,
        headers=await pms.headers("write:channels"),
        json=[
            {**export, "properties": [{"id": property_id, "roomTypes": [bad]}]},
            {**export, "properties": [{"id": property_id, "roomTypes": [good]}]},
        ],
    )
    assert r.status_code == 201, r.text
    refused, stored = r.json()
    assert refused["errors"][0]["field"] == "properties[0].roomTypes[0].iCalRoomDescription"
    assert stored["success"] is True


async def test_each_item_is_answered_in_request_order_with_its_own_errors(
    client: httpx.AsyncClient, db: AsyncSession, pms: Pms
) -> None:
    property_id, queen, cabin = await catalog_ids(db, pms)
    headers = await pms.headers("write:channels")
    export = {"id": queen, "export": "bookingsAndUnavailableDates"}
    r = await client.post(
        SETTINGS,
        headers=headers,
        json=[
            {"channel": "iCalExport", "properties": [{"id": property_id, "roomTypes": [export]}]},
            {"channel": "nuki", "properties": []},
            imports(property_id, {"id": cabin, "import1": "sometimes"}),
            {"channel": "airbnb", "properties": [{"id": property_id, "multiplier": 1.3}]},
            {
                "channel": "iCalExport",
                "properties": [{"id": property_id, "seed": "abc-123", "colour": "blue"}],
            },
        ],
    )
    assert r.status_code == 201, r.text
    ok, nuki, bad_mode, airbnb, warned = r.json()
    assert ok["success"] is True and ok["new"]["properties"][0]["roomTypes"] == [export]
    assert nuki["success"] is False and nuki["errors"][0]["field"] == "channel"
    assert bad_mode["success"] is False
    assert bad_mode["errors"][0]["field"] == "properties[0].roomTypes[0].import1"
    assert airbnb["success"] is False and "not connected" in airbnb["errors"][0]["message"]
    assert warned["success"] is True and warned["new"]["properties"][0]["seed"] == "abc-123"
    assert warned["warnings"][0]["field"] == "properties[0].colour"


async def test_an_item_that_is_not_an_object_is_a_400_naming_it(
    client: httpx.AsyncClient, pms: Pms
) -> None:
    r = await client.post(
        SETTINGS, headers=await pms.headers("write:channels"), json=[{"channel": "x"}, "junk"]
    )
    assert_channel_error(r, 400, field="1")


async def test_settings_of_another_business_or_an_unknown_room_are_not_written(
    client: httpx.AsyncClient, db: AsyncSession, pms: Pms
) -> None:
    property_id, queen, _ = await catalog_ids(db, pms)
    headers = await pms.headers("write:channels")
    other_room = await _other_room_int_id(db, pms)
    r = await client.post(
        SETTINGS,
        headers=headers,
        json=[
            imports(999_999_999, {"id": queen, "import1": "endDateCheckout"}),
            imports(property_id, {"id": other_room, "import1": "endDateCheckout"}),
        ],
    )
    unknown_property, foreign_room = r.json()
    assert unknown_property["errors"][0]["field"] == "properties[0].id"
    assert foreign_room["errors"][0]["field"] == "properties[0].roomTypes[0].id"


@pytest.mark.parametrize("named", [2**70, -1, "\u00b2", "12" * 20, True])
async def test_an_id_that_names_no_row_is_that_items_error(
    client: httpx.AsyncClient, db: AsyncSession, pms: Pms, named: object
) -> None:
    """Found by the contract fuzzer: an id beyond a BIGINT reached the database (a 400 for
    the whole request); a string of non-ASCII digits ("\u00b2") failed int() (a 500)."""
    property_id, queen, _ = await catalog_ids(db, pms)
    r = await client.post(
        SETTINGS,
        headers=await pms.headers("write:channels"),
        json=[
            imports(named, {"id": queen, "import1": "endDateCheckout"}),  # type: ignore[arg-type]
            imports(property_id, {"id": named, "import1": "endDateCheckout"}),
            imports(property_id, {"id": queen, "import1": "endDateCheckout"}),
        ],
    )
    assert r.status_code == 201, r.text
    bad_property, bad_room, ok = r.json()
    assert bad_property["errors"][0]["field"] == "properties[0].id"
    assert bad_room["errors"][0]["field"] == "properties[0].roomTypes[0].id"
    assert ok["success"] is True
    assert "\u00b2" not in r.text and "12" * 20 not in r.text


async def _other_room_int_id(db: AsyncSession, pms: Pms) -> int:
    from sqlalchemy import select

    from staykit.domain.catalog.models import UnitType

    found = await db.scalar(select(UnitType.int_id).where(UnitType.id == pms.other_listing.id))
    assert found is not None
    return int(found)


async def test_reading_another_business_property_matches_nothing(
    client: httpx.AsyncClient, db: AsyncSession, pms: Pms
) -> None:
    from sqlalchemy import select

    from staykit.domain.catalog.models import Property

    other = await db.scalar(
        select(Property.int_id).where(Property.business_id == pms.other_business_id)
    )
    r = await client.get(
        f"{SETTINGS}?propertyId={other}", headers=await pms.headers("read:channels")
    )
    assert r.status_code == 200, r.text
    assert [item["properties"] for item in r.json()["data"]] == [[], []]


async def test_a_staff_members_token_may_read_but_not_change_settings(
    client: httpx.AsyncClient, db: AsyncSession, pms: Pms
) -> None:
    property_id, queen, _ = await catalog_ids(db, pms)
    staff = await make_user(db)
    await add_member(db, pms.business_id, staff, "staff")
    made = await partner_token(
        db, staff, [pms.business_id], kind="channel", scopes=["read:channels", "write:channels"]
    )
    headers = {"token": made.value}
    r = await client.get(f"{SETTINGS}?propertyId={property_id}", headers=headers)
    assert r.json()["data"][0]["properties"][0]["id"] == property_id
    r = await client.post(
        SETTINGS, headers=headers, json=[imports(property_id, {"id": queen, "import1": "disable"})]
    )
    [result] = r.json()
    assert result["success"] is False and result["errors"][0]["field"] == "properties[0].id"


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ("", "propertyId"),
        ("propertyId=abc", "propertyId"),
        ("propertyId=1&roomId=x", "roomId"),
        ("propertyId=1&channel=nuki", "channel"),
    ],
)
async def test_bad_settings_parameters_are_400_naming_the_field(
    client: httpx.AsyncClient, pms: Pms, query: str, field: str
) -> None:
    r = await client.get(f"{SETTINGS}?{query}", headers=await pms.headers("read:channels"))
    assert_channel_error(r, 400, field=field)


async def test_settings_accept_comma_separated_ids_and_channels(
    client: httpx.AsyncClient, db: AsyncSession, pms: Pms
) -> None:
    property_id, queen, cabin = await catalog_ids(db, pms)
    r = await client.get(
        f"{SETTINGS}?propertyId={property_id},999999999&roomId={cabin}&channel=iCalExport,airbnb",
        headers=await pms.headers("read:channels"),
    )
    [item] = r.json()["data"]
    assert item["channel"] == "iCalExport"
    assert [room["id"] for room in item["properties"][0]["roomTypes"]] == [cabin]
    assert queen != cabin


async def test_settings_need_read_and_write_channels(client: httpx.AsyncClient, pms: Pms) -> None:
    r = await client.get(f"{SETTINGS}?propertyId=1", headers=await pms.headers("read:properties"))
    assert "read:channels" in str(assert_channel_error(r, 403, field="scope")["error"])
    r = await client.post(SETTINGS, headers=await pms.headers("read:channels"), json=[])
    assert "write:channels" in str(assert_channel_error(r, 403, field="scope")["error"])
    r = await client.post(SETTINGS, headers=await pms.headers("write:channels"), json={"a": 1})
    assert_channel_error(r, 400)


NOT_CONNECTED = [
    ("GET", "/v2/channels/airbnb/users", "read:channels", "Airbnb"),
    ("GET", "/v2/channels/airbnb/listings?airbnbUserId=1", "read:channels", "Airbnb"),
    ("GET", "/v2/channels/airbnb/reviews?roomId=1", "read:channels", "Airbnb"),
    ("POST", "/v2/channels/airbnb", "write:channels", "Airbnb"),
    ("POST", "/v2/channels/booking", "write:channels", "Booking.com"),
    (
        "GET",
        "/v2/channels/booking/reviews?propertyId=1&from=2026-01-01",
        "read:channels",
        "Booking.com",
    ),
]


@pytest.mark.parametrize(("method", "path", "scope", "name"), NOT_CONNECTED)
async def test_unconnected_channels_answer_409_after_the_scope_check(
    client: httpx.AsyncClient, pms: Pms, method: str, path: str, scope: str, name: str
) -> None:
    body = [{"action": "reportNoShow", "bookingId": 1}] if method == "POST" else None
    other = "write:channels" if scope == "read:channels" else "read:channels"
    r = await client.request(method, path, headers=await pms.headers(other), json=body)
    assert scope in str(assert_channel_error(r, 403, field="scope")["error"])
    r = await client.request(method, path, headers=await pms.headers(scope), json=body)
    error = str(assert_channel_error(r, 409)["error"])
    assert error.startswith(f"{name} is not connected")


@pytest.mark.parametrize(
    ("path", "field"),
    [
        ("/v2/channels/airbnb/listings", "airbnbUserId"),
        ("/v2/channels/booking/reviews?propertyId=1", "from"),
    ],
)
async def test_unconnected_channel_reads_still_check_their_parameters(
    client: httpx.AsyncClient, pms: Pms, path: str, field: str
) -> None:
    r = await client.get(path, headers=await pms.headers("read:channels"))
    assert_channel_error(r, 400, field=field)


async def test_a_new_seed_gives_the_propertys_feeds_new_urls_and_the_old_ones_stop(
    client: httpx.AsyncClient, db: AsyncSession, pms: Pms
) -> None:
    property_id, _, _ = await catalog_ids(db, pms)
    headers = await pms.headers("read:channels", "write:channels")

    async def urls() -> list[str]:
        r = await client.get(
            f"{SETTINGS}?propertyId={property_id}&channel=iCalExport", headers=headers
        )
        rooms = r.json()["data"][0]["properties"][0]["roomTypes"]
        return [room["iCalUri"] for room in rooms] + [
            unit["iCalUri"] for room in rooms for unit in room["units"]
        ]

    async def statuses(found: list[str]) -> set[int]:
        return {(await client.get(u.removeprefix("http://testserver"))).status_code for u in found}

    before = await urls()
    assert len(before) == 5  # two rooms, three units
    assert await statuses(before) == {200}
    other = f"/ical/{pms.other_listing.ical_token}.ics"
    seed = {"channel": "iCalExport", "properties": [{"id": property_id, "seed": "turn-1"}]}
    r = await client.post(SETTINGS, headers=headers, json=[seed])
    assert r.json()[0]["new"]["properties"][0]["seed"] == "turn-1"
    after = await urls()
    assert not set(after) & set(before)
    assert await statuses(before) == {404}
    assert await statuses(after) == {200}
    # The same seed again changes nothing, URLs included; other accounts' feeds never move.
    r = await client.post(SETTINGS, headers=headers, json=[seed])
    assert r.json()[0]["info"][0]["message"] == "Nothing changed."
    assert await urls() == after
    assert (await client.get(other)).status_code == 200


async def _unit_ints(db: AsyncSession, pms: Pms) -> tuple[int, int, int]:
    """The int ids of Queen 1, Queen 2 and the cabin's unit."""
    found = []
    for unit in (*pms.queen_units, pms.cabin_unit):
        found.append(await db.scalar(select(Unit.int_id).where(Unit.id == unit.id)))
    return found[0], found[1], found[2]


async def test_a_rooms_units_take_imports_of_their_own(
    client: httpx.AsyncClient, db: AsyncSession, pms: Pms
) -> None:
    property_id, queen, _ = await catalog_ids(db, pms)
    queen_1, queen_2, _ = await _unit_ints(db, pms)
    headers = await pms.headers("read:channels", "write:channels")
    unit = {
        "id": queen_2,
        "iCalUri1": "https://www.vrbo.com/icalendar/2.ics",
        "import1": "endDateCheckout",
    }
    r = await client.post(
        SETTINGS, headers=headers, json=[imports(property_id, {"id": queen, "units": [unit]})]
    )
    [result] = r.json()
    assert result["success"] is True, result
    assert result["new"]["properties"][0]["roomTypes"] == [{"id": queen, "units": [unit]}]

    r = await client.get(
        f"{SETTINGS}?propertyId={property_id}&channel=iCalImport&roomId={queen}", headers=headers
    )
    [room] = r.json()["data"][0]["properties"][0]["roomTypes"]
    assert "importStatus" not in room  # the room itself imports nothing
    [shown] = room["units"]
    assert shown.pop("importStatus")[0]["status"] == "pending"
    assert shown == {**unit, "import2": "disable", "import3": "disable"}

    # Another field of the unit merges in; null resets one; the room's own fields stay apart.
    change = {
        "id": queen,
        "import1": "endDateLastNight",
        "units": [{"id": queen_2, "ignoreContaining1": "Blocked", "import1": None}],
    }
    r = await client.post(SETTINGS, headers=headers, json=[imports(property_id, change)])
    [result] = r.json()
    assert result["modified"]["properties"][0]["roomTypes"] == [
        {
            "id": queen,
            "import1": "endDateLastNight",
            "units": [{"id": queen_2, "ignoreContaining1": "Blocked", "import1": None}],
        }
    ]
    r = await client.get(
        f"{SETTINGS}?propertyId={property_id}&channel=iCalImport&roomId={queen}", headers=headers
    )
    [room] = r.json()["data"][0]["properties"][0]["roomTypes"]
    assert room["import1"] == "endDateLastNight"
    assert room["units"] == [
        {
            "id": queen_2,
            "iCalUri1": "https://www.vrbo.com/icalendar/2.ics",
            "ignoreContaining1": "Blocked",
            "import1": "disable",
            "import2": "disable",
            "import3": "disable",
        }
    ]
    assert queen_1 != queen_2


async def test_a_unit_must_be_the_rooms_and_its_fields_valid(
    client: httpx.AsyncClient, db: AsyncSession, pms: Pms
) -> None:
    property_id, queen, cabin = await catalog_ids(db, pms)
    _, queen_2, cabin_unit = await _unit_ints(db, pms)
    headers = await pms.headers("write:channels")
    cases = [
        ({"id": queen, "units": [{"id": cabin_unit, "import1": "endDateCheckout"}]}, "units[0].id"),
        ({"id": queen, "units": [{"import1": "endDateCheckout"}]}, "units[0].id"),
        (
            {"id": queen, "units": [{"id": queen_2, "iCalUri1": "http://10.0.0.9/x.ics"}]},
            "units[0].iCalUri1",
        ),
        ({"id": queen, "units": [{"id": queen_2, "import2": "often"}]}, "units[0].import2"),
        ({"id": queen, "units": {"id": queen_2}}, "units"),
        ({"id": queen, "units": ["x"]}, "units[0]"),
    ]
    r = await client.post(
        SETTINGS, headers=headers, json=[imports(property_id, room) for room, _ in cases]
    )
    for got, (_, field) in zip(r.json(), cases, strict=True):
        assert got["success"] is False, got
        assert got["errors"][0]["field"] == f"properties[0].roomTypes[0].{field}", got
    assert "10.0.0.9" not in r.text
    # On an export room, units are not a setting: a warning, nothing stored.
    export = {
        "channel": "iCalExport",
        "properties": [
            {"id": property_id, "roomTypes": [{"id": cabin, "units": [{"id": cabin_unit}]}]}
        ],
    }
    r = await client.post(SETTINGS, headers=headers, json=[export])
    [got] = r.json()
    assert (
        got["success"] is True and got["warnings"][0]["field"] == "properties[0].roomTypes[0].units"
    )
