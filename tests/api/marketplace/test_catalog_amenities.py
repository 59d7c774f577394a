"""The amenity dictionary over HTTP: admins write it (the name is fixed once created and
unique regardless of case among active amenities), everyone reads it."""

from __future__ import annotations

from typing import Any

import httpx
import pytest
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from staykit.domain.catalog.models import Amenity, UnitType
from tests.factories import Person, assert_error, make_listing, make_logged_in

AMENITIES = "/propertycatalog-api/v1/listingamenities"
UNKNOWN = "0190f0c2-0000-7000-8000-000000000000"


async def create(client: httpx.AsyncClient, admin: Person, **data: Any) -> dict[str, Any]:
    r = await client.post(AMENITIES, json=data, headers=admin.headers)
    assert r.status_code == 201, r.text
    return dict(r.json()["listingAmenity"])


async def test_admin_creates_an_amenity(client: httpx.AsyncClient, admin: Person) -> None:
    r = await client.post(
        AMENITIES, json={"name": "Wifi", "iconUrl": "/icons/wifi.svg"}, headers=admin.headers
    )
    assert r.status_code == 201, r.text
    assert r.json()["dataName"] == "listingAmenity" and r.json()["action"] == "create"
    got = r.json()["listingAmenity"]
    assert got["name"] == "Wifi" and got["iconUrl"] == "/icons/wifi.svg"
    assert got["isActive"] is True and got["_owner"] == admin.id
    assert {"id", "recordVersion", "createdAt", "updatedAt"} <= set(got)


async def test_super_admin_creates_an_amenity_without_an_icon(
    client: httpx.AsyncClient, db: AsyncSession
) -> None:
    boss = await make_logged_in(client, db, role="superAdmin")
    assert (await create(client, boss, name="Sauna"))["iconUrl"] is None


async def test_anonymous_and_plain_users_cannot_write_amenities(
    client: httpx.AsyncClient, admin: Person, user: Person
) -> None:
    assert_error(await client.post(AMENITIES, json={"name": "Pool"}), 401)
    r = await client.post(AMENITIES, json={"name": "Pool"}, headers=user.headers)
    assert_error(r, 403, message="errMsg_adminRoleRequired")
    got = await create(client, admin, name="Pool")
    url = f"{AMENITIES}/{got['id']}"
    assert_error(await client.patch(url, json={"iconUrl": "/x.svg"}), 401)
    assert_error(await client.patch(url, json={"iconUrl": "/x.svg"}, headers=user.headers), 403)
    assert_error(await client.delete(url), 401)
    assert_error(await client.delete(url, headers=user.headers), 403)
    still = (await client.get(url)).json()["listingAmenity"]
    assert still["isActive"] is True and still["iconUrl"] is None


async def test_names_are_unique_ignoring_case_among_active_amenities(
    client: httpx.AsyncClient, admin: Person
) -> None:
    got = await create(client, admin, name="Wifi")
    r = await client.post(AMENITIES, json={"name": "WIFI"}, headers=admin.headers)
    assert_error(r, 409, field="name", message="errMsg_amenityNameAlreadyExists")
    r = await client.post(AMENITIES, json={"name": "  wifi "}, headers=admin.headers)
    assert_error(r, 409, field="name")
    assert (
        await client.delete(f"{AMENITIES}/{got['id']}", headers=admin.headers)
    ).status_code == 200
    again = await create(client, admin, name="wifi")  # the deleted one no longer counts
    assert again["id"] != got["id"]


