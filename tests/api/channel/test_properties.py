"""GET /v2/properties and GET /v2/properties/rooms: the account's properties with their
rooms (unit types), units, prices and offers in Beds24 API V2's shapes, with scope
read:properties, integer ids, filters that never reach another business, 400s naming the
parameter, and pages."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import httpx
import pytest
from sqlalchemy import event, select
from sqlalchemy.ext.asyncio import AsyncSession

from staykit.api.channel import listing
from staykit.domain.catalog.models import ListingLocaleText, Property, Unit, UnitType
from staykit.domain.tenancy.models import Business
from tests import contracts
from tests.api.channel.helpers import assert_channel_error
from tests.factories import make_listing
from tests.pms import Pms

PROPERTIES = "/v2/properties"
ROOMS = "/v2/properties/rooms"


async def get(client: httpx.AsyncClient, pms: Pms, path: str, **params: Any) -> dict[str, Any]:
    r = await client.get(path, params=params, headers=await pms.headers("read:properties"))
    assert r.status_code == 200, r.text
    body: dict[str, Any] = r.json()
    assert body["success"] is True
    assert body["count"] == len(body["data"])
    return body


async def int_ids(db: AsyncSession, pms: Pms) -> dict[str, int]:
    """The integer ids the API speaks for the pms tenant's rows."""
    found = {
        "property": await db.scalar(select(Property.int_id).where(Property.id == pms.property.id)),
        "queen": await db.scalar(select(UnitType.int_id).where(UnitType.id == pms.queen.id)),
        "cabin": await db.scalar(select(UnitType.int_id).where(UnitType.id == pms.cabin.id)),
        "other_room": await db.scalar(
            select(UnitType.int_id).where(UnitType.id == pms.other_listing.id)
        ),
        "other_property": await db.scalar(
            select(Property.int_id).where(Property.id == pms.other_listing.property_id)
        ),
        "business": await db.scalar(select(Business.int_id).where(Business.id == pms.business_id)),
    }
    for unit in [*pms.queen_units, pms.cabin_unit]:
        found[unit.name] = await db.scalar(select(Unit.int_id).where(Unit.id == unit.id))
    return {k: int(v) for k, v in found.items() if v is not None}


# --- the document's own schema --------------------------------------------------------------


REFERENCE = contracts.beds24()
TYPES = {
    "integer": (int,),
    "number": (int, float),
    "string": (str,),
    "boolean": (bool,),
    "array": (list,),
    "object": (dict,),
}


def _resolved(schema: dict[str, Any]) -> dict[str, Any]:
    """The schema with its $ref followed and its allOf parts merged into one."""
    assert REFERENCE is not None
    if "$ref" in schema:
        schema = REFERENCE["components"]["schemas"][schema["$ref"].rsplit("/", 1)[-1]]
    merged = {k: v for k, v in schema.items() if k != "allOf"}
    for part in schema.get("allOf", []):
        part = _resolved(part)
        merged["properties"] = {**merged.get("properties", {}), **part.get("properties", {})}
        merged.update({k: v for k, v in part.items() if k != "properties"})
    return merged


def _conforms(value: Any, schema: dict[str, Any], where: str) -> None:
    """The part of JSON Schema the document uses for these answers: $ref, allOf, type,
    nullable, enum, properties (no field the schema does not name), items, minimum."""
    schema = _resolved(schema)
    if value is None:
        assert schema.get("nullable") or "type" not in schema, f"{where} is null"
        return
    if "type" in schema:
        kinds = TYPES[schema["type"]]
        assert isinstance(value, kinds) and (bool not in kinds) == (not isinstance(value, bool)), (
            f"{where}: {value!r} is not {schema['type']}"
        )
    if "enum" in schema:
        assert value in schema["enum"], f"{where}: {value!r} not in the enum"
    if "minimum" in schema:
        assert value >= schema["minimum"], f"{where}: {value!r} below the minimum"
    if isinstance(value, dict) and schema.get("properties"):
        for key, item in value.items():
            assert key in schema["properties"], f"{where}.{key} is not in the document's schema"
            _conforms(item, schema["properties"][key], f"{where}.{key}")
    if isinstance(value, list) and "items" in schema:
        for i, item in enumerate(value):
            _conforms(item, schema["items"], f"{where}[{i}]")


def assert_matches_document(items: list[dict[str, Any]], schema: str) -> None:
    for i, item in enumerate(items):
        _conforms(item, {"$ref": f"#/components/schemas/{schema}"}, f"data[{i}]")


# --- GET /properties ------------------------------------------------------------------------


