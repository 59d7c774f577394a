"""/host/listings over HTTP as a browser sends it: sign-in is needed, a person with no
listing is offered to become a host, the form creates a listing (with a photo) through
the catalog service and shows bad input again with each field's message, every form needs
its CSRF token, and another host's listing is a 404."""

from __future__ import annotations

import uuid
from decimal import Decimal

import httpx
import pytest
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from staykit.domain.catalog.models import Amenity, UnitType
from tests.api.host.helpers import (
    LISTING_FORM,
    PNG,
    csrf,
    field_error,
    post_form,
    post_multipart,
    signed_in_as,
)
from tests.factories import Person, make_listing

PAGES = [
    "/host",
    "/host/",
    "/host/listings",
    "/host/listings/new",
    "/host/listings/0190b2a4-1c7e-7000-8000-000000000001",
    "/host/listings/0190b2a4-1c7e-7000-8000-000000000001/calendar?month=2026-07",
    "/host/reservations",
    "/host/reservations/0190b2a4-1c7e-7000-8000-000000000001",
    "/host/payouts",
]


async def listing_count(db: AsyncSession) -> int:
    return int(await db.scalar(select(func.count()).select_from(UnitType)) or 0)


@pytest.mark.parametrize("path", PAGES[2:])
async def test_signed_out_pages_redirect_to_login_with_the_path(
    client: httpx.AsyncClient, path: str
) -> None:
    r = await client.get(path)
    assert r.status_code == 303, r.text
    assert r.headers["location"].startswith("/login?next=%2Fhost%2F")
    assert httpx.URL(r.headers["location"]).params["next"] == path


async def test_host_root_goes_to_the_listings(client: httpx.AsyncClient) -> None:
    for path in ("/host", "/host/"):
        r = await client.get(path)
        assert (r.status_code, r.headers["location"]) == (303, "/host/listings")


async def test_signed_out_post_makes_nothing(client: httpx.AsyncClient, db: AsyncSession) -> None:
    r = await client.post("/host/listings", data=LISTING_FORM)
    assert r.status_code == 303 and r.headers["location"].startswith("/login?next=")
    assert await listing_count(db) == 0


async def test_a_guest_without_listings_is_offered_to_become_a_host(
    client: httpx.AsyncClient, guest: Person
) -> None:
    await signed_in_as(client, guest)
    r = await client.get("/host/listings")
    assert r.status_code == 200
    assert "Become a host" in r.text and 'href="/host/listings/new"' in r.text
    assert r.headers["cache-control"] == "no-store"
    assert "script-src 'self'" in r.headers["content-security-policy"]
    for path, empty in (
        ("/host/reservations", "No requests are waiting"),
        ("/host/payouts", "No payouts yet"),
    ):
        page = await client.get(path)
        assert page.status_code == 200 and empty in page.text
    assert (
        (await client.get("/host/static/host.js"))
        .headers["content-type"]
        .startswith("text/javascript")
    )


async def test_the_form_creates_an_unpublished_listing_with_its_photo(
    client: httpx.AsyncClient, db: AsyncSession, host: Person
) -> None:
    wifi = Amenity(name=f"Wifi {uuid.uuid4().hex[:6]}")
    db.add(wifi)
    await db.commit()
    await signed_in_as(client, host)
    new = await client.get("/host/listings/new")
    assert wifi.name in new.text
    r = await post_multipart(
        client,
        "/host/listings",
        {**LISTING_FORM, "amenity_ids": str(wifi.id)},
        {"photo": ("loft.png", PNG, "image/png")},
    )
    assert r.status_code == 303, r.text
    listing_id = uuid.UUID(r.headers["location"].split("/")[-1].split("?")[0])
    listing = await db.get(UnitType, listing_id)
    assert listing is not None
    assert (listing.title, listing.is_published, listing.host_id) == (
        "Harbour loft",
        False,
        host.user.id,
    )
    assert (listing.price_per_night, listing.cleaning_fee, listing.min_stay) == (
        Decimal("90.00"),
        Decimal("20.00"),
        2,
    )
    assert listing.amenity_ids == [wifi.id]
    assert listing.cancellation_policy is not None
    assert listing.cancellation_policy["name"] == "moderate"
    [photo] = listing.photos
    assert listing.main_photo == photo
    download = await client.get(photo)
    assert download.status_code == 200 and download.content == PNG

    page = await client.get(r.headers["location"])
    assert "Listing created" in page.text and f'<img src="{photo}"' in page.text
    listed = await client.get("/host/listings")
    assert "Harbour loft" in listed.text and "Not published" in listed.text


async def test_bad_input_is_shown_again_with_each_fields_message(
    client: httpx.AsyncClient, db: AsyncSession, host: Person
) -> None:
    await signed_in_as(client, host)
    bad = {
        **LISTING_FORM,
        "title": "",
        "price_per_night": "cheap",
        "min_stay": "0",
        "lat": "95",
        "currency": "EURO",
        "property_type": "castle",
    }
    r = await post_form(client, "/host/listings", bad)
    assert r.status_code == 400
    assert field_error(r.text, "title") == "Title is required."
    assert "such as 85.50" in field_error(r.text, "price_per_night")
    assert "from 1 to 365" in field_error(r.text, "min_stay")
    assert "from -90 to 90" in field_error(r.text, "lat")
    assert "3-letter code" in field_error(r.text, "currency")
    assert "from the list" in field_error(r.text, "property_type")
    assert 'value="Cais 3, Porto"' in r.text  # what was typed stays
    assert await listing_count(db) == 0


