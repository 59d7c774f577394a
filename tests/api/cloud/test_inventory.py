"""GET /cloudapi/inventory and its sub-routes: the acting tenant's business, properties,
units, unit types, guest types and rates, with scope read:properties."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from decimal import Decimal
from typing import Any

import httpx
import pytest
from sqlalchemy import event, update
from sqlalchemy.ext.asyncio import AsyncSession

from staykit.api.cloud.auth import TENANT_HEADER
from staykit.domain.catalog.models import Property, RatePlan, UnitType
from staykit.domain.tenancy.models import BusinessMember
from tests.factories import add_member, add_units, login, make_listing, partner_token
from tests.pms import Pms

INVENTORY = "/cloudapi/inventory"
LISTS = ("properties", "units", "unitTypes", "rates")


def ids(items: list[dict[str, Any]]) -> list[str]:
    return [item["id"] for item in items]


def links(r: httpx.Response) -> dict[str, str]:
    """rel -> URL of every Link header."""
    found = {}
    for value in r.headers.get_list("link"):
        url, rel = value.split(">; rel=")
        found[rel.strip('"')] = url.lstrip("<")
    return found


def problem(r: httpx.Response, status: int, code: str) -> dict[str, Any]:
    assert r.status_code == status, r.text
    assert r.headers["content-type"].startswith("application/problem+json")
    body: dict[str, Any] = r.json()
    assert body["code"] == code, body
    return body


async def get(client: httpx.AsyncClient, pms: Pms, path: str = "", **params: Any) -> Any:
    r = await client.get(INVENTORY + path, params=params, headers=await pms.headers())
    assert r.status_code == 200, r.text
    return r.json()


# --- the answer -----------------------------------------------------------------------------


async def test_inventory_is_one_object_with_the_tenants_whole_inventory(
    client: httpx.AsyncClient, pms: Pms
) -> None:
    body = await get(client, pms)
    assert set(body) == {"business", "properties", "units", "unitTypes", "guestTypes", "rates"}
    prop = pms.property
    assert body["business"] == {
        "id": str(pms.business_id),
        "name": "Lake Host's rentals",
        "timeZone": "America/Chicago",
        "currency": "USD",
        "currencies": ["USD"],
        "location": {
            "address": "Rua das Flores 12, Lisboa",
            "city": "Minneapolis",
            "country": "US",
            "latitude": 44.97,
            "longitude": -93.26,
        },
    }
    [p] = body["properties"]
    assert p == {
        "id": str(prop.id),
        "name": "Lakeside B&B",
        "address": "Rua das Flores 12, Lisboa",
        "city": "Minneapolis",
        "country": "US",
        "location": {"latitude": 44.97, "longitude": -93.26},
        "timeZone": "America/Chicago",
        "currency": "USD",
        "checkInTime": "15:00:00",
        "checkOutTime": "11:00:00",
        "createdAt": p["createdAt"],
        "updatedAt": p["updatedAt"],
    }
    assert p["createdAt"].startswith(prop.created_at.date().isoformat())
    queen_1, queen_2 = (str(u.id) for u in pms.queen_units)
    assert body["units"] == [
        {
            "id": str(pms.cabin_unit.id),
            "name": "Cabin",
            "unitTypeId": str(pms.cabin.id),
            "propertyId": str(prop.id),
        },
        {
            "id": queen_1,
            "name": "Queen 1",
            "unitTypeId": str(pms.queen.id),
            "propertyId": str(prop.id),
        },
        {
            "id": queen_2,
            "name": "Queen 2",
            "unitTypeId": str(pms.queen.id),
            "propertyId": str(prop.id),
        },
    ]
    assert body["unitTypes"] == [
        {
            "id": str(pms.cabin.id),
            "name": "Cabin",
            "propertyId": str(prop.id),
            "description": "A cabin by the lake.",
            "maxOccupancy": 6,
            "baseOccupancy": 4,
            "minimumNights": 1,
            "maximumNights": None,
            "currency": "USD",
            "unitIds": [str(pms.cabin_unit.id)],
            "rateIds": [str(pms.cabin_rate.id)],
            "isPublished": True,
        },
        {
            "id": str(pms.queen.id),
            "name": "Queen room",
            "propertyId": str(prop.id),
            "description": "Two rooms, balcony, fast wifi.",
            "maxOccupancy": 4,
            "baseOccupancy": 2,
            "minimumNights": 1,
            "maximumNights": None,
            "currency": "USD",
            "unitIds": [queen_1, queen_2],
            # by slot: the default rate first
            "rateIds": [str(pms.queen_rate.id), str(pms.breakfast.id), str(pms.weekly.id)],
            "isPublished": True,
        },
    ]
    assert body["guestTypes"] == [
        {"id": str(pms.adult.id), "code": "adult", "name": "Adult"},
        {"id": str(pms.child.id), "code": "child", "name": "Child"},
    ]
    rates = {r["name"]: r for r in body["rates"]}
    assert [r["name"] for r in body["rates"]] == [
        "Breakfast included",
        "Rack",
        "Standard",
        "Weekly",
    ]
    assert rates["Breakfast included"] == {
        "id": str(pms.breakfast.id),
        "name": "Breakfast included",
        "ratePlanId": str(pms.breakfast.rate_plan_id),
        "ratePlanName": "Packages",
        "unitTypeId": str(pms.queen.id),
        "defaultRate": False,
        "allowUpdates": True,
        "seasonType": "Daily",
        "basePrice": 150,
        "currency": "USD",
        "extraGuestCharges": {str(pms.adult.id): 15, str(pms.child.id): 5},
    }
    # no extra guest charges: the field is absent, not null
    assert rates["Rack"] == {
        "id": str(pms.queen_rate.id),
        "name": "Rack",
        "ratePlanId": str(pms.queen_rate.rate_plan_id),
        "ratePlanName": "Standard",
        "unitTypeId": str(pms.queen.id),
        "defaultRate": True,
        "allowUpdates": True,
        "seasonType": "Daily",
        "basePrice": 120,
        "currency": "USD",
    }
    assert rates["Weekly"]["allowUpdates"] is False and rates["Weekly"]["basePrice"] == 700
    assert rates["Standard"]["unitTypeId"] == str(pms.cabin.id)
    assert rates["Standard"]["defaultRate"] is True


async def test_money_keeps_its_cents_as_a_json_number(
    client: httpx.AsyncClient, pms: Pms, db: AsyncSession
) -> None:
    pms.breakfast.base_price = Decimal("176.29")
    pms.breakfast.extra_guest_charges = {str(pms.adult.id): "12.5"}
    await db.flush()
    [rate] = [r for r in await get(client, pms, "/rates") if r["id"] == str(pms.breakfast.id)]
    assert rate["basePrice"] == 176.29
    assert rate["extraGuestCharges"] == {str(pms.adult.id): 12.5}


async def test_each_sub_route_answers_the_same_shape_as_its_key_of_inventory(
    client: httpx.AsyncClient, pms: Pms
) -> None:
    whole = await get(client, pms)
    assert await get(client, pms, "/business") == whole["business"]
    for key in (*LISTS, "guestTypes"):
        assert await get(client, pms, f"/{key}") == whole[key], key


async def test_another_business_never_appears(
    client: httpx.AsyncClient, pms: Pms, db: AsyncSession
) -> None:
    other = pms.other_listing
    other_property = await db.get_one(Property, other.property_id)
    texts = [str(await get(client, pms))] + [str(await get(client, pms, f"/{k}")) for k in LISTS]
    for text in texts:
        for foreign in (other.id, other.business_id, other_property.id):
            assert str(foreign) not in text
        assert "Elsewhere flat" not in text


async def test_business_takes_time_zone_and_location_from_its_oldest_property(
    client: httpx.AsyncClient, pms: Pms, db: AsyncSession
) -> None:
    newer = await make_listing(
        db,
        pms.host,
        title="Alpine hut",
        currency="CHF",
        timeZone="Europe/Zurich",
        location={"lat": 46.5, "lng": 8.0, "city": "Grindelwald", "country": "CH"},
    )
    assert newer.business_id == pms.business_id
    business = await get(client, pms, "/business")
    assert business["timeZone"] == "America/Chicago"
    assert business["currency"] == "USD"
    assert business["location"]["city"] == "Minneapolis"
    # every currency the business sells in (a staykit addition)
    assert business["currencies"] == ["CHF", "USD"]
    assert [p["name"] for p in await get(client, pms, "/properties")] == [
        "Alpine hut",
        "Lakeside B&B",
    ]


async def test_business_without_an_active_property_has_no_time_zone_or_location(
    client: httpx.AsyncClient, pms: Pms, db: AsyncSession
) -> None:
    await db.execute(
        update(Property).where(Property.business_id == pms.business_id).values(is_active=False)
    )
    body = await get(client, pms)
    assert body["business"] == {
        "id": str(pms.business_id),
        "name": "Lake Host's rentals",
        "timeZone": None,
        "currency": None,
        "currencies": [],
        "location": None,
    }
    assert await get(client, pms, "/business") == body["business"]
    # a closed property takes its unit types, units and rates with it
    assert all(body[key] == [] for key in LISTS)
    assert len(body["guestTypes"]) == 2


# --- what is not inventory ------------------------------------------------------------------


async def test_a_deleted_unit_or_rate_is_not_listed(
    client: httpx.AsyncClient, pms: Pms, db: AsyncSession
) -> None:
    gone_unit, gone_rate = pms.queen_units[1], pms.weekly
    gone_unit.is_active = False
    gone_rate.is_active = False
    await db.flush()
    for body in (await get(client, pms), {k: await get(client, pms, f"/{k}") for k in LISTS}):
        assert str(gone_unit.id) not in ids(body["units"])
        assert str(gone_rate.id) not in ids(body["rates"])
        [queen] = [t for t in body["unitTypes"] if t["id"] == str(pms.queen.id)]
        assert queen["unitIds"] == [str(pms.queen_units[0].id)]
        assert queen["rateIds"] == [str(pms.queen_rate.id), str(pms.breakfast.id)]


async def test_a_deleted_unit_type_takes_its_units_and_rates_with_it(
    client: httpx.AsyncClient, pms: Pms, db: AsyncSession
) -> None:
    # deleting a marketplace listing deactivates only the unit type row
    await db.execute(update(UnitType).where(UnitType.id == pms.cabin.id).values(is_active=False))
    body = await get(client, pms)
    assert ids(body["unitTypes"]) == [str(pms.queen.id)]
    assert str(pms.cabin_unit.id) not in ids(body["units"])
    assert str(pms.cabin_rate.id) not in ids(body["rates"])
    for key in LISTS:
        assert await get(client, pms, f"/{key}") == body[key], key


async def test_rates_of_a_deleted_rate_plan_are_not_listed(
    client: httpx.AsyncClient, pms: Pms, db: AsyncSession
) -> None:
    packages = pms.breakfast.rate_plan_id
    await db.execute(update(RatePlan).where(RatePlan.id == packages).values(is_active=False))
    body = await get(client, pms)
    assert sorted(ids(body["rates"])) == sorted([str(pms.queen_rate.id), str(pms.cabin_rate.id)])
    [queen] = [t for t in body["unitTypes"] if t["id"] == str(pms.queen.id)]
    assert queen["rateIds"] == [str(pms.queen_rate.id)]
    assert await get(client, pms, "/unitTypes") == body["unitTypes"]


# --- scopes and tenants ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "path", ["", "/business", "/properties", "/units", "/unitTypes", "/rates", "/guestTypes"]
)
async def test_a_token_without_read_properties_is_refused_naming_the_scope(
    client: httpx.AsyncClient, pms: Pms, path: str
) -> None:
    # the scope is checked before the parameters: a bad limit does not change the answer
    r = await client.get(
        INVENTORY + path, params={"limit": 0}, headers=await pms.headers("read:bookings")
    )
    body = problem(r, 403, "insufficientScope")
    assert "read:properties" in body["detail"]


@pytest.mark.parametrize("bundle", ["guest_communication", "revenue_management"])
async def test_the_use_case_bundles_read_the_inventory(
    client: httpx.AsyncClient, pms: Pms, bundle: str
) -> None:
    r = await client.get(INVENTORY, headers=await pms.headers(bundle))
    assert r.status_code == 200, r.text
    assert r.json()["business"]["id"] == str(pms.business_id)


async def test_the_hosts_own_session_reads_its_inventory(
    client: httpx.AsyncClient, pms: Pms
) -> None:
    host = await login(client, pms.host)
    r = await client.get(INVENTORY + "/unitTypes", headers=host.headers)
    assert r.status_code == 200, r.text
    assert ids(r.json()) == [str(pms.cabin.id), str(pms.queen.id)]


async def test_a_multi_tenant_token_must_name_its_tenant_and_then_reads_that_one(
    client: httpx.AsyncClient, pms: Pms, db: AsyncSession
) -> None:
    await add_member(db, pms.other_business_id, pms.host, "manager")
    made = await partner_token(
        db,
        pms.host,
        [pms.business_id, pms.other_business_id],
        kind="oauth",
        scopes=("read:properties",),
    )
    auth = {"Authorization": f"Bearer {made.value}"}
    problem(await client.get(INVENTORY, headers=auth), 401, "tenantRequired")
    r = await client.get(INVENTORY, headers={**auth, TENANT_HEADER: str(pms.other_business_id)})
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["business"]["id"] == str(pms.other_business_id)
    assert ids(body["unitTypes"]) == [str(pms.other_listing.id)]
    assert body["unitTypes"][0]["name"] == "Elsewhere flat"
    assert str(pms.business_id) not in str(body) and str(pms.queen.id) not in str(body)
    r = await client.get(
        INVENTORY + "/units", headers={**auth, TENANT_HEADER: str(pms.business_id)}
    )
    assert ids(r.json()) == [str(pms.cabin_unit.id), *(str(u.id) for u in pms.queen_units)]


async def test_a_token_whose_user_left_the_business_reads_nothing(
    client: httpx.AsyncClient, pms: Pms, db: AsyncSession
) -> None:
    headers = await pms.headers()
    await db.execute(
        update(BusinessMember)
        .where(BusinessMember.business_id == pms.business_id)
        .values(is_active=False)
    )
    for path in ("", "/business", "/units", "/guestTypes"):
        r = await client.get(INVENTORY + path, headers=headers)
        problem(r, 403, "tenantNotReadable")


# --- paging ---------------------------------------------------------------------------------


async def test_a_list_pages_with_skip_and_limit_and_link_headers(
    client: httpx.AsyncClient, pms: Pms
) -> None:
    headers = await pms.headers()
    every = ids(await get(client, pms, "/units"))
    assert len(every) == 3
    r = await client.get(INVENTORY + "/units", params={"limit": 2}, headers=headers)
    assert r.status_code == 200, r.text
    assert ids(r.json()) == every[:2]
    rels = links(r)
    assert set(rels) == {"first", "next", "last"}
    assert "skip=2" in rels["next"] and "limit=2" in rels["next"]
    r = await client.get(rels["next"], headers=headers)
    assert ids(r.json()) == every[2:]
    assert set(links(r)) == {"first", "prev", "last"}
    # past the end: empty, and the links still say where the last page is
    r = await client.get(INVENTORY + "/units", params={"skip": 10, "limit": 2}, headers=headers)
    assert r.status_code == 200 and r.json() == []
    assert "skip=2" in links(r)["last"]


async def test_a_list_without_limit_answers_every_row_and_no_links(
    client: httpx.AsyncClient, pms: Pms, db: AsyncSession
) -> None:
    await add_units(db, pms.queen, 150)
    r = await client.get(INVENTORY + "/units", headers=await pms.headers())
    assert r.status_code == 200
    assert len(r.json()) == 153
    assert "link" not in r.headers
    r = await client.get(INVENTORY + "/units", params={"skip": 150}, headers=await pms.headers())
    assert len(r.json()) == 3


@pytest.mark.parametrize("key", LISTS)
async def test_every_list_pages_in_its_own_order(
    client: httpx.AsyncClient, pms: Pms, key: str
) -> None:
    every = ids(await get(client, pms, f"/{key}"))
    paged: list[str] = []
    for skip in range(0, len(every) + 1):
        paged += ids(await get(client, pms, f"/{key}", skip=skip, limit=1))
    assert paged == every


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"skip": -1}, "skip"),
        ({"skip": "x"}, "skip"),
        ({"limit": 0}, "limit"),
        ({"limit": 1001}, "limit"),
        ({"limit": "ten"}, "limit"),
    ],
)
async def test_a_bad_skip_or_limit_is_a_400_naming_it(
    client: httpx.AsyncClient, pms: Pms, params: dict[str, Any], field: str
) -> None:
    r = await client.get(INVENTORY + "/rates", params=params, headers=await pms.headers())
    body = problem(r, 400, "validation")
    assert list(body["errors"]) == [field]


# --- cost -----------------------------------------------------------------------------------


@contextmanager
def counted(db: AsyncSession) -> Iterator[list[str]]:
    """The SQL statements run on the test's connection while the block runs."""
    statements: list[str] = []

    def note(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        statements.append(statement)

    sync_engine = db.bind.engine.sync_engine  # type: ignore[union-attr]
    event.listen(sync_engine, "before_cursor_execute", note)
    try:
        yield statements
    finally:
        event.remove(sync_engine, "before_cursor_execute", note)


async def test_the_number_of_queries_does_not_grow_with_the_inventory(
    client: httpx.AsyncClient, pms: Pms, db: AsyncSession
) -> None:
    headers = await pms.headers()

    async def queries(path: str) -> int:
        with counted(db) as statements:
            r = await client.get(INVENTORY + path, headers=headers)
        assert r.status_code == 200, r.text
        return len(statements)

    await queries("")  # warm: the token is resolved (and cached) once
    # the floor: a route that runs one statement of its own (tenants_of), on the same token
    with counted(db) as floor:
        await client.get("/cloudapi/auth/tokendetails", headers=headers)
    overhead = len(floor) - 1
    paths = ("", "/business", "/units", "/unitTypes", "/rates", "/properties", "/guestTypes")
    small = {path: await queries(path) for path in paths}
    more = await make_listing(db, pms.host, title="Annex")
    await add_units(db, more, 40)
    await add_units(db, pms.queen, 40)
    large = {path: await queries(path) for path in paths}
    assert large == small
    # the tenant rule's check that the granting user still reads the business (one
    # statement, every data route), then /inventory: the tenancy gate and five lists; each
    # other route: the gate and one page
    assert small == {path: overhead + 1 + (6 if path == "" else 2) for path in paths}
    assert len(await get(client, pms, "/units")) == 84


async def test_an_unknown_tenant_id_in_the_header_is_refused(
    client: httpx.AsyncClient, pms: Pms
) -> None:
    headers = {**await pms.headers(), TENANT_HEADER: str(uuid.uuid4())}
    problem(await client.get(INVENTORY, headers=headers), 401, "tenantNotCovered")