async def test_properties_answer_the_accounts_property_with_its_rooms_and_units(
    client: httpx.AsyncClient, db: AsyncSession, pms: Pms
) -> None:
    ids = await int_ids(db, pms)
    body = await get(client, pms, PROPERTIES)
    assert body["type"] == "property"
    assert body["pages"] == {"nextPageExists": False, "nextPageLink": None}
    [prop] = body["data"]
    assert prop["id"] == ids["property"]
    assert prop["account"] == {"ownerId": ids["business"]}
    assert prop["name"] == "Lakeside B&B"
    assert prop["currency"] == "USD"
    assert prop["city"] == "Minneapolis" and prop["country"] == "US"
    assert prop["latitude"] == pytest.approx(44.97) and prop["longitude"] == pytest.approx(-93.26)
    assert prop["checkInStart"] == "15:00" and prop["checkOutEnd"] == "11:00"
    assert prop["offerType"] == "perRoom"
    # an apartment and a house: no one property type stands for both
    assert "propertyType" not in prop
    queen, cabin = prop["roomTypes"]
    assert queen == {
        "id": ids["queen"],
        "propertyId": ids["property"],
        "name": "Queen room",
        "roomType": "apartment",
        "qty": 2,
        "maxPeople": 4,
        "maxAdult": None,
        "maxChildren": None,
        "minStay": 1,
        "maxStay": None,
        "rackRate": 120,
        "cleaningFee": 0,
        "taxPercentage": 0,
        "overbookingProtection": "room",
        "unitAllocation": "perBooking",
        "units": [
            {"id": ids["Queen 1"], "name": "Queen 1"},
            {"id": ids["Queen 2"], "name": "Queen 2"},
        ],
    }
    assert cabin["id"] == ids["cabin"] and cabin["roomType"] == "holidayHome"
    assert cabin["qty"] == 1 and cabin["maxPeople"] == 6 and cabin["rackRate"] == 200
    assert cabin["units"] == [{"id": ids["Cabin"], "name": "Cabin"}]
    # what the include flags add is absent without them
    for absent in ("priceRules", "offers", "texts"):
        assert absent not in queen
    assert "texts" not in prop and "upsellItems" not in prop
    assert_matches_document(body["data"], "property")


async def test_a_marketplace_listing_is_a_property_with_one_room(
    client: httpx.AsyncClient, db: AsyncSession, pms: Pms
) -> None:
    flat = await make_listing(db, pms.host, title="River flat", pricePerNight="95.50")
    assert flat.business_id == pms.business_id
    flat_property = await db.scalar(select(Property.int_id).where(Property.id == flat.property_id))
    body = await get(client, pms, PROPERTIES, id=flat_property)
    [prop] = body["data"]
    assert prop["propertyType"] == "apartment"
    assert prop["country"] == "PT" and prop["currency"] == "EUR"
    [room] = prop["roomTypes"]
    assert room["name"] == "River flat" and room["qty"] == 1 and room["rackRate"] == 95.5


async def test_properties_filter_by_id_repeated_or_comma_separated(
    client: httpx.AsyncClient, db: AsyncSession, pms: Pms
) -> None:
    flat = await make_listing(db, pms.host, title="River flat")
    flat_property = await db.scalar(select(Property.int_id).where(Property.id == flat.property_id))
    ids = await int_ids(db, pms)
    both = sorted([ids["property"], flat_property])
    for params in (
        {"id": both},
        {"id": f"{both[0]},{both[1]}"},
    ):
        body = await get(client, pms, PROPERTIES, **params)
        assert [p["id"] for p in body["data"]] == both
    body = await get(client, pms, PROPERTIES, id=flat_property)
    assert [p["id"] for p in body["data"]] == [flat_property]


async def test_room_id_narrows_properties_and_their_rooms_unless_include_all_rooms(
    client: httpx.AsyncClient, db: AsyncSession, pms: Pms
) -> None:
    ids = await int_ids(db, pms)
    await make_listing(db, pms.host, title="River flat")
    body = await get(client, pms, PROPERTIES, roomId=ids["cabin"])
    [prop] = body["data"]
    assert prop["id"] == ids["property"]
    assert [r["id"] for r in prop["roomTypes"]] == [ids["cabin"]]
    body = await get(client, pms, PROPERTIES, roomId=ids["cabin"], includeAllRooms="true")
    [prop] = body["data"]
    assert [r["id"] for r in prop["roomTypes"]] == [ids["queen"], ids["cabin"]]


