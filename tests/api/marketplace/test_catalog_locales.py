"""Listing locale texts over HTTP: one per listing and language, written by the listing's
host (or its managers, or an admin), readable as far as the listing is visible."""

from __future__ import annotations

from typing import Any

import httpx
import pytest
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from staykit.domain.catalog.models import ListingLocaleText, UnitType
from tests.factories import Person, add_member, assert_error, make_listing, make_logged_in

TEXTS = "/propertycatalog-api/v1/listinglocaletexts"
UNKNOWN = "0190f0c2-0000-7000-8000-000000000000"


def text(listing: UnitType, **overrides: Any) -> dict[str, Any]:
    out: dict[str, Any] = {
        "listingId": str(listing.id),
        "languageCode": "pt-PT",
        "localizedTitle": "Apartamento soalheiro",
        "localizedDescription": "Dois quartos, varanda.",
    }
    out.update(overrides)
    return out


async def create(
    client: httpx.AsyncClient, person: Person, listing: UnitType, **overrides: Any
) -> dict[str, Any]:
    r = await client.post(TEXTS, json=text(listing, **overrides), headers=person.headers)
    assert r.status_code == 201, r.text
    return dict(r.json()["listingLocaleText"])


async def test_host_adds_a_text_per_language(
    client: httpx.AsyncClient, host: Person, listing: UnitType
) -> None:
    r = await client.post(TEXTS, json=text(listing), headers=host.headers)
    assert r.status_code == 201, r.text
    assert r.json()["dataName"] == "listingLocaleText"
    got = r.json()["listingLocaleText"]
    assert got["listingId"] == str(listing.id) and got["languageCode"] == "pt-PT"
    assert got["localizedTitle"] == "Apartamento soalheiro"
    assert got["localizedDescription"] == "Dois quartos, varanda."
    assert got["_owner"] == host.id and got["isActive"] is True
    french = await create(client, host, listing, languageCode="fr", localizedTitle="Appart")
    assert french["languageCode"] == "fr"


async def test_second_text_in_a_language_is_409_naming_language_code(
    client: httpx.AsyncClient, db: AsyncSession, host: Person, listing: UnitType
) -> None:
    await create(client, host, listing)
    r = await client.post(TEXTS, json=text(listing, languageCode="PT-pt"), headers=host.headers)
    assert_error(r, 409, field="languageCode", message="errMsg_listingLocaleTextAlreadyExists")
    count = await db.scalar(select(func.count()).select_from(ListingLocaleText))
    assert count == 1
    # the same language on another listing is fine
    await create(client, host, await make_listing(db, host, title="Second"))


async def test_manager_and_admin_add_texts(
    client: httpx.AsyncClient, db: AsyncSession, admin: Person, listing: UnitType
) -> None:
    manager = await make_logged_in(client, db)
    await add_member(db, listing.business_id, manager, "manager")
    await create(client, manager, listing, languageCode="de")
    await create(client, admin, listing, languageCode="es")


async def test_others_cannot_add_texts(
    client: httpx.AsyncClient, db: AsyncSession, host: Person, other: Person, listing: UnitType
) -> None:
    assert_error(await client.post(TEXTS, json=text(listing)), 401)
    r = await client.post(TEXTS, json=text(listing), headers=other.headers)
    assert_error(r, 403, message="errMsg_notYourListing")
    hidden = await make_listing(db, host, isPublished=False)
    r = await client.post(TEXTS, json=text(hidden), headers=other.headers)
    assert_error(r, 404, field="listingId")
    assert await db.scalar(select(func.count()).select_from(ListingLocaleText)) == 0


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"languageCode": "english!"}, "languageCode"),
        ({"languageCode": ""}, "languageCode"),
        ({"languageCode": "p"}, "languageCode"),
        ({"localizedTitle": ""}, "localizedTitle"),
        ({"localizedTitle": "t" * 201}, "localizedTitle"),
        ({"localizedDescription": ""}, "localizedDescription"),
        ({"localizedDescription": "d" * 20_001}, "localizedDescription"),
        ({"listingId": "42"}, "listingId"),
        ({"isActive": False}, "isActive"),
    ],
)
async def test_bad_text_is_400_naming_the_field(
    client: httpx.AsyncClient,
    host: Person,
    listing: UnitType,
    overrides: dict[str, Any],
    field: str,
) -> None:
    r = await client.post(TEXTS, json=text(listing, **overrides), headers=host.headers)
    assert_error(r, 400, field=field)


@pytest.mark.parametrize(
    "missing", ["listingId", "languageCode", "localizedTitle", "localizedDescription"]
)
async def test_missing_text_field_is_400(
    client: httpx.AsyncClient, host: Person, listing: UnitType, missing: str
) -> None:
    data = text(listing)
    del data[missing]
    r = await client.post(TEXTS, json=data, headers=host.headers)
    assert_error(r, 400, field=missing, message=f"errMsg_{missing}IsRequired")


async def test_text_for_an_unknown_or_deleted_listing_is_404(
    client: httpx.AsyncClient, host: Person, listing: UnitType
) -> None:
    r = await client.post(TEXTS, json={**text(listing), "listingId": UNKNOWN}, headers=host.headers)
    assert_error(r, 404, field="listingId")
    await client.delete(f"/propertycatalog-api/v1/listings/{listing.id}", headers=host.headers)
    assert_error(await client.post(TEXTS, json=text(listing), headers=host.headers), 404)


