"""GET/POST /v2/accounts and GET /v2/organizations/users through HTTP."""

from __future__ import annotations

import uuid
from typing import Any

import httpx
import pytest
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from staykit.core.ids import uuid7
from staykit.domain.auth.models import User
from staykit.domain.catalog.models import Property, UnitType
from staykit.domain.tenancy.models import Business, BusinessMember
from tests import contracts
from tests.api.channel.helpers import assert_channel_error
from tests.factories import add_member, make_user, partner_token
from tests.pms import Pms


def assert_matches_contract(schema_name: str, items: list[dict[str, Any]]) -> None:
    contracts.assert_conforms(schema_name, items)


async def business_int_id(db: AsyncSession, business_id: uuid.UUID) -> int:
    found = await db.scalar(select(Business.int_id).where(Business.id == business_id))
    assert found is not None
    return int(found)


async def catalog_ids(db: AsyncSession, pms: Pms) -> tuple[int, int, int]:
    """The integer ids of the pms property, its queen room and its cabin."""
    rows = await db.execute(
        select(UnitType.id, UnitType.int_id).where(UnitType.id.in_([pms.queen.id, pms.cabin.id]))
    )
    found = {r.id: r.int_id for r in rows}
    prop = await db.scalar(select(Property.int_id).where(Property.id == pms.property.id))
    assert prop is not None
    return int(prop), int(found[pms.queen.id]), int(found[pms.cabin.id])


async def test_accounts_answer_the_tokens_business_by_its_integer_id(
    client: httpx.AsyncClient, db: AsyncSession, pms: Pms
) -> None:
    r = await client.get("/v2/accounts", headers=await pms.headers("read:accounts"))
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["success"] is True and body["type"] == "account" and body["count"] == 1
    assert body["pages"] == {"nextPageExists": False, "nextPageLink": None}
    [account] = body["data"]
    assert account == {"id": await business_int_id(db, pms.business_id), "name": account["name"]}
    assert "usage" not in account and "subAccounts" not in account
    assert_matches_contract("account", body["data"])


async def test_accounts_with_usage_count_properties_rooms_units_and_ical_links(
    client: httpx.AsyncClient, db: AsyncSession, pms: Pms
) -> None:
    headers = await pms.headers("read:accounts", "write:channels")
    r = await client.get("/v2/accounts?includeUsage=true", headers=headers)
    assert r.status_code == 200, r.text
    usage = r.json()["data"][0]["usage"]
    assert usage == {
        "numProperties": 1,
        "numRooms": 3,
        "numRoomTypes": 2,
        "numActivities": 0,
        # Every room's feed is on until its export is disabled.
        "numLinks": 2,
        "channelLinks": {"icalexport": 2},
    }

    property_id, queen, cabin = await catalog_ids(db, pms)
    posted = await client.post(
        "/v2/channels/settings",
        headers=headers,
        json=[
            {
                "channel": "iCalExport",
                "properties": [
                    {
                        "id": property_id,
                        "roomTypes": [
                            {"id": queen, "export": "bookings"},
                            {"id": cabin, "export": "disable"},
                        ],
                    }
                ],
            },
            {
                "channel": "iCalImport",
                "properties": [
                    {
                        "id": property_id,
                        "roomTypes": [
                            {
                                "id": cabin,
                                "iCalUri1": "https://calendar.example.com/a.ics",
                                "import1": "endDateCheckout",
                                "iCalUri2": "https://calendar.example.com/b.ics",
                            }
                        ],
                    }
                ],
            },
        ],
    )
    assert posted.status_code == 201, posted.text
    r = await client.get("/v2/accounts?includeUsage=true", headers=headers)
    usage = r.json()["data"][0]["usage"]
    # The cabin's export is disabled; the second URL has no import mode: it links nothing.
    assert usage["channelLinks"] == {"icalexport": 1, "icalimport1": 1}
    assert usage["numLinks"] == 2


async def test_accounts_with_sub_accounts_answer_none_as_businesses_are_flat(
    client: httpx.AsyncClient, pms: Pms
) -> None:
    r = await client.get(
        "/v2/accounts?includeSubAccounts=true&includeLanguages=en&includeLanguages=de,fr",
        headers=await pms.headers("read:accounts"),
    )
    assert r.status_code == 200, r.text
    assert r.json()["data"][0]["subAccounts"] == []


async def test_accounts_refuse_an_unknown_language_naming_the_field(
    client: httpx.AsyncClient, pms: Pms
) -> None:
    r = await client.get(
        "/v2/accounts?includeLanguages=xx", headers=await pms.headers("read:accounts")
    )
    assert_channel_error(r, 400, field="includeLanguages")


async def test_accounts_need_the_read_accounts_scope(client: httpx.AsyncClient, pms: Pms) -> None:
    r = await client.get("/v2/accounts", headers=await pms.headers("read:properties"))
    body = assert_channel_error(r, 403, field="scope")
    assert "read:accounts" in str(body["error"])
    r = await client.get("/v2/organizations/users", headers=await pms.headers("read:bookings"))
    assert_channel_error(r, 403, field="scope")


async def test_accounts_never_show_a_business_the_token_does_not_cover(
    client: httpx.AsyncClient, db: AsyncSession, pms: Pms
) -> None:
    r = await client.get("/v2/accounts", headers=await pms.headers("read:accounts"))
    ids = {a["id"] for a in r.json()["data"]}
    assert await business_int_id(db, pms.other_business_id) not in ids