async def test_ids_of_another_business_or_unknown_ids_match_nothing(
    client: httpx.AsyncClient, db: AsyncSession, pms: Pms
) -> None:
    ids = await int_ids(db, pms)
    for params in (
        {"id": ids["other_property"]},
        {"id": 999_999_999},
        {"roomId": ids["other_room"]},
        {"roomId": ids["other_room"], "includeAllRooms": "true"},
    ):
        body = await get(client, pms, PROPERTIES, **params)
        assert body["data"] == [] and body["count"] == 0, params
    for params in ({"id": ids["other_room"]}, {"propertyId": ids["other_property"]}):
        body = await get(client, pms, ROOMS, **params)
        assert body["data"] == [], params
    # the whole list never shows the other business's property either
    body = await get(client, pms, PROPERTIES)
    assert [p["id"] for p in body["data"]] == [ids["property"]]


async def test_price_rules_are_the_rooms_rates_by_slot_with_extra_guest_charges(
    client: httpx.AsyncClient, pms: Pms
) -> None:
    body = await get(client, pms, PROPERTIES, includePriceRules="true")
    queen, cabin = body["data"][0]["roomTypes"]
    assert queen["priceRules"] == [
        {
            "id": 1,
            "name": "Rack",
            "priceFor": {"type": "upToPerson", "upToPersonValue": 2},
            "offer": 1,
        },
        {
            "id": 2,
            "name": "Breakfast included",
            "priceFor": {"type": "upToPerson", "upToPersonValue": 2},
            "extraPerson": 15,
            "extraChild": 5,
            "offer": 2,
        },
        {
            "id": 3,
            "name": "Weekly",
            "priceFor": {"type": "upToPerson", "upToPersonValue": 2},
            "offer": 3,
        },
    ]
    assert [r["id"] for r in cabin["priceRules"]] == [1]
    assert "offers" not in queen
    assert_matches_document(body["data"], "property")


async def test_offers_are_the_rooms_rates_as_offers(client: httpx.AsyncClient, pms: Pms) -> None:
    body = await get(client, pms, PROPERTIES, includeOffers="true")
    queen = body["data"][0]["roomTypes"][0]
    assert [(o["offerId"], o["position"], o["name"]) for o in queen["offers"]] == [
        (1, 1, "Rack"),
        (2, 2, "Breakfast included"),
        (3, 3, "Weekly"),
    ]
    assert queen["offers"][0] == {
        "offerId": 1,
        "enable": "onlyIfAvailable",
        "name": "Rack",
        "position": 1,
        "bookingType": "default",
        "minimumStay": {"type": "default"},
    }
    assert "priceRules" not in queen
    assert_matches_document(body["data"], "property")


async def test_texts_by_language_from_the_listing_and_its_locale_texts(
    client: httpx.AsyncClient, db: AsyncSession, pms: Pms
) -> None:
    queen = await db.get_one(UnitType, pms.queen.id)
    queen.house_rules = "No smoking."
    cabin = await db.get_one(UnitType, pms.cabin.id)
    cabin.house_rules = "No smoking."
    db.add(
        ListingLocaleText(
            listing_id=pms.queen.id,
            language_code="de-DE",
            localized_title="Queen-Zimmer",
            localized_description="Ein Zimmer am See.",
        )
    )
    await db.commit()
    body = await get(client, pms, PROPERTIES, includeTexts="all")
    [prop] = body["data"]
    assert prop["texts"] == [{"language": "en", "houseRules": "No smoking."}]
    queen_room = prop["roomTypes"][0]
    assert queen_room["texts"] == [
        {"language": "de", "displayName": "Queen-Zimmer", "roomDescription": "Ein Zimmer am See."},
        {"language": "en", "displayName": "Queen room", "roomDescription": pms.queen.description},
    ]
    assert_matches_document(body["data"], "property")

    body = await get(client, pms, PROPERTIES, includeTexts="roomType", includeLanguages="de")
    [prop] = body["data"]
    assert "texts" not in prop
    assert [t["language"] for t in prop["roomTypes"][0]["texts"]] == ["de"]
    assert prop["roomTypes"][1]["texts"] == []

    # without includeTexts, languages alone add nothing
    body = await get(client, pms, PROPERTIES, includeLanguages="all")
    assert "texts" not in body["data"][0]["roomTypes"][0]


async def test_upsell_items_are_an_empty_list_when_asked(
    client: httpx.AsyncClient, pms: Pms
) -> None:
    body = await get(
        client,
        pms,
        PROPERTIES,
        includeUpsellItems="true",
        includePictures="true",
        includeUnitDetails="true",
    )
    [prop] = body["data"]
    assert prop["upsellItems"] == []
    assert len(prop["roomTypes"][0]["units"]) == 2