async def test_host_updates_title_and_description_only(
    client: httpx.AsyncClient, host: Person, listing: UnitType
) -> None:
    got = await create(client, host, listing)
    url = f"{TEXTS}/{got['id']}"
    r = await client.patch(url, json={"localizedTitle": "Novo título"}, headers=host.headers)
    assert r.status_code == 200, r.text
    updated = r.json()["listingLocaleText"]
    assert updated["localizedTitle"] == "Novo título"
    assert updated["localizedDescription"] == got["localizedDescription"]
    assert updated["recordVersion"] == 2
    for patch, field in (
        ({"languageCode": "fr"}, "languageCode"),
        ({"listingId": UNKNOWN}, "listingId"),
        ({"localizedTitle": None}, "localizedTitle"),
        ({"localizedDescription": None}, "localizedDescription"),
        ({"localizedTitle": ""}, "localizedTitle"),
    ):
        assert_error(await client.patch(url, json=patch, headers=host.headers), 400, field=field)
    assert (await client.get(url)).json()["listingLocaleText"]["recordVersion"] == 2


async def test_others_cannot_update_or_delete_a_text(
    client: httpx.AsyncClient, host: Person, other: Person, admin: Person, listing: UnitType
) -> None:
    got = await create(client, host, listing)
    url = f"{TEXTS}/{got['id']}"
    assert_error(await client.patch(url, json={"localizedTitle": "x"}), 401)
    assert_error(await client.patch(url, json={"localizedTitle": "x"}, headers=other.headers), 403)
    assert_error(await client.delete(url), 401)
    assert_error(await client.delete(url, headers=other.headers), 403)
    assert (await client.get(url)).json()["listingLocaleText"] == got
    r = await client.patch(url, json={"localizedTitle": "By admin"}, headers=admin.headers)
    assert r.status_code == 200 and r.json()["listingLocaleText"]["localizedTitle"] == "By admin"


async def test_delete_is_soft_and_frees_the_language(
    client: httpx.AsyncClient, db: AsyncSession, host: Person, listing: UnitType
) -> None:
    got = await create(client, host, listing)
    url = f"{TEXTS}/{got['id']}"
    r = await client.delete(url, headers=host.headers)
    assert r.status_code == 200, r.text
    assert r.json()["listingLocaleText"]["isActive"] is False
    assert (
        await db.scalar(
            select(ListingLocaleText.is_active).where(ListingLocaleText.listing_id == listing.id)
        )
        is False
    )
    assert_error(await client.get(url), 404, field="listingLocaleTextId")
    assert_error(await client.delete(url, headers=host.headers), 404)
    await create(client, host, listing)


async def test_texts_follow_the_listings_visibility(
    client: httpx.AsyncClient,
    db: AsyncSession,
    host: Person,
    other: Person,
    admin: Person,
    listing: UnitType,
) -> None:
    public = await create(client, host, listing)
    hidden_listing = await make_listing(db, host, isPublished=False)
    hidden = await create(client, host, hidden_listing)
    assert (await client.get(f"{TEXTS}/{public['id']}")).status_code == 200
    url = f"{TEXTS}/{hidden['id']}"
    assert_error(await client.get(url), 404, field="listingLocaleTextId")
    assert_error(await client.get(url, headers=other.headers), 404)
    for person in (host, admin):
        assert (await client.get(url, headers=person.headers)).status_code == 200

    r = await client.get(TEXTS)
    assert r.status_code == 200 and r.json()["dataName"] == "listingLocaleTexts"
    assert [t["id"] for t in r.json()["listingLocaleTexts"]] == [public["id"]]
    r = await client.get(TEXTS, headers=host.headers)
    assert {t["id"] for t in r.json()["listingLocaleTexts"]} == {public["id"], hidden["id"]}

    # once the listing is deleted its texts disappear for the public
    await client.delete(f"/propertycatalog-api/v1/listings/{listing.id}", headers=host.headers)
    assert_error(await client.get(f"{TEXTS}/{public['id']}"), 404)
    assert (await client.get(TEXTS)).json()["listingLocaleTexts"] == []


async def test_list_filters_by_listing_and_language(
    client: httpx.AsyncClient, db: AsyncSession, host: Person, listing: UnitType
) -> None:
    second = await make_listing(db, host, title="Second")
    pt = await create(client, host, listing)
    fr = await create(client, host, listing, languageCode="fr")
    other_pt = await create(client, host, second)
    r = await client.get(TEXTS, params={"listingId": str(listing.id)})
    assert {t["id"] for t in r.json()["listingLocaleTexts"]} == {pt["id"], fr["id"]}
    r = await client.get(TEXTS, params={"languageCode": "pt"})
    assert {t["id"] for t in r.json()["listingLocaleTexts"]} == {pt["id"], other_pt["id"]}
    assert_error(await client.get(TEXTS, params={"listingId": "x"}), 400, field="listingId")


async def test_unknown_text_is_404_and_malformed_id_400(client: httpx.AsyncClient) -> None:
    assert_error(await client.get(f"{TEXTS}/{UNKNOWN}"), 404, field="listingLocaleTextId")
    assert_error(await client.get(f"{TEXTS}/abc"), 400, field="listingLocaleTextId")