async def test_posting_accounts_is_refused_item_by_item_in_order(
    client: httpx.AsyncClient, db: AsyncSession, pms: Pms
) -> None:
    own = await business_int_id(db, pms.business_id)
    r = await client.post(
        "/v2/accounts",
        headers=await pms.headers("write:accounts"),
        json=[{"username": "sub"}, {"id": own, "timezone": "Europe/Paris"}],
    )
    assert r.status_code == 201, r.text
    create, modify = r.json()
    assert create["success"] is False and create["errors"][0]["action"] == "create"
    assert "sub-accounts" in create["errors"][0]["message"]
    assert modify["success"] is False and modify["errors"][0]["action"] == "modify"
    assert_matches_contract("multiplePostResponse", r.json())


async def test_posting_accounts_needs_write_accounts_and_an_array(
    client: httpx.AsyncClient, pms: Pms
) -> None:
    r = await client.post(
        "/v2/accounts", headers=await pms.headers("read:accounts"), json=[{"username": "x"}]
    )
    assert_channel_error(r, 403, field="scope")
    r = await client.post(
        "/v2/accounts", headers=await pms.headers("write:accounts"), json={"username": "x"}
    )
    assert_channel_error(r, 400)


async def test_organization_users_are_the_members_with_role_properties_and_rooms(
    client: httpx.AsyncClient, db: AsyncSession, pms: Pms
) -> None:
    staff = await make_user(db, fullname="Front Desk")
    await add_member(db, pms.business_id, staff, "staff")
    r = await client.get("/v2/organizations/users", headers=await pms.headers("read:accounts"))
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["type"] == "organizationUser" and body["count"] == 2
    owner, member = body["data"]
    account = await business_int_id(db, pms.business_id)
    assert (owner["ownerId"], owner["role"]) == (account, "owner")
    assert (member["ownerId"], member["role"]) == (account, "staff")
    assert owner["masterId"] is None
    # Emails are personal: absent without read:bookings-personal.
    assert "email" not in owner and "email" not in member
    [prop] = owner["properties"]
    assert prop["name"] == "Lakeside B&B" and prop["currency"] == "USD"
    rooms = {room["name"]: room["qty"] for room in prop["roomTypes"]}
    assert rooms == {"Queen room": 2, "Cabin": 1}
    assert_matches_contract("organizationUser", body["data"])


async def test_organization_users_show_only_the_tokens_own_users_email(
    client: httpx.AsyncClient, db: AsyncSession, pms: Pms
) -> None:
    staff = await make_user(db)
    await add_member(db, pms.business_id, staff, "manager")
    headers = await pms.headers("read:accounts", "read:bookings-personal")
    r = await client.get("/v2/organizations/users", headers=headers)
    owner, manager = r.json()["data"]
    assert owner["email"] == pms.host.email
    assert manager["role"] == "manager" and "email" not in manager


async def test_organization_users_never_include_another_business_members(
    client: httpx.AsyncClient, db: AsyncSession, pms: Pms
) -> None:
    outsider = await make_user(db)
    await add_member(db, pms.other_business_id, outsider, "staff")
    r = await client.get("/v2/organizations/users", headers=await pms.headers("read:accounts"))
    other = await business_int_id(db, pms.other_business_id)
    assert all(u["ownerId"] != other for u in r.json()["data"])
    assert r.json()["count"] == 1


async def test_organization_users_page_by_100_with_a_working_next_page_link(
    client: httpx.AsyncClient, db: AsyncSession, pms: Pms
) -> None:
    for n in range(100):
        user = User(email=f"staff{n}-{uuid.uuid4().hex[:8]}@example.test", password_hash="x")
        user.fullname = f"Staff {n}"
        user.id = uuid7()
        db.add(user)
        db.add(BusinessMember(business_id=pms.business_id, user_id=user.id, role="staff"))
    await db.commit()
    headers = await pms.headers("read:accounts")
    first = await client.get("/v2/organizations/users", headers=headers)
    body = first.json()
    assert body["count"] == 100 and body["pages"]["nextPageExists"] is True
    assert body["data"][0]["role"] == "owner"
    second = await client.get(body["pages"]["nextPageLink"], headers=headers)
    assert second.status_code == 200, second.text
    assert second.json()["count"] == 1 and second.json()["pages"]["nextPageExists"] is False


@pytest.mark.parametrize("page", ["0", "x"])
async def test_organization_users_refuse_a_bad_page(
    client: httpx.AsyncClient, pms: Pms, page: str
) -> None:
    r = await client.get(
        f"/v2/organizations/users?page={page}", headers=await pms.headers("read:accounts")
    )
    assert_channel_error(r, 400, field="page")


async def test_a_staff_members_token_lists_the_same_account(
    client: httpx.AsyncClient, db: AsyncSession, pms: Pms
) -> None:
    staff = await make_user(db)
    await add_member(db, pms.business_id, staff, "staff")
    made = await partner_token(
        db, staff, [pms.business_id], kind="channel", scopes=["read:accounts"]
    )
    r = await client.get("/v2/accounts", headers={"token": made.value})
    assert r.status_code == 200, r.text
    assert [a["id"] for a in r.json()["data"]] == [await business_int_id(db, pms.business_id)]