async def test_inactive_units_rooms_and_properties_are_not_listed(
    client: httpx.AsyncClient, db: AsyncSession, pms: Pms
) -> None:
    ids = await int_ids(db, pms)
    queen_2 = await db.get_one(Unit, pms.queen_units[1].id)
    queen_2.is_active = False
    cabin = await db.get_one(UnitType, pms.cabin.id)
    cabin.is_active = False
    await db.commit()
    body = await get(client, pms, PROPERTIES)
    [queen] = body["data"][0]["roomTypes"]
    assert queen["qty"] == 1 and [u["name"] for u in queen["units"]] == ["Queen 1"]
    assert (await get(client, pms, ROOMS, id=ids["cabin"]))["data"] == []
    prop = await db.get_one(Property, pms.property.id)
    prop.is_active = False
    await db.commit()
    assert (await get(client, pms, PROPERTIES))["data"] == []
    assert (await get(client, pms, ROOMS))["data"] == []


async def test_a_read_takes_a_fixed_number_of_statements(
    client: httpx.AsyncClient, db: AsyncSession, pms: Pms
) -> None:
    for n in range(3):
        await make_listing(db, pms.host, title=f"Flat {n}")
    bind = db.bind
    engine = getattr(bind, "sync_engine", None)
    if engine is None:
        pytest.skip("the test session is not bound to an engine")
    headers = await pms.headers("read:properties")
    counts = []
    for _ in range(2):
        statements: list[str] = []

        def count(*args: Any) -> None:
            statements.append(str(args[2]))

        event.listen(engine, "before_cursor_execute", count)
        try:
            r = await client.get(
                PROPERTIES,
                params={"includePriceRules": "true", "includeTexts": "all"},
                headers=headers,
            )
        finally:
            event.remove(engine, "before_cursor_execute", count)
        assert r.status_code == 200
        counts.append(sum(1 for s in statements if "unit_types" in s or "properties" in s))
        await make_listing(db, pms.host, title="One more")
    assert 0 < counts[0] == counts[1], counts


# --- GET /properties/rooms ------------------------------------------------------------------


async def test_rooms_answer_the_accounts_rooms_by_id(
    client: httpx.AsyncClient, db: AsyncSession, pms: Pms
) -> None:
    ids = await int_ids(db, pms)
    body = await get(client, pms, ROOMS)
    assert body["type"] == "room"
    assert [r["id"] for r in body["data"]] == [ids["queen"], ids["cabin"]]
    assert body["data"][0]["propertyId"] == ids["property"]
    assert body["data"][0]["qty"] == 2
    assert_matches_document(body["data"], "room")

    body = await get(client, pms, ROOMS, id=ids["cabin"])
    assert [r["id"] for r in body["data"]] == [ids["cabin"]]
    body = await get(client, pms, ROOMS, propertyId=ids["property"], id=ids["queen"])
    assert [r["id"] for r in body["data"]] == [ids["queen"]]


async def test_rooms_with_price_rules_offers_and_texts(
    client: httpx.AsyncClient, db: AsyncSession, pms: Pms
) -> None:
    ids = await int_ids(db, pms)
    body = await get(
        client,
        pms,
        ROOMS,
        id=ids["queen"],
        includePriceRules="true",
        includeOffers="true",
        includeTexts="roomType",
    )
    [room] = body["data"]
    assert [p["id"] for p in room["priceRules"]] == [1, 2, 3]
    assert [o["offerId"] for o in room["offers"]] == [1, 2, 3]
    assert room["texts"] == [
        {"language": "en", "displayName": "Queen room", "roomDescription": pms.queen.description}
    ]
    assert_matches_document(body["data"], "room")


async def test_manual_approval_rooms_offer_requests(
    client: httpx.AsyncClient, db: AsyncSession, pms: Pms
) -> None:
    cabin = await db.get_one(UnitType, pms.cabin.id)
    cabin.approval_type = "manual"
    cabin.max_stay = 14
    cabin.base_occupancy = 6
    await db.commit()
    ids = await int_ids(db, pms)
    body = await get(
        client, pms, ROOMS, id=ids["cabin"], includeOffers="true", includePriceRules="true"
    )
    [room] = body["data"]
    assert room["maxStay"] == 14
    assert room["offers"][0]["bookingType"] == "requestWithManualConfirmation"
    assert room["priceRules"][0]["priceFor"] == {"type": "maxCapacity"}


# --- scopes and bad parameters --------------------------------------------------------------


