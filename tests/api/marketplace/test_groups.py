"""HTTP tests of user groups and group members (spec §2.2): admins manage them, anyone
reads them, and member emails are shown only to admins and the member themself."""

from __future__ import annotations

import uuid
from typing import Any

import httpx
import pytest
from sqlalchemy.ext.asyncio import AsyncSession

from tests.factories import Person, assert_error, make_logged_in, make_user

BASE = "/auth-api/v1"


async def create_group(
    client: httpx.AsyncClient, admin: Person, name: str = "Superhosts", **extra: Any
) -> dict[str, Any]:
    r = await client.post(
        f"{BASE}/usergroups", headers=admin.headers, json={"groupName": name, **extra}
    )
    assert r.status_code == 201, r.text
    return r.json()["userGroup"]


async def add_member(
    client: httpx.AsyncClient, admin: Person, group_id: str, user_id: str
) -> dict[str, Any]:
    r = await client.post(
        f"{BASE}/usergroupmembers",
        headers=admin.headers,
        json={"groupId": group_id, "userId": user_id},
    )
    assert r.status_code == 201, r.text
    return r.json()["userGroupMember"]


# --- userGroups ------------------------------------------------------------------------------


@pytest.mark.parametrize("role", ["admin", "superAdmin"])
async def test_admin_roles_create_a_group(
    client: httpx.AsyncClient, db: AsyncSession, role: str
) -> None:
    admin = await make_logged_in(client, db, role=role)
    r = await client.post(
        f"{BASE}/usergroups",
        headers=admin.headers,
        json={"groupName": "Superhosts", "avatar": "https://cdn.example.test/g.png"},
    )
    assert r.status_code == 201, r.text
    body = r.json()
    assert body["statusCode"] == 201
    assert body["dataName"] == "userGroup"
    assert body["action"] == "create"
    group = body["userGroup"]
    assert group["groupName"] == "Superhosts"
    assert group["avatar"] == "https://cdn.example.test/g.png"
    assert group["isActive"] is True
    assert group["_owner"] == admin.id
    uuid.UUID(group["id"])


async def test_plain_user_cannot_create_a_group(
    client: httpx.AsyncClient, db: AsyncSession
) -> None:
    me = await make_logged_in(client, db)
    r = await client.post(f"{BASE}/usergroups", headers=me.headers, json={"groupName": "Mine"})
    assert_error(r, 403, message="errMsg_adminRoleRequired")


async def test_anonymous_cannot_create_a_group(client: httpx.AsyncClient) -> None:
    r = await client.post(f"{BASE}/usergroups", json={"groupName": "Mine"})
    assert_error(r, 401)


@pytest.mark.parametrize(
    ("body", "field", "message"),
    [
        ({}, "groupName", "errMsg_groupNameIsRequired"),
        ({"avatar": "https://cdn.example.test/g.png"}, "groupName", "errMsg_groupNameIsRequired"),
        ({"groupName": ""}, "groupName", None),
        ({"groupName": None}, "groupName", None),
        ({"groupName": 7}, "groupName", None),
        ({"groupName": "g" * 201}, "groupName", None),
        ({"groupName": "nul\x00byte"}, "groupName", None),
        ({"groupName": "ok", "avatar": "not a url"}, "avatar", None),
        (
            {"groupName": "ok", "ownerId": str(uuid.uuid4())},
            "ownerId",
            "errMsg_ownerIdIsNotAllowed",
        ),
    ],
)
async def test_create_group_checks_its_body(
    client: httpx.AsyncClient,
    db: AsyncSession,
    body: dict[str, Any],
    field: str,
    message: str | None,
) -> None:
    admin = await make_logged_in(client, db, role="admin")
    r = await client.post(f"{BASE}/usergroups", headers=admin.headers, json=body)
    assert_error(r, 400, field=field, message=message)


async def test_admin_updates_a_group(client: httpx.AsyncClient, db: AsyncSession) -> None:
    admin = await make_logged_in(client, db, role="admin")
    group = await create_group(client, admin)
    r = await client.patch(
        f"{BASE}/usergroups/{group['id']}", headers=admin.headers, json={"groupName": "Hosts"}
    )
    assert r.status_code == 200, r.text
    updated = r.json()["userGroup"]
    assert updated["groupName"] == "Hosts"
    assert updated["recordVersion"] == group["recordVersion"] + 1
    r = await client.get(f"{BASE}/usergroups/{group['id']}")
    assert r.json()["userGroup"]["groupName"] == "Hosts"


