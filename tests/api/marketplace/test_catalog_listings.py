"""Listings over HTTP (spec §4.2): create, get, update, delete, who may do each, what
unpublished and deleted listings look like to whom, the joins, and bad input."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal
from typing import Any

import httpx
import pytest
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from staykit.core.clock import utcnow
from staykit.domain.booking.commands import NewReservation
from staykit.domain.booking.create import create_reservation
from staykit.domain.catalog.models import (
    Amenity,
    ListingLocaleText,
    Property,
    Rate,
    Unit,
    UnitType,
)
from tests.factories import (
    Person,
    actor_of,
    add_member,
    assert_error,
    days_from,
    make_listing,
    make_logged_in,
)

LISTINGS = "/propertycatalog-api/v1/listings"
# Stays and seasonal rules ahead of today whenever the tests run (bookings refuse arrivals
# in the past); day(n) is BASE + n days.
BASE = utcnow().date() + timedelta(days=120)
day = days_from(BASE)

SPEC_FIELDS = {
    "id",
    "title",
    "amenityIds",
    "hostId",
    "mainPhoto",
    "photos",
    "address",
    "pricePerNight",
    "description",
    "propertyType",
    "propertyType_idx",
    "location",
    "maxStay",
    "minStay",
    "currency",
    "seasonalPricing",
    "approvalType",
    "approvalType_idx",
    "bookingPolicies",
    "cancellationPolicy",
    "languagesSupported",
    "houseRules",
    "isPublished",
    "cityTaxPercent",
    "isActive",
    "recordVersion",
    "createdAt",
    "updatedAt",
    "_owner",
}
STAYKIT_FIELDS = {"timeZone", "maxGuests", "baseOccupancy", "cleaningFee"}


def body(**overrides: Any) -> dict[str, Any]:
    out: dict[str, Any] = {
        "title": "Loft over the Tagus",
        "address": "Rua do Alecrim 7, Lisboa",
        "pricePerNight": 120.5,
        "description": "Bright loft with a view of the river.",
        "propertyType": "loft",
        "location": {"lat": 38.7071, "lng": -9.1445, "city": "Lisbon", "country": "pt"},
        "currency": "EUR",
        "approvalType": "manual",
        "isPublished": True,
    }
    out.update(overrides)
    return out


async def amenity(db: AsyncSession, name: str, icon: str | None = None) -> Amenity:
    row = Amenity(name=name, icon_url=icon or f"/icons/{name.lower()}.svg")
    db.add(row)
    await db.commit()
    return row


async def manager_of(client: httpx.AsyncClient, db: AsyncSession, listing: UnitType) -> Person:
    person = await make_logged_in(client, db)
    await add_member(db, listing.business_id, person, "manager")
    return person


# --- create ---------------------------------------------------------------------------------


async def test_logged_in_user_creates_a_listing_and_becomes_its_host(
    client: httpx.AsyncClient, db: AsyncSession, host: Person
) -> None:
    wifi, pool = await amenity(db, "Wifi"), await amenity(db, "Pool")
    r = await client.post(
        LISTINGS,
        json=body(
            amenityIds=[str(pool.id), str(wifi.id)],
            photos=["https://img.example/1.jpg", "https://img.example/2.jpg"],
            minStay=2,
            maxStay=30,
            languagesSupported=["en", "pt-PT"],
            houseRules="No parties.",
            cityTaxPercent=1.5,
            timeZone="Europe/Lisbon",
            maxGuests=3,
            baseOccupancy=2,
            cleaningFee="25.00",
            seasonalPricing={
                "rules": [
                    {
                        "startDate": day(30).isoformat(),
                        "endDate": day(91).isoformat(),
                        "pricePerNight": "150.00",
                    }
                ]
            },
            cancellationPolicy={"tiers": [{"daysBeforeArrival": 7, "refundPercent": 100}]},
            bookingPolicies={"checkInTime": "16:00", "checkOutTime": "10:00"},
        ),
        headers=host.headers,
    )
    assert r.status_code == 201, r.text
    envelope = r.json()
    assert envelope["dataName"] == "listing" and envelope["action"] == "create"
    listing = envelope["listing"]
    assert SPEC_FIELDS | STAYKIT_FIELDS <= set(listing)
    assert "amenities" not in listing and "locales" not in listing  # create returns no joins
    assert listing["hostId"] == host.id and listing["_owner"] == host.id
    assert listing["pricePerNight"] == 120.5
    assert listing["cleaningFee"] == 25.0 and listing["cityTaxPercent"] == 1.5
    assert listing["propertyType"] == "loft" and listing["propertyType_idx"] == 5
    assert listing["approvalType"] == "manual" and listing["approvalType_idx"] == 1
    assert listing["location"] == {
        "lat": 38.7071,
        "lng": -9.1445,
        "city": "Lisbon",
        "country": "PT",
    }
    assert listing["address"] == "Rua do Alecrim 7, Lisboa"
    assert listing["amenityIds"] == [str(pool.id), str(wifi.id)]
    assert listing["photos"] == ["https://img.example/1.jpg", "https://img.example/2.jpg"]
    assert listing["mainPhoto"] == "https://img.example/1.jpg"
    assert listing["languagesSupported"] == ["en", "pt-PT"]
    assert listing["timeZone"] == "Europe/Lisbon"
    assert (listing["minStay"], listing["maxStay"]) == (2, 30)
    assert (listing["maxGuests"], listing["baseOccupancy"]) == (3, 2)
    assert listing["seasonalPricing"]["rules"][0]["pricePerNight"] == 150.0
    assert listing["cancellationPolicy"]["tiers"][0]["refundPercent"] == 100.0
    assert listing["isPublished"] is True and listing["isActive"] is True

    prop = await db.scalar(select(Property).join(UnitType).where(UnitType.id == listing["id"]))
    assert prop is not None and str(prop.check_in_time) == "16:00:00"
    units = (await db.scalars(select(Unit).where(Unit.unit_type_id == listing["id"]))).all()
    assert len(units) == 1


async def test_jpy_listing_shows_whole_amounts(client: httpx.AsyncClient, host: Person) -> None:
    r = await client.post(
        LISTINGS, json=body(currency="JPY", pricePerNight=12000), headers=host.headers
    )
    assert r.status_code == 201, r.text
    assert r.json()["listing"]["pricePerNight"] == 12000


async def test_anonymous_cannot_create_a_listing(client: httpx.AsyncClient) -> None:
    assert_error(await client.post(LISTINGS, json=body()), 401)


async def test_host_id_is_not_a_create_parameter(
    client: httpx.AsyncClient, host: Person, other: Person
) -> None:
    r = await client.post(LISTINGS, json=body(hostId=other.id), headers=host.headers)
    assert_error(r, 400, field="hostId", message="errMsg_hostIdIsNotAllowed")


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"currency": "XYZ"}, "currency"),
        ({"currency": "eur"}, "currency"),
        ({"timeZone": "Mars/Olympus_Mons"}, "timeZone"),
        ({"location": {"lat": 90.5, "lng": 0}}, "location.lat"),
        ({"location": {"lat": 0, "lng": -180.1}}, "location.lng"),
        ({"location": {"lat": 0}}, "location.lng"),
        ({"pricePerNight": -1}, "pricePerNight"),
        ({"pricePerNight": "ten"}, "pricePerNight"),
        ({"pricePerNight": "99.999"}, "pricePerNight"),  # EUR has 2 decimals
        ({"currency": "JPY", "pricePerNight": "100.5"}, "pricePerNight"),
        ({"cleaningFee": "-5"}, "cleaningFee"),
        ({"cleaningFee": "5.001"}, "cleaningFee"),
        ({"cityTaxPercent": 101}, "cityTaxPercent"),
        ({"propertyType": "castle"}, "propertyType"),
        ({"approvalType": "auto"}, "approvalType"),
        ({"title": ""}, "title"),
        ({"title": "x" * 201}, "title"),
        ({"photos": ["not a url"]}, "photos.0"),
        ({"amenityIds": ["not-an-id"]}, "amenityIds.0"),
        ({"minStay": 0}, "minStay"),
        ({"bookingPolicies": {"checkInTime": "late"}}, "bookingPolicies.checkInTime"),
        (
            {
                "seasonalPricing": {
                    "rules": [
                        {
                            "startDate": day(30).isoformat(),
                            "endDate": day(31).isoformat(),
                            "pricePerNight": "1.234",
                        }
                    ]
                }
            },
            "seasonalPricing.rules[0].pricePerNight",
        ),
    ],
)
async def test_bad_listing_field_is_400_naming_it(
    client: httpx.AsyncClient, host: Person, overrides: dict[str, Any], field: str
) -> None:
    r = await client.post(LISTINGS, json=body(**overrides), headers=host.headers)
    assert_error(r, 400, field=field)


@pytest.mark.parametrize(
    "missing",
    ["title", "address", "pricePerNight", "description", "propertyType", "location", "currency"],
)
async def test_missing_required_listing_field_is_400_naming_it(
    client: httpx.AsyncClient, host: Person, missing: str
) -> None:
    data = body()
    del data[missing]
    r = await client.post(LISTINGS, json=data, headers=host.headers)
    assert_error(r, 400, field=missing, message=f"errMsg_{missing}IsRequired")


async def test_unknown_or_repeated_amenity_ids_are_400_naming_the_item(
    client: httpx.AsyncClient, db: AsyncSession, host: Person
) -> None:
    wifi = await amenity(db, "Wifi")
    gone = await amenity(db, "Sauna")
    gone.is_active = False
    await db.commit()
    unknown = "0190f0c2-0000-7000-8000-000000000000"
    r = await client.post(
        LISTINGS, json=body(amenityIds=[str(wifi.id), unknown]), headers=host.headers
    )
    assert_error(r, 400, field="amenityIds[1]", message="errMsg_amenityIdsIsInvalid")
    r = await client.post(LISTINGS, json=body(amenityIds=[str(gone.id)]), headers=host.headers)
    assert_error(r, 400, field="amenityIds[0]")
    r = await client.post(
        LISTINGS, json=body(amenityIds=[str(wifi.id), str(wifi.id)]), headers=host.headers
    )
    assert_error(r, 400, field="amenityIds[1]")
    assert await db.scalar(select(UnitType.id).where(UnitType.host_id == host.user.id)) is None


# --- get and visibility -----------------------------------------------------------------------


async def test_published_listing_is_public_with_amenities_and_locales(
    client: httpx.AsyncClient, db: AsyncSession, host: Person
) -> None:
    wifi, pool = await amenity(db, "Wifi"), await amenity(db, "Pool")
    listing = await make_listing(db, host, amenityIds=[str(pool.id), str(wifi.id)])
    db.add_all(
        [
            ListingLocaleText(
                listing_id=listing.id,
                language_code="pt",
                localized_title="Apartamento",
                localized_description="Dois quartos.",
            ),
            ListingLocaleText(
                listing_id=listing.id,
                language_code="fr",
                localized_title="Appartement",
                localized_description="Deux pièces.",
                is_active=False,
            ),
        ]
    )
    await db.commit()
    r = await client.get(f"{LISTINGS}/{listing.id}")
    assert r.status_code == 200, r.text
    assert r.json()["dataName"] == "listing" and r.json()["action"] == "get"
    got = r.json()["listing"]
    assert SPEC_FIELDS | STAYKIT_FIELDS <= set(got)
    assert got["id"] == str(listing.id) and got["hostId"] == host.id
    assert got["pricePerNight"] == 100.0 and got["currency"] == "EUR"
    assert got["location"]["city"] == "Lisbon"
    assert got["amenities"] == [
        {"id": str(pool.id), "iconUrl": "/icons/pool.svg", "name": "Pool"},
        {"id": str(wifi.id), "iconUrl": "/icons/wifi.svg", "name": "Wifi"},
    ]
    assert got["locales"] == [
        {
            "languageCode": "pt",
            "localizedTitle": "Apartamento",
            "localizedDescription": "Dois quartos.",
        }
    ]
    # the reviews service does not exist yet; an anonymous caller sees no reservations
    assert "reviews" not in got and got["rezervations"] == []


async def test_get_listing_joins_the_reservations_the_caller_may_see(
    client: httpx.AsyncClient, db: AsyncSession, host: Person, other: Person, admin: Person
) -> None:
    listing = await make_listing(db, host)
    third = await make_logged_in(client, db)
    mine = await create_reservation(
        db, actor_of(other), NewReservation(listing.id, day(0), day(2), 2)
    )
    theirs = await create_reservation(
        db, actor_of(third), NewReservation(listing.id, day(4), day(5), 1)
    )
    await db.commit()

    def joined(person: Person) -> list[str]:
        return [r["id"] for r in got_by[person.id]]

    got_by = {}
    for person in (host, other, third, admin):
        r = await client.get(f"{LISTINGS}/{listing.id}", headers=person.headers)
        assert r.status_code == 200, r.text
        got_by[person.id] = r.json()["listing"]["rezervations"]
    assert joined(host) == joined(admin) == [str(mine.reservation.id), str(theirs.reservation.id)]
    assert joined(other) == [str(mine.reservation.id)]
    assert joined(third) == [str(theirs.reservation.id)]
    first = got_by[host.id][0]
    assert first == {
        "id": str(mine.reservation.id),
        "checkIn": day(0).isoformat(),
        "checkOut": day(2).isoformat(),
        "bookingStatus": "confirmed",
        "guestCount": 2,
        "guestId": other.id,
    }


async def test_get_joins_false_leaves_the_joins_out(
    client: httpx.AsyncClient, db: AsyncSession, host: Person
) -> None:
    wifi = await amenity(db, "Wifi")
    listing = await make_listing(db, host, amenityIds=[str(wifi.id)])
    got = (await client.get(f"{LISTINGS}/{listing.id}", params={"getJoins": "false"})).json()[
        "listing"
    ]
    assert "amenities" not in got and "locales" not in got
    assert got["amenityIds"] == [str(wifi.id)]
    r = await client.get(f"{LISTINGS}/{listing.id}", params={"getJoins": "maybe"})
    assert_error(r, 400, field="getJoins")


@pytest.mark.parametrize("state", ["unpublished", "deleted"])
async def test_hidden_listing_is_404_to_all_but_its_host_managers_and_admins(
    client: httpx.AsyncClient,
    db: AsyncSession,
    host: Person,
    other: Person,
    admin: Person,
    state: str,
) -> None:
    listing = await make_listing(db, host, isPublished=state == "deleted")
    if state == "deleted":
        r = await client.delete(f"{LISTINGS}/{listing.id}", headers=host.headers)
        assert r.status_code == 200, r.text
    manager = await manager_of(client, db, listing)
    superadmin = await make_logged_in(client, db, role="superAdmin")
    url = f"{LISTINGS}/{listing.id}"
    assert_error(await client.get(url), 404, field="listingId", message="errMsg_listingNotFound")
    assert_error(await client.get(url, headers=other.headers), 404, field="listingId")
    for person in (host, manager, admin, superadmin):
        r = await client.get(url, headers=person.headers)
        assert r.status_code == 200, r.text
        assert r.json()["listing"]["isActive"] is (state != "deleted")
        assert r.json()["listing"]["isPublished"] is False


async def test_business_staff_member_does_not_see_an_unpublished_listing(
    client: httpx.AsyncClient, db: AsyncSession, host: Person
) -> None:
    listing = await make_listing(db, host, isPublished=False)
    staff = await make_logged_in(client, db)
    await add_member(db, listing.business_id, staff, "staff")
    assert_error(await client.get(f"{LISTINGS}/{listing.id}", headers=staff.headers), 404)


async def test_unknown_listing_is_404_and_malformed_id_is_400(client: httpx.AsyncClient) -> None:
    r = await client.get(f"{LISTINGS}/0190f0c2-0000-7000-8000-000000000000")
    assert_error(r, 404, field="listingId")
    r = await client.get(f"{LISTINGS}/not-a-uuid")
    assert_error(r, 400, field="listingId", message="errMsg_listingIdIsNotAValidID")


# --- update ---------------------------------------------------------------------------------------


async def test_host_updates_the_listing_and_its_property_and_rate_follow(
    client: httpx.AsyncClient, db: AsyncSession, host: Person
) -> None:
    listing = await make_listing(db, host)
    r = await client.patch(
        f"{LISTINGS}/{listing.id}",
        json={
            "title": "Renamed flat",
            "pricePerNight": "135.50",
            "location": {"lat": 41.1496, "lng": -8.611, "city": "Porto", "country": "PT"},
            "address": "Rua de Santa Catarina 1, Porto",
            "isPublished": False,
            "maxStay": 14,
        },
        headers=host.headers,
    )
    assert r.status_code == 200, r.text
    got = r.json()["listing"]
    assert r.json()["action"] == "update" and "amenities" not in got
    assert got["title"] == "Renamed flat" and got["pricePerNight"] == 135.5
    assert got["location"] == {"lat": 41.1496, "lng": -8.611, "city": "Porto", "country": "PT"}
    assert got["address"] == "Rua de Santa Catarina 1, Porto"
    assert got["isPublished"] is False and got["maxStay"] == 14
    assert got["description"] == "Two rooms, balcony, fast wifi."  # untouched
    assert got["recordVersion"] == 2
    fresh = {"populate_existing": True}  # the factory's objects are in this session
    rate = await db.scalar(
        select(Rate).where(Rate.unit_type_id == listing.id, Rate.is_default),
        execution_options=fresh,
    )
    assert rate is not None and rate.base_price == Decimal("135.50")
    prop = await db.scalar(
        select(Property).where(Property.id == listing.property_id), execution_options=fresh
    )
    assert prop is not None and prop.city == "Porto" and prop.name == "Renamed flat"


async def test_business_manager_and_admin_may_update_a_listing(
    client: httpx.AsyncClient, db: AsyncSession, host: Person, admin: Person
) -> None:
    listing = await make_listing(db, host)
    manager = await manager_of(client, db, listing)
    for n, person in enumerate((manager, admin)):
        r = await client.patch(
            f"{LISTINGS}/{listing.id}", json={"houseRules": f"Rule {n}"}, headers=person.headers
        )
        assert r.status_code == 200, r.text
        assert r.json()["listing"]["houseRules"] == f"Rule {n}"
        assert r.json()["listing"]["hostId"] == host.id  # the host stays the host


async def test_another_users_update_is_403_and_writes_nothing(
    client: httpx.AsyncClient, db: AsyncSession, host: Person, other: Person
) -> None:
    listing = await make_listing(db, host)
    r = await client.patch(
        f"{LISTINGS}/{listing.id}", json={"title": "Mine now"}, headers=other.headers
    )
    assert_error(r, 403, message="errMsg_notYourListing")
    got = (await client.get(f"{LISTINGS}/{listing.id}")).json()["listing"]
    assert got["title"] == "Sunny flat by the river" and got["recordVersion"] == 1


async def test_another_users_update_of_an_unpublished_listing_is_404(
    client: httpx.AsyncClient, db: AsyncSession, host: Person, other: Person
) -> None:
    listing = await make_listing(db, host, isPublished=False)
    r = await client.patch(
        f"{LISTINGS}/{listing.id}", json={"title": "Mine now"}, headers=other.headers
    )
    assert_error(r, 404, field="listingId")


async def test_anonymous_update_and_delete_are_401(
    client: httpx.AsyncClient, db: AsyncSession, host: Person
) -> None:
    listing = await make_listing(db, host)
    assert_error(await client.patch(f"{LISTINGS}/{listing.id}", json={"title": "x"}), 401)
    assert_error(await client.delete(f"{LISTINGS}/{listing.id}"), 401)


@pytest.mark.parametrize(
    ("patch", "field"),
    [
        ({"hostId": "0190f0c2-0000-7000-8000-000000000000"}, "hostId"),
        ({"title": None}, "title"),
        ({"pricePerNight": None}, "pricePerNight"),
        ({"isPublished": None}, "isPublished"),
        ({"maxGuests": None}, "maxGuests"),
        ({"minStay": None}, "minStay"),
        ({"pricePerNight": -10}, "pricePerNight"),
        ({"pricePerNight": "10.005"}, "pricePerNight"),
        ({"currency": "JPY"}, "pricePerNight"),  # the stored 100.50 has no JPY form
        ({"maxStay": 0}, "maxStay"),
        ({"baseOccupancy": 5}, "baseOccupancy"),  # maxGuests is 4
        ({"maxGuests": 1}, "maxGuests"),  # below the stored baseOccupancy 2
        ({"minStay": 40}, "minStay"),  # above the stored maxStay 30
        ({"location": {"lat": -91, "lng": 0}}, "location.lat"),
        ({"timeZone": "Europe/Atlantis"}, "timeZone"),
    ],
)
async def test_bad_update_is_400_naming_the_field(
    client: httpx.AsyncClient,
    db: AsyncSession,
    host: Person,
    patch: dict[str, Any],
    field: str,
) -> None:
    listing = await make_listing(db, host, pricePerNight="100.50", maxStay=30)
    r = await client.patch(f"{LISTINGS}/{listing.id}", json=patch, headers=host.headers)
    assert_error(r, 400, field=field)
    got = (await client.get(f"{LISTINGS}/{listing.id}")).json()["listing"]
    assert got["recordVersion"] == 1 and got["pricePerNight"] == 100.5


async def test_max_stay_below_the_stored_min_stay_is_400(
    client: httpx.AsyncClient, db: AsyncSession, host: Person
) -> None:
    listing = await make_listing(db, host, minStay=5)
    r = await client.patch(f"{LISTINGS}/{listing.id}", json={"maxStay": 3}, headers=host.headers)
    assert_error(r, 400, field="maxStay")


async def test_update_with_unknown_amenity_is_400_naming_the_item(
    client: httpx.AsyncClient, db: AsyncSession, host: Person
) -> None:
    wifi = await amenity(db, "Wifi")
    listing = await make_listing(db, host)
    r = await client.patch(
        f"{LISTINGS}/{listing.id}",
        json={"amenityIds": [str(wifi.id), "0190f0c2-0000-7000-8000-000000000000"]},
        headers=host.headers,
    )
    assert_error(r, 400, field="amenityIds[1]")


# --- delete -----------------------------------------------------------------------------------


async def test_host_soft_deletes_a_listing_which_then_cannot_be_changed(
    client: httpx.AsyncClient, db: AsyncSession, host: Person
) -> None:
    listing = await make_listing(db, host)
    r = await client.delete(f"{LISTINGS}/{listing.id}", headers=host.headers)
    assert r.status_code == 200, r.text
    assert r.json()["action"] == "delete"
    assert r.json()["listing"]["isActive"] is False and r.json()["listing"]["isPublished"] is False
    assert await db.scalar(select(UnitType.is_active).where(UnitType.id == listing.id)) is False
    assert_error(await client.get(f"{LISTINGS}/{listing.id}"), 404)
    r = await client.patch(f"{LISTINGS}/{listing.id}", json={"title": "x"}, headers=host.headers)
    assert_error(r, 404, field="listingId")
    assert_error(await client.delete(f"{LISTINGS}/{listing.id}", headers=host.headers), 404)


async def test_another_users_delete_is_403_and_the_listing_stays(
    client: httpx.AsyncClient, db: AsyncSession, host: Person, other: Person
) -> None:
    listing = await make_listing(db, host)
    assert_error(await client.delete(f"{LISTINGS}/{listing.id}", headers=other.headers), 403)
    r = await client.get(f"{LISTINGS}/{listing.id}")
    assert r.status_code == 200 and r.json()["listing"]["isActive"] is True


async def test_admin_deletes_any_listing(
    client: httpx.AsyncClient, db: AsyncSession, host: Person, admin: Person
) -> None:
    listing = await make_listing(db, host, isPublished=False)
    r = await client.delete(f"{LISTINGS}/{listing.id}", headers=admin.headers)
    assert r.status_code == 200, r.text
    assert r.json()["listing"]["isActive"] is False