@pytest.mark.parametrize("path", [PROPERTIES, ROOMS])
async def test_reading_properties_needs_read_properties(
    client: httpx.AsyncClient, pms: Pms, path: str
) -> None:
    r = await client.get(path, headers=await pms.headers("read:bookings", "read:inventory"))
    body = assert_channel_error(r, 403)
    assert "read:properties" in str(body["error"])
    r = await client.get(path)
    assert_channel_error(r, 401)
    r = await client.get(path, headers=await pms.headers("all:properties"))
    assert r.status_code == 200, r.text


@pytest.mark.parametrize(
    ("path", "params", "field"),
    [
        (PROPERTIES, {"id": "abc"}, "id"),
        (PROPERTIES, {"id": "1,-2"}, "id"),
        (PROPERTIES, {"id": "9" * 30}, "id"),
        (PROPERTIES, {"roomId": "x"}, "roomId"),
        (PROPERTIES, {"includeTexts": "everything"}, "includeTexts"),
        (PROPERTIES, {"includeLanguages": "xx"}, "includeLanguages"),
        (PROPERTIES, {"includeOffers": "maybe"}, "includeOffers"),
        (PROPERTIES, {"includeAllRooms": "2"}, "includeAllRooms"),
        (PROPERTIES, {"page": "0"}, "page"),
        (PROPERTIES, {"page": "one"}, "page"),
        (ROOMS, {"id": "1.5"}, "id"),
        (ROOMS, {"propertyId": "p1"}, "propertyId"),
        (ROOMS, {"includePriceRules": "yes please"}, "includePriceRules"),
    ],
)
async def test_bad_parameters_are_400_naming_the_parameter(
    client: httpx.AsyncClient, pms: Pms, path: str, params: dict[str, str], field: str
) -> None:
    r = await client.get(path, params=params, headers=await pms.headers("read:properties"))
    assert_channel_error(r, 400, field=field)


async def test_too_many_ids_are_400(client: httpx.AsyncClient, pms: Pms) -> None:
    ids = ",".join(str(n) for n in range(1, 1002))
    r = await client.get(PROPERTIES, params={"id": ids}, headers=await pms.headers())
    assert_channel_error(r, 400, field="id")


# --- pages ----------------------------------------------------------------------------------


async def test_pages_follow_next_page_link_without_overlap(
    client: httpx.AsyncClient,
    db: AsyncSession,
    pms: Pms,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    for n in range(2):
        await make_listing(db, pms.host, title=f"Flat {n}")
    monkeypatch.setattr(listing, "PAGE_SIZE", 2)
    headers = await pms.headers("read:properties")
    for path, total in ((PROPERTIES, 3), (ROOMS, 4)):
        seen: list[int] = []
        r = await client.get(path, params={"includeOffers": "true"}, headers=headers)
        pages = 0
        while True:
            assert r.status_code == 200, r.text
            body = r.json()
            pages += 1
            seen += [item["id"] for item in body["data"]]
            if not body["pages"]["nextPageExists"]:
                assert body["pages"]["nextPageLink"] is None
                break
            link = body["pages"]["nextPageLink"]
            assert "includeOffers=true" in link and f"page={pages + 1}" in link
            r = await client.get(link, headers=headers)
        assert seen == sorted(seen) and len(seen) == len(set(seen)) == total, path
        assert pages == 2
    r = await client.get(PROPERTIES, params={"page": 9}, headers=headers)
    assert r.json()["data"] == [] and r.json()["pages"]["nextPageExists"] is False


async def test_money_is_a_json_number_with_cents(
    client: httpx.AsyncClient, db: AsyncSession, pms: Pms
) -> None:
    cabin = await db.get_one(UnitType, pms.cabin.id)
    cabin.cleaning_fee = Decimal("35.25")
    cabin.city_tax_percent = Decimal("7.5")
    await db.commit()
    ids = await int_ids(db, pms)
    [room] = (await get(client, pms, ROOMS, id=ids["cabin"]))["data"]
    assert room["cleaningFee"] == 35.25 and room["taxPercentage"] == 7.5


async def test_the_openapi_document_describes_both_reads(client: httpx.AsyncClient) -> None:
    r = await client.get("/v2/openapi.json")
    assert r.status_code == 200
    paths = r.json()["paths"]
    for path, summary, filters in (
        ("/properties", "Beta - Get properties matching specified criteria", {"roomId"}),
        (
            "/properties/rooms",
            "Coming soon - Get rooms matching specified criteria",
            {"propertyId"},
        ),
    ):
        op = paths[path]["get"]
        assert op["summary"] == summary and op["tags"] == ["Properties"]
        assert {"token": ["read:properties"]} in op["security"]
        names = {p["name"] for p in op["parameters"]}
        assert {"id", "includeTexts", "includeLanguages", "includePriceRules", "page"} <= names
        assert filters <= names