async def test_a_domain_rule_shows_next_to_its_field(
    client: httpx.AsyncClient, db: AsyncSession, host: Person
) -> None:
    await signed_in_as(client, host)
    r = await post_form(
        client, "/host/listings", {**LISTING_FORM, "min_stay": "9", "max_stay": "3"}
    )
    assert r.status_code == 400
    assert "min" in r.text.lower() and 'aria-invalid="true"' in r.text
    assert await listing_count(db) == 0


async def test_a_file_that_is_not_an_image_is_refused(
    client: httpx.AsyncClient, db: AsyncSession, host: Person
) -> None:
    await signed_in_as(client, host)
    r = await post_multipart(
        client, "/host/listings", LISTING_FORM, {"photo": ("x.png", b"not an image", "image/png")}
    )
    assert r.status_code == 400
    assert field_error(r.text, "photo") == "Photos must be PNG, JPEG, GIF or WebP images."
    assert await listing_count(db) == 0


@pytest.mark.parametrize("token", ["", "forged-token"])
async def test_forms_without_their_csrf_token_are_refused(
    client: httpx.AsyncClient, db: AsyncSession, host: Person, token: str
) -> None:
    listing = await make_listing(db, host, isPublished=False)
    await signed_in_as(client, host)
    r = await post_form(client, "/host/listings", LISTING_FORM, token=token)
    assert r.status_code == 403 and "security token" in r.text
    assert await listing_count(db) == 1
    for path in ("publish", "unpublish", "photos/remove", "calendar"):
        r = await post_form(client, f"/host/listings/{listing.id}/{path}", {}, token=token)
        assert r.status_code == 403, (path, r.text)
    await db.refresh(listing)
    assert listing.is_published is False


async def test_editing_saves_through_the_catalog_and_publishing_toggles(
    client: httpx.AsyncClient, db: AsyncSession, host: Person
) -> None:
    listing = await make_listing(db, host, isPublished=False, approvalType="manual")
    await signed_in_as(client, host)
    url = f"/host/listings/{listing.id}"
    page = await client.get(url)
    assert page.status_code == 200 and 'value="Sunny flat by the river"' in page.text
    r = await post_form(
        client,
        url,
        {
            **LISTING_FORM,
            "title": "Sunny flat, renamed",
            "price_per_night": "120",
            "currency": "EUR",
        },
    )
    assert r.status_code == 303 and r.headers["location"] == f"{url}?notice=saved"
    await db.refresh(listing)
    assert (listing.title, listing.price_per_night) == ("Sunny flat, renamed", Decimal("120.00"))

    r = await post_form(client, f"{url}/publish", {})
    assert r.status_code == 303
    await db.refresh(listing)
    assert listing.is_published is True
    assert "Published: guests can find" in (await client.get(r.headers["location"])).text
    r = await post_form(client, f"{url}/unpublish", {})
    await db.refresh(listing)
    assert listing.is_published is False

    bad = await post_form(client, url, {**LISTING_FORM, "price_per_night": "-1"})
    assert bad.status_code == 400 and "from 0 to 10000000" in field_error(
        bad.text, "price_per_night"
    )
    await db.refresh(listing)
    assert listing.price_per_night == Decimal("120.00")


async def test_photos_are_added_and_removed(
    client: httpx.AsyncClient, db: AsyncSession, host: Person
) -> None:
    listing = await make_listing(db, host)
    await signed_in_as(client, host)
    url = f"/host/listings/{listing.id}"
    r = await post_multipart(client, f"{url}/photos", {}, {"photo": ("a.png", PNG, "image/png")})
    assert r.status_code == 303, r.text
    await db.refresh(listing)
    [photo] = listing.photos
    empty = await post_multipart(client, f"{url}/photos", {})
    assert empty.status_code == 400
    assert field_error(empty.text, "photo") == "Choose an image file to upload."
    unknown = await post_form(client, f"{url}/photos/remove", {"photo_url": "/elsewhere.png"})
    assert unknown.status_code == 404
    r = await post_form(client, f"{url}/photos/remove", {"photo_url": photo})
    assert r.status_code == 303
    await db.refresh(listing)
    assert (listing.photos, listing.main_photo) == ([], None)


async def test_another_hosts_listing_is_a_404_everywhere(
    client: httpx.AsyncClient, db: AsyncSession, host: Person, other_host: Person
) -> None:
    theirs = await make_listing(db, other_host)  # published: the API would say 403
    await signed_in_as(client, host)
    base = f"/host/listings/{theirs.id}"
    for path in (base, f"{base}/calendar", "/host/listings/not-a-uuid"):
        r = await client.get(path)
        assert r.status_code == 404, (path, r.text)
        assert "not one of your listings" in r.text
    token = await csrf(client)
    for path in (base, f"{base}/publish", f"{base}/unpublish", f"{base}/calendar"):
        r = await post_form(client, path, {**LISTING_FORM, "first": "2030-01-01"}, token=token)
        assert r.status_code == 404, (path, r.text)
    await db.refresh(theirs)
    assert (theirs.title, theirs.is_published) == ("Sunny flat by the river", True)
    listed = await client.get("/host/listings")
    assert str(theirs.id) not in listed.text