async def test_group_name_cannot_be_cleared(client: httpx.AsyncClient, db: AsyncSession) -> None:
    admin = await make_logged_in(client, db, role="admin")
    group = await create_group(client, admin)
    url = f"{BASE}/usergroups/{group['id']}"
    r = await client.patch(url, headers=admin.headers, json={"groupName": None})
    assert_error(r, 400, field="groupName")
    r = await client.patch(url, headers=admin.headers, json={"groupName": ""})
    assert_error(r, 400, field="groupName")
    r = await client.patch(url, headers=admin.headers, json={"isActive": False})
    assert_error(r, 400, field="isActive")


async def test_only_admins_update_or_delete_groups(
    client: httpx.AsyncClient, db: AsyncSession
) -> None:
    admin = await make_logged_in(client, db, role="admin")
    me = await make_logged_in(client, db)
    group = await create_group(client, admin, "Untouchable")
    url = f"{BASE}/usergroups/{group['id']}"
    r = await client.patch(url, headers=me.headers, json={"groupName": "Mine"})
    assert_error(r, 403, message="errMsg_adminRoleRequired")
    r = await client.patch(url, json={"groupName": "Mine"})
    assert_error(r, 401)
    r = await client.delete(url, headers=me.headers)
    assert_error(r, 403, message="errMsg_adminRoleRequired")
    r = await client.delete(url)
    assert_error(r, 401)
    r = await client.get(url)
    assert r.json()["userGroup"]["groupName"] == "Untouchable"
    assert r.json()["userGroup"]["isActive"] is True


async def test_admin_soft_deletes_a_group(client: httpx.AsyncClient, db: AsyncSession) -> None:
    admin = await make_logged_in(client, db, role="superAdmin")
    group = await create_group(client, admin)
    r = await client.delete(f"{BASE}/usergroups/{group['id']}", headers=admin.headers)
    assert r.status_code == 200, r.text
    assert r.json()["action"] == "delete"
    assert r.json()["userGroup"]["isActive"] is False
    r = await client.get(f"{BASE}/usergroups/{group['id']}")
    assert_error(r, 404, field="userGroupId", message="errMsg_userGroupNotFound")
    r = await client.get(f"{BASE}/usergroups")
    assert group["id"] not in {g["id"] for g in r.json()["userGroups"]}
    r = await client.delete(f"{BASE}/usergroups/{group['id']}", headers=admin.headers)
    assert_error(r, 404, field="userGroupId")
    r = await client.patch(
        f"{BASE}/usergroups/{group['id']}", headers=admin.headers, json={"groupName": "Back"}
    )
    assert_error(r, 404, field="userGroupId")


async def test_anyone_reads_a_group(client: httpx.AsyncClient, db: AsyncSession) -> None:
    admin = await make_logged_in(client, db, role="admin")
    me = await make_logged_in(client, db)
    group = await create_group(client, admin, "Readable")
    for headers in ({}, me.headers):
        r = await client.get(f"{BASE}/usergroups/{group['id']}", headers=headers)
        assert r.status_code == 200, r.text
        assert r.json()["dataName"] == "userGroup"
        assert r.json()["userGroup"] == group


async def test_get_group_with_unknown_or_malformed_id(client: httpx.AsyncClient) -> None:
    r = await client.get(f"{BASE}/usergroups/{uuid.uuid4()}")
    assert_error(r, 404, field="userGroupId")
    r = await client.get(f"{BASE}/usergroups/nope")
    assert_error(r, 400, field="userGroupId", message="errMsg_userGroupIdIsNotAValidID")


async def test_anyone_lists_groups_with_filters(
    client: httpx.AsyncClient, db: AsyncSession
) -> None:
    admin = await make_logged_in(client, db, role="admin")
    hosts = await create_group(client, admin, "Superhosts", avatar="https://cdn.example.test/s.png")
    guests = await create_group(client, admin, "Frequent Guests")
    cohosts = await create_group(client, admin, "Co-hosts")
    r = await client.get(f"{BASE}/usergroups")
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["dataName"] == "userGroups"
    assert {g["id"] for g in body["userGroups"]} == {hosts["id"], guests["id"], cohosts["id"]}
    assert body["paging"]["totalRowCount"] == 3
    r = await client.get(f"{BASE}/usergroups", params={"groupName": "HOSTS"})
    assert {g["id"] for g in r.json()["userGroups"]} == {hosts["id"], cohosts["id"]}
    r = await client.get(f"{BASE}/usergroups", params={"avatar": "cdn.example"})
    assert [g["id"] for g in r.json()["userGroups"]] == [hosts["id"]]
    r = await client.get(f"{BASE}/usergroups", params={"avatar": "null"})
    assert {g["id"] for g in r.json()["userGroups"]} == {guests["id"], cohosts["id"]}
    r = await client.get(f"{BASE}/usergroups", params={"pageRowCount": 2, "pageNumber": 2})
    assert len(r.json()["userGroups"]) == 1
    assert r.json()["paging"]["pageCount"] == 2