async def test_admin_changes_the_icon_but_never_the_name(
    client: httpx.AsyncClient, admin: Person
) -> None:
    got = await create(client, admin, name="Pool", iconUrl="/icons/pool.svg")
    url = f"{AMENITIES}/{got['id']}"
    r = await client.patch(
        url, json={"iconUrl": "https://cdn.example/pool.png"}, headers=admin.headers
    )
    assert r.status_code == 200, r.text
    assert r.json()["listingAmenity"]["iconUrl"] == "https://cdn.example/pool.png"
    assert r.json()["listingAmenity"]["recordVersion"] == 2
    r = await client.patch(url, json={"name": "Jacuzzi"}, headers=admin.headers)
    assert_error(r, 400, field="name", message="errMsg_nameIsNotAllowed")
    r = await client.patch(
        url, json={"name": "Jacuzzi", "iconUrl": "/j.svg"}, headers=admin.headers
    )
    assert_error(r, 400, field="name")
    r = await client.patch(url, json={"iconUrl": None}, headers=admin.headers)
    assert r.status_code == 200 and r.json()["listingAmenity"]["iconUrl"] is None
    assert (await client.get(url)).json()["listingAmenity"]["name"] == "Pool"


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({}, "name"),
        ({"name": ""}, "name"),
        ({"name": "   "}, "name"),
        ({"name": "x" * 101}, "name"),
        ({"name": 5}, "name"),
        ({"name": "Pool", "iconUrl": "javascript:alert(1)"}, "iconUrl"),
        ({"name": "Pool", "iconUrl": "x" * 2049}, "iconUrl"),
        ({"name": "Pool", "category": "outdoor"}, "category"),
    ],
)
async def test_bad_amenity_is_400_naming_the_field(
    client: httpx.AsyncClient, db: AsyncSession, admin: Person, data: dict[str, Any], field: str
) -> None:
    assert_error(await client.post(AMENITIES, json=data, headers=admin.headers), 400, field=field)
    assert await db.scalar(select(Amenity.id)) is None


async def test_unknown_amenity_is_404_and_malformed_id_400(
    client: httpx.AsyncClient, admin: Person
) -> None:
    for r in (
        await client.get(f"{AMENITIES}/{UNKNOWN}"),
        await client.patch(
            f"{AMENITIES}/{UNKNOWN}", json={"iconUrl": "/a.svg"}, headers=admin.headers
        ),
        await client.delete(f"{AMENITIES}/{UNKNOWN}", headers=admin.headers),
    ):
        assert_error(r, 404, field="listingAmenityId")
    assert_error(await client.get(f"{AMENITIES}/wifi"), 400, field="listingAmenityId")


async def test_reads_are_public_with_a_name_filter(
    client: httpx.AsyncClient, admin: Person
) -> None:
    pool = await create(client, admin, name="Pool")
    await create(client, admin, name="Wifi")
    await create(client, admin, name="Heated pool")
    r = await client.get(f"{AMENITIES}/{pool['id']}")
    assert r.status_code == 200 and r.json()["listingAmenity"] == pool
    r = await client.get(AMENITIES)
    assert r.status_code == 200 and r.json()["dataName"] == "listingAmenities"
    assert [a["name"] for a in r.json()["listingAmenities"]] == ["Heated pool", "Pool", "Wifi"]
    r = await client.get(AMENITIES, params={"name": "POOL"})
    assert [a["name"] for a in r.json()["listingAmenities"]] == ["Heated pool", "Pool"]


async def test_deleted_amenity_is_soft_deleted_and_leaves_every_listing(
    client: httpx.AsyncClient, db: AsyncSession, admin: Person
) -> None:
    wifi = await create(client, admin, name="Wifi")
    pool = await create(client, admin, name="Pool")
    host = await make_logged_in(client, db)
    listing = await make_listing(db, host, amenityIds=[wifi["id"], pool["id"]])
    r = await client.delete(f"{AMENITIES}/{wifi['id']}", headers=admin.headers)
    assert r.status_code == 200, r.text
    assert r.json()["listingAmenity"]["isActive"] is False
    assert_error(await client.get(f"{AMENITIES}/{wifi['id']}"), 404)
    assert [a["id"] for a in (await client.get(AMENITIES)).json()["listingAmenities"]] == [
        pool["id"]
    ]
    got = (await client.get(f"/propertycatalog-api/v1/listings/{listing.id}")).json()["listing"]
    assert got["amenityIds"] == [pool["id"]]
    assert [a["name"] for a in got["amenities"]] == ["Pool"]
    assert got["recordVersion"] == 2  # partners polling by version see the change
    # the host's next update with the list they were shown works
    r = await client.patch(
        f"/propertycatalog-api/v1/listings/{listing.id}",
        json={"amenityIds": got["amenityIds"]},
        headers=host.headers,
    )
    assert r.status_code == 200, r.text
    stored = await db.scalar(select(UnitType.amenity_ids).where(UnitType.id == listing.id))
    assert [str(a) for a in stored or []] == [pool["id"]]