# --- userGroupMembers ------------------------------------------------------------------------


async def test_admin_adds_a_member_and_becomes_its_owner(
    client: httpx.AsyncClient, db: AsyncSession
) -> None:
    admin = await make_logged_in(client, db, role="admin")
    member = await make_user(db)
    group = await create_group(client, admin)
    r = await client.post(
        f"{BASE}/usergroupmembers",
        headers=admin.headers,
        json={"groupId": group["id"], "userId": member.id},
    )
    assert r.status_code == 201, r.text
    body = r.json()
    assert body["dataName"] == "userGroupMember"
    row = body["userGroupMember"]
    assert row["groupId"] == group["id"]
    assert row["userId"] == member.id
    assert row["ownerId"] == admin.id
    assert row["_owner"] == admin.id
    assert row["isActive"] is True
    # create returns the pure object without joins
    assert "user" not in row


async def test_member_owner_cannot_be_chosen_by_the_client(
    client: httpx.AsyncClient, db: AsyncSession
) -> None:
    admin = await make_logged_in(client, db, role="admin")
    member = await make_user(db)
    group = await create_group(client, admin)
    r = await client.post(
        f"{BASE}/usergroupmembers",
        headers=admin.headers,
        json={"groupId": group["id"], "userId": member.id, "ownerId": member.id},
    )
    assert_error(r, 400, field="ownerId", message="errMsg_ownerIdIsNotAllowed")


async def test_only_admins_add_members(client: httpx.AsyncClient, db: AsyncSession) -> None:
    admin = await make_logged_in(client, db, role="admin")
    me = await make_logged_in(client, db)
    group = await create_group(client, admin)
    body = {"groupId": group["id"], "userId": me.id}
    r = await client.post(f"{BASE}/usergroupmembers", headers=me.headers, json=body)
    assert_error(r, 403, message="errMsg_adminRoleRequired")
    r = await client.post(f"{BASE}/usergroupmembers", json=body)
    assert_error(r, 401)
    r = await client.get(f"{BASE}/listusergroupmembers/{group['id']}")
    assert r.json()["userGroupMembers"] == []


async def test_adding_a_member_to_an_unknown_group_is_404_naming_group_id(
    client: httpx.AsyncClient, db: AsyncSession
) -> None:
    admin = await make_logged_in(client, db, role="admin")
    member = await make_user(db)
    r = await client.post(
        f"{BASE}/usergroupmembers",
        headers=admin.headers,
        json={"groupId": str(uuid.uuid4()), "userId": member.id},
    )
    assert_error(r, 404, field="groupId", message="errMsg_userGroupNotFound")


async def test_adding_to_a_deleted_group_is_404(
    client: httpx.AsyncClient, db: AsyncSession
) -> None:
    admin = await make_logged_in(client, db, role="admin")
    member = await make_user(db)
    group = await create_group(client, admin)
    await client.delete(f"{BASE}/usergroups/{group['id']}", headers=admin.headers)
    r = await client.post(
        f"{BASE}/usergroupmembers",
        headers=admin.headers,
        json={"groupId": group["id"], "userId": member.id},
    )
    assert_error(r, 404, field="groupId")


async def test_adding_an_unknown_or_deleted_user_is_404_naming_user_id(
    client: httpx.AsyncClient, db: AsyncSession
) -> None:
    admin = await make_logged_in(client, db, role="admin")
    group = await create_group(client, admin)
    r = await client.post(
        f"{BASE}/usergroupmembers",
        headers=admin.headers,
        json={"groupId": group["id"], "userId": str(uuid.uuid4())},
    )
    assert_error(r, 404, field="userId", message="errMsg_userNotFound")
    gone = await make_user(db)
    await client.delete(f"{BASE}/users/{gone.id}", headers=admin.headers)
    r = await client.post(
        f"{BASE}/usergroupmembers",
        headers=admin.headers,
        json={"groupId": group["id"], "userId": gone.id},
    )
    assert_error(r, 404, field="userId")


@pytest.mark.parametrize(
    ("body", "field", "message"),
    [
        ({"userId": "USER"}, "groupId", "errMsg_groupIdIsRequired"),
        ({"groupId": "GROUP"}, "userId", "errMsg_userIdIsRequired"),
        ({"groupId": "not-a-uuid", "userId": "USER"}, "groupId", "errMsg_groupIdIsNotAValidID"),
        ({"groupId": "GROUP", "userId": 5}, "userId", None),
        ({"groupId": "GROUP", "userId": "USER", "isActive": True}, "isActive", None),
    ],
)
async def test_add_member_checks_its_body(
    client: httpx.AsyncClient,
    db: AsyncSession,
    body: dict[str, Any],
    field: str,
    message: str | None,
) -> None:
    admin = await make_logged_in(client, db, role="admin")
    group = await create_group(client, admin)
    member = await make_user(db)
    # GROUP and USER stand for a real group and user
    real = {"GROUP": group["id"], "USER": member.id}
    sent = {k: real.get(v, v) if isinstance(v, str) else v for k, v in body.items()}
    r = await client.post(f"{BASE}/usergroupmembers", headers=admin.headers, json=sent)
    assert_error(r, 400, field=field, message=message)


async def test_same_user_twice_in_a_group_is_409(
    client: httpx.AsyncClient, db: AsyncSession
) -> None:
    admin = await make_logged_in(client, db, role="admin")
    member = await make_user(db)
    group = await create_group(client, admin)
    first = await add_member(client, admin, group["id"], member.id)
    r = await client.post(
        f"{BASE}/usergroupmembers",
        headers=admin.headers,
        json={"groupId": group["id"], "userId": member.id},
    )
    assert_error(r, 409, field="userId", message="errMsg_alreadyAMember")
    # after removal the user may join again
    r = await client.delete(f"{BASE}/usergroupmembers/{first['id']}", headers=admin.headers)
    assert r.status_code == 200, r.text
    again = await add_member(client, admin, group["id"], member.id)
    assert again["id"] != first["id"]
    # the same user in another group is fine
    other = await create_group(client, admin, "Other")
    await add_member(client, admin, other["id"], member.id)


async def test_anyone_reads_a_membership_with_the_user_join(
    client: httpx.AsyncClient, db: AsyncSession
) -> None:
    admin = await make_logged_in(client, db, role="admin")
    member = await make_user(db, fullname="Mia Member")
    group = await create_group(client, admin)
    row = await add_member(client, admin, group["id"], member.id)
    r = await client.get(f"{BASE}/usergroupmembers/{row['id']}")
    assert r.status_code == 200, r.text
    got = r.json()["userGroupMember"]
    assert got["userId"] == member.id
    assert got["user"] == [{"email": None, "fullname": "Mia Member", "avatar": None}]
    r = await client.get(f"{BASE}/usergroupmembers/{row['id']}", headers=admin.headers)
    assert r.json()["userGroupMember"]["user"][0]["email"] == member.email
    r = await client.get(f"{BASE}/usergroupmembers/{row['id']}", params={"getJoins": "false"})
    assert "user" not in r.json()["userGroupMember"]


async def test_get_unknown_membership_is_404(client: httpx.AsyncClient) -> None:
    r = await client.get(f"{BASE}/usergroupmembers/{uuid.uuid4()}")
    assert_error(r, 404, field="userGroupMemberId")
    r = await client.get(f"{BASE}/usergroupmembers/1")
    assert_error(r, 400, field="userGroupMemberId")


async def test_only_admins_remove_members(client: httpx.AsyncClient, db: AsyncSession) -> None:
    admin = await make_logged_in(client, db, role="admin")
    member = await make_logged_in(client, db)
    group = await create_group(client, admin)
    row = await add_member(client, admin, group["id"], member.id)
    url = f"{BASE}/usergroupmembers/{row['id']}"
    # not even the member themself
    r = await client.delete(url, headers=member.headers)
    assert_error(r, 403, message="errMsg_adminRoleRequired")
    r = await client.delete(url)
    assert_error(r, 401)
    r = await client.delete(url, headers=admin.headers)
    assert r.status_code == 200, r.text
    assert r.json()["userGroupMember"]["isActive"] is False
    r = await client.get(url)
    assert_error(r, 404, field="userGroupMemberId")
    r = await client.delete(url, headers=admin.headers)
    assert_error(r, 404, field="userGroupMemberId")


async def test_members_cannot_be_updated_or_listed_without_a_group(
    client: httpx.AsyncClient, db: AsyncSession
) -> None:
    admin = await make_logged_in(client, db, role="admin")
    r = await client.patch(
        f"{BASE}/usergroupmembers/{uuid.uuid4()}", headers=admin.headers, json={}
    )
    assert r.status_code == 405
    r = await client.get(f"{BASE}/usergroupmembers", headers=admin.headers)
    assert r.status_code == 405


# --- listUserGroupMembers ----------------------------------------------------------------------


async def test_list_members_is_public_and_hides_emails_from_strangers(
    client: httpx.AsyncClient, db: AsyncSession
) -> None:
    admin = await make_logged_in(client, db, role="admin")
    ana = await make_logged_in(client, db, fullname="Ana")
    bo = await make_user(db, fullname="Bo")
    stranger = await make_logged_in(client, db)
    group = await create_group(client, admin)
    await add_member(client, admin, group["id"], ana.id)
    await add_member(client, admin, group["id"], bo.id)
    url = f"{BASE}/listusergroupmembers/{group['id']}"

    def joined(body: dict[str, Any]) -> dict[str, list[dict[str, Any]]]:
        return {m["userId"]: m["user"] for m in body["userGroupMembers"]}

    for headers in ({}, stranger.headers):
        r = await client.get(url, headers=headers)
        assert r.status_code == 200, r.text
        body = r.json()
        assert body["dataName"] == "userGroupMembers"
        assert body["paging"]["totalRowCount"] == 2
        assert joined(body) == {
            ana.id: [{"email": None, "fullname": "Ana", "avatar": None}],
            bo.id: [{"email": None, "fullname": "Bo", "avatar": None}],
        }
        assert ana.email not in r.text and bo.email not in r.text
    # the member sees their own email only
    r = await client.get(url, headers=ana.headers)
    assert joined(r.json()) == {
        ana.id: [{"email": ana.email, "fullname": "Ana", "avatar": None}],
        bo.id: [{"email": None, "fullname": "Bo", "avatar": None}],
    }
    # admins see every email
    r = await client.get(url, headers=admin.headers)
    assert {uid: u[0]["email"] for uid, u in joined(r.json()).items()} == {
        ana.id: ana.email,
        bo.id: bo.email,
    }


async def test_list_members_of_unknown_or_deleted_group_is_404(
    client: httpx.AsyncClient, db: AsyncSession
) -> None:
    admin = await make_logged_in(client, db, role="admin")
    r = await client.get(f"{BASE}/listusergroupmembers/{uuid.uuid4()}")
    assert_error(r, 404, field="groupId", message="errMsg_userGroupNotFound")
    r = await client.get(f"{BASE}/listusergroupmembers/abc")
    assert_error(r, 400, field="groupId")
    group = await create_group(client, admin)
    await client.delete(f"{BASE}/usergroups/{group['id']}", headers=admin.headers)
    r = await client.get(f"{BASE}/listusergroupmembers/{group['id']}")
    assert_error(r, 404, field="groupId")


async def test_list_members_filters_by_user_and_owner(
    client: httpx.AsyncClient, db: AsyncSession
) -> None:
    admin = await make_logged_in(client, db, role="admin")
    boss = await make_logged_in(client, db, role="superAdmin")
    ana = await make_user(db)
    bo = await make_user(db)
    group = await create_group(client, admin)
    other_group = await create_group(client, admin, "Other")
    by_admin = await add_member(client, admin, group["id"], ana.id)
    by_boss = await add_member(client, boss, group["id"], bo.id)
    await add_member(client, admin, other_group["id"], bo.id)
    url = f"{BASE}/listusergroupmembers/{group['id']}"

    async def ids(params: Any) -> set[str]:
        r = await client.get(url, params=params)
        assert r.status_code == 200, r.text
        return {m["id"] for m in r.json()["userGroupMembers"]}

    assert await ids({}) == {by_admin["id"], by_boss["id"]}
    assert await ids({"userId": bo.id}) == {by_boss["id"]}
    assert await ids({"ownerId": admin.id}) == {by_admin["id"]}
    assert await ids({"ownerId": boss.id, "userId": ana.id}) == set()
    assert await ids([("userId", ana.id), ("userId", bo.id)]) == {by_admin["id"], by_boss["id"]}
    r = await client.get(url, params={"userId": "not-an-id"})
    assert_error(r, 400, field="userId", message="errMsg_userIdFilterIsInvalid")


async def test_removed_members_leave_the_list(client: httpx.AsyncClient, db: AsyncSession) -> None:
    admin = await make_logged_in(client, db, role="admin")
    ana = await make_user(db)
    group = await create_group(client, admin)
    row = await add_member(client, admin, group["id"], ana.id)
    await client.delete(f"{BASE}/usergroupmembers/{row['id']}", headers=admin.headers)
    r = await client.get(f"{BASE}/listusergroupmembers/{group['id']}")
    assert r.json()["userGroupMembers"] == []
    assert r.json()["paging"]["totalRowCount"] == 0
