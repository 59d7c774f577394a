"""HTTP tests of givenPermissions (admin CRUD) and of the caller's permission routes
(spec §1.9): which grants apply to a user, and how `/permissions/{name}` decides canDo and
its exceptions (the rules are at the top of staykit/domain/auth/permissions.py)."""

from __future__ import annotations

import uuid
from typing import Any

import httpx
import pytest
from sqlalchemy.ext.asyncio import AsyncSession

from tests.factories import Person, assert_error, make_logged_in, make_user

BASE = "/auth-api/v1"
PERM = "listings.manage"
NO_LOGIN = {"status": "ERR", "message": "No login found"}


class World:
    """An admin who writes grants, and a plain user `me` who belongs to two groups."""

    def __init__(
        self, client: httpx.AsyncClient, admin: Person, me: Person, groups: list[str]
    ) -> None:
        self.client = client
        self.admin = admin
        self.me = me
        self.group_a, self.group_b = groups

    async def grant(
        self, name: str = PERM, *, can_do: bool = True, obj: uuid.UUID | None = None, **subject: Any
    ) -> dict[str, Any]:
        body: dict[str, Any] = {"permissionName": name, "canDo": can_do, **subject}
        if obj is not None:
            body["objectId"] = str(obj)
        r = await self.client.post(
            f"{BASE}/givenpermissions", headers=self.admin.headers, json=body
        )
        assert r.status_code == 201, r.text
        return r.json()["givenPermission"]

    async def to_role(self, can_do: bool = True, obj: uuid.UUID | None = None) -> dict[str, Any]:
        return await self.grant(can_do=can_do, obj=obj, roleId="user")

    async def to_group(
        self, can_do: bool = True, obj: uuid.UUID | None = None, group: str | None = None
    ) -> dict[str, Any]:
        return await self.grant(can_do=can_do, obj=obj, subjectUserGroupId=group or self.group_a)

    async def to_me(self, can_do: bool = True, obj: uuid.UUID | None = None) -> dict[str, Any]:
        return await self.grant(can_do=can_do, obj=obj, subjectUserId=self.me.id)

    async def scope(self, name: str = PERM, who: Person | None = None) -> dict[str, Any]:
        r = await self.client.get(f"/auth-api/permissions/{name}", headers=(who or self.me).headers)
        assert r.status_code == 200, r.text
        return r.json()


@pytest.fixture
async def world(client: httpx.AsyncClient, db: AsyncSession) -> World:
    admin = await make_logged_in(client, db, role="admin")
    me = await make_logged_in(client, db)
    groups = []
    for name in ("Hosts", "Helpers"):
        r = await client.post(f"{BASE}/usergroups", headers=admin.headers, json={"groupName": name})
        assert r.status_code == 201, r.text
        gid = r.json()["userGroup"]["id"]
        r = await client.post(
            f"{BASE}/usergroupmembers",
            headers=admin.headers,
            json={"groupId": gid, "userId": me.id},
        )
        assert r.status_code == 201, r.text
        groups.append(gid)
    return World(client, admin, me, groups)


# --- givenPermissions CRUD (admins) ----------------------------------------------------------


async def test_admin_creates_reads_updates_and_deletes_a_grant(world: World) -> None:
    c, admin = world.client, world.admin
    obj = uuid.uuid4()
    created = await world.grant(subjectUserId=world.me.id, obj=obj)
    assert created["permissionName"] == PERM
    assert created["subjectUserId"] == world.me.id
    assert created["roleId"] is None
    assert created["subjectUserGroupId"] is None
    assert created["objectId"] == str(obj)
    assert created["canDo"] is True
    assert created["_owner"] == admin.id
    url = f"{BASE}/givenpermissions/{created['id']}"

    r = await c.get(url, headers=admin.headers)
    assert r.status_code == 200, r.text
    assert r.json()["givenPermission"] == created

    r = await c.patch(url, headers=admin.headers, json={"canDo": False, "objectId": None})
    assert r.status_code == 200, r.text
    updated = r.json()["givenPermission"]
    assert updated["canDo"] is False
    assert updated["objectId"] is None

    r = await c.get(f"{BASE}/givenpermissions", headers=admin.headers)
    assert [g["id"] for g in r.json()["givenPermissions"]] == [created["id"]]

    r = await c.delete(url, headers=admin.headers)
    assert r.status_code == 200, r.text
    assert r.json()["givenPermission"]["isActive"] is False
    r = await c.get(url, headers=admin.headers)
    assert_error(r, 404, field="givenPermissionId")
    r = await c.get(f"{BASE}/givenpermissions", headers=admin.headers)
    assert r.json()["givenPermissions"] == []


async def test_grants_to_a_role_and_to_a_group(world: World) -> None:
    role = await world.grant(roleId="admin", can_do=False)
    assert (role["roleId"], role["subjectUserId"], role["subjectUserGroupId"]) == (
        "admin",
        None,
        None,
    )
    assert role["canDo"] is False
    group = await world.grant(subjectUserGroupId=world.group_a)
    assert group["subjectUserGroupId"] == world.group_a
    assert group["roleId"] is None


async def test_list_grants_filters(world: World) -> None:
    a = await world.grant("a.read", roleId="user")
    b = await world.grant("b.write", subjectUserId=world.me.id, can_do=False)
    c = await world.grant("a.write", subjectUserGroupId=world.group_a)

    async def ids(params: Any) -> set[str]:
        r = await world.client.get(
            f"{BASE}/givenpermissions", headers=world.admin.headers, params=params
        )
        assert r.status_code == 200, r.text
        return {g["id"] for g in r.json()["givenPermissions"]}

    assert await ids({}) == {a["id"], b["id"], c["id"]}
    assert await ids({"permissionName": "a."}) == {a["id"], c["id"]}
    assert await ids({"roleId": "user"}) == {a["id"]}
    assert await ids({"subjectUserId": world.me.id}) == {b["id"]}
    assert await ids({"subjectUserGroupId": world.group_a}) == {c["id"]}
    assert await ids({"canDo": "false"}) == {b["id"]}
    r = await world.client.get(
        f"{BASE}/givenpermissions", headers=world.admin.headers, params={"roleId": "host"}
    )
    assert_error(r, 400, field="roleId")


async def test_plain_users_and_anonymous_cannot_touch_grants(world: World) -> None:
    c, me = world.client, world.me
    grant = await world.to_me()
    url = f"{BASE}/givenpermissions/{grant['id']}"
    body = {"permissionName": PERM, "subjectUserId": me.id}
    for headers, status in ((me.headers, 403), ({}, 401)):
        assert_error(await c.get(f"{BASE}/givenpermissions", headers=headers), status)
        assert_error(await c.get(url, headers=headers), status)
        assert_error(await c.post(f"{BASE}/givenpermissions", headers=headers, json=body), status)
        assert_error(await c.patch(url, headers=headers, json={"canDo": False}), status)
        assert_error(await c.delete(url, headers=headers), status)
    r = await c.get(url, headers=world.admin.headers)
    assert r.json()["givenPermission"]["canDo"] is True
    assert r.json()["givenPermission"]["isActive"] is True


@pytest.mark.parametrize(
    "subjects",
    [
        {},
        {"roleId": "user", "subjectUserId": "ME"},
        {"roleId": "user", "subjectUserGroupId": "GROUP"},
        {"subjectUserId": "ME", "subjectUserGroupId": "GROUP"},
        {"roleId": "user", "subjectUserId": "ME", "subjectUserGroupId": "GROUP"},
    ],
)
async def test_a_grant_names_exactly_one_subject(world: World, subjects: dict[str, str]) -> None:
    real = {"ME": world.me.id, "GROUP": world.group_a}
    body = {"permissionName": PERM, **{k: real.get(v, v) for k, v in subjects.items()}}
    r = await world.client.post(f"{BASE}/givenpermissions", headers=world.admin.headers, json=body)
    assert_error(r, 400, field="roleId", message="errMsg_oneSubjectRequired")


async def test_unknown_subjects_are_404_naming_the_field(
    world: World, client: httpx.AsyncClient, db: AsyncSession
) -> None:
    url = f"{BASE}/givenpermissions"
    headers = world.admin.headers
    r = await client.post(
        url, headers=headers, json={"permissionName": PERM, "subjectUserId": str(uuid.uuid4())}
    )
    assert_error(r, 404, field="subjectUserId", message="errMsg_userNotFound")
    r = await client.post(
        url,
        headers=headers,
        json={"permissionName": PERM, "subjectUserGroupId": str(uuid.uuid4())},
    )
    assert_error(r, 404, field="subjectUserGroupId", message="errMsg_userGroupNotFound")
    # deleted subjects count as unknown
    gone = await make_user(db)
    await client.delete(f"{BASE}/users/{gone.id}", headers=headers)
    r = await client.post(
        url, headers=headers, json={"permissionName": PERM, "subjectUserId": gone.id}
    )
    assert_error(r, 404, field="subjectUserId")
    await client.delete(f"{BASE}/usergroups/{world.group_b}", headers=headers)
    r = await client.post(
        url, headers=headers, json={"permissionName": PERM, "subjectUserGroupId": world.group_b}
    )
    assert_error(r, 404, field="subjectUserGroupId")


@pytest.mark.parametrize(
    ("body", "field", "message"),
    [
        ({"roleId": "user"}, "permissionName", "errMsg_permissionNameIsRequired"),
        ({"permissionName": "", "roleId": "user"}, "permissionName", None),
        ({"permissionName": "x" * 201, "roleId": "user"}, "permissionName", None),
        ({"permissionName": PERM, "roleId": "host"}, "roleId", None),
        ({"permissionName": PERM, "subjectUserId": "me"}, "subjectUserId", None),
        ({"permissionName": PERM, "roleId": "user", "objectId": "x"}, "objectId", None),
        ({"permissionName": PERM, "roleId": "user", "canDo": "maybe"}, "canDo", None),
        ({"permissionName": "nul\x00byte", "roleId": "user"}, "permissionName", None),
        (
            {"permissionName": PERM, "roleId": "user", "tenantCodename": "t"},
            "tenantCodename",
            "errMsg_tenantCodenameIsNotAllowed",
        ),
    ],
)
async def test_create_grant_checks_its_body(
    world: World, body: dict[str, Any], field: str, message: str | None
) -> None:
    r = await world.client.post(f"{BASE}/givenpermissions", headers=world.admin.headers, json=body)
    assert_error(r, 400, field=field, message=message)


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"canDo": None}, "canDo"),
        ({"canDo": "often"}, "canDo"),
        ({"objectId": "nope"}, "objectId"),
        ({"roleId": "admin"}, "roleId"),
        ({"subjectUserId": str(uuid.uuid4())}, "subjectUserId"),
        ({"permissionName": "other"}, "permissionName"),
    ],
)
async def test_update_grant_changes_only_can_do_and_object(
    world: World, body: dict[str, Any], field: str
) -> None:
    grant = await world.to_me()
    url = f"{BASE}/givenpermissions/{grant['id']}"
    r = await world.client.patch(url, headers=world.admin.headers, json=body)
    assert_error(r, 400, field=field)
    r = await world.client.get(url, headers=world.admin.headers)
    assert r.json()["givenPermission"] == grant


async def test_unknown_or_malformed_grant_ids(world: World) -> None:
    headers = world.admin.headers
    for method in ("GET", "PATCH", "DELETE"):
        kwargs: dict[str, Any] = {"json": {"canDo": True}} if method == "PATCH" else {}
        r = await world.client.request(
            method, f"{BASE}/givenpermissions/{uuid.uuid4()}", headers=headers, **kwargs
        )
        assert_error(r, 404, field="givenPermissionId")
        r = await world.client.request(
            method, f"{BASE}/givenpermissions/1234", headers=headers, **kwargs
        )
        assert_error(r, 400, field="givenPermissionId")


# --- GET /permissions ------------------------------------------------------------------------


async def test_permissions_need_a_login(client: httpx.AsyncClient) -> None:
    r = await client.get("/auth-api/permissions")
    assert r.status_code == 401
    assert r.json() == NO_LOGIN
    r = await client.get(f"/auth-api/permissions/{PERM}")
    assert r.status_code == 401
    assert r.json() == NO_LOGIN
    r = await client.get("/auth-api/permissions", headers={"Authorization": "Bearer not.a.token"})
    assert r.status_code == 401
    assert r.json() == NO_LOGIN


async def test_permissions_list_the_callers_role_user_and_group_grants_only(
    world: World, client: httpx.AsyncClient, db: AsyncSession
) -> None:
    someone = await make_user(db)
    via_role = await world.grant("a", roleId="user")
    direct = await world.grant("b", subjectUserId=world.me.id, can_do=False, obj=uuid.uuid4())
    via_group = await world.grant("c", subjectUserGroupId=world.group_b)
    # not mine: another role, another user, a group I am not in, a deleted grant
    await world.grant("d", roleId="admin")
    await world.grant("e", subjectUserId=someone.id)
    r = await client.post(
        f"{BASE}/usergroups", headers=world.admin.headers, json={"groupName": "X"}
    )
    await world.grant("f", subjectUserGroupId=r.json()["userGroup"]["id"])
    deleted = await world.grant("g", subjectUserId=world.me.id)
    await client.delete(f"{BASE}/givenpermissions/{deleted['id']}", headers=world.admin.headers)

    r = await client.get("/auth-api/permissions", headers=world.me.headers)
    assert r.status_code == 200, r.text
    got = {g["id"]: g for g in r.json()}
    assert set(got) == {via_role["id"], direct["id"], via_group["id"]}
    assert got[direct["id"]] == {
        "id": direct["id"],
        "permissionName": "b",
        "roleId": None,
        "subjectUserId": world.me.id,
        "subjectUserGroupId": None,
        "objectId": direct["objectId"],
        "canDo": False,
        "tenantCodename": None,
    }
    assert got[via_role["id"]]["roleId"] == "user"
    assert got[via_group["id"]]["subjectUserGroupId"] == world.group_b


async def test_grants_of_a_left_or_deleted_group_no_longer_apply(world: World) -> None:
    c, headers = world.client, world.admin.headers
    await world.to_group(group=world.group_a)
    await world.to_group(group=world.group_b)
    r = await c.get("/auth-api/permissions", headers=world.me.headers)
    assert len(r.json()) == 2
    # leave group A
    r = await c.get(f"{BASE}/listusergroupmembers/{world.group_a}", params={"userId": world.me.id})
    membership = r.json()["userGroupMembers"][0]["id"]
    await c.delete(f"{BASE}/usergroupmembers/{membership}", headers=headers)
    # group B is deleted
    await c.delete(f"{BASE}/usergroups/{world.group_b}", headers=headers)
    r = await c.get("/auth-api/permissions", headers=world.me.headers)
    assert r.json() == []
    assert await world.scope() == {"canDo": False, "exceptions": []}


# --- GET /permissions/{name} -----------------------------------------------------------------


async def test_no_grant_means_no_permission(world: World) -> None:
    await world.grant("something.else", subjectUserId=world.me.id)
    assert await world.scope() == {"canDo": False, "exceptions": []}


async def test_a_role_grant_gives_the_permission(world: World) -> None:
    await world.to_role()
    assert await world.scope() == {"canDo": True, "exceptions": []}


async def test_a_group_grant_gives_the_permission(world: World) -> None:
    await world.to_group()
    assert await world.scope() == {"canDo": True, "exceptions": []}


async def test_user_grant_beats_group_denial_which_beats_role_grant(world: World) -> None:
    await world.to_role(True)
    await world.to_group(False)
    assert (await world.scope())["canDo"] is False
    await world.to_me(True)
    assert (await world.scope())["canDo"] is True


async def test_user_denial_beats_group_and_role_grants(world: World) -> None:
    await world.to_role(True)
    await world.to_group(True)
    await world.to_me(False)
    assert await world.scope() == {"canDo": False, "exceptions": []}


async def test_group_grant_beats_role_denial(world: World) -> None:
    await world.to_role(False)
    await world.to_group(True)
    assert (await world.scope())["canDo"] is True


async def test_denial_beats_grant_at_the_same_level(world: World) -> None:
    # two groups disagree
    await world.to_group(True, group=world.group_a)
    await world.to_group(False, group=world.group_b)
    assert (await world.scope())["canDo"] is False


async def test_direct_denial_beats_direct_grant(world: World) -> None:
    await world.to_me(True)
    await world.to_me(False)
    assert (await world.scope())["canDo"] is False


async def test_role_denial_beats_role_grant(world: World) -> None:
    await world.to_role(True)
    await world.to_role(False)
    assert (await world.scope())["canDo"] is False


async def test_with_can_do_true_exceptions_are_the_denied_objects(world: World) -> None:
    denied, also_denied, granted = uuid.uuid4(), uuid.uuid4(), uuid.uuid4()
    await world.to_role(True)
    await world.to_me(False, obj=denied)
    await world.to_group(False, obj=also_denied)
    await world.to_me(True, obj=granted)  # same as the general answer: not an exception
    assert await world.scope() == {
        "canDo": True,
        "exceptions": sorted([str(denied), str(also_denied)]),
    }


async def test_with_can_do_false_exceptions_are_the_only_granted_objects(world: World) -> None:
    granted, also_granted, denied = uuid.uuid4(), uuid.uuid4(), uuid.uuid4()
    await world.to_me(True, obj=granted)
    await world.to_role(True, obj=also_granted)
    await world.to_group(False, obj=denied)  # same as the general answer: not an exception
    assert await world.scope() == {
        "canDo": False,
        "exceptions": sorted([str(granted), str(also_granted)]),
    }


async def test_object_grants_follow_the_same_precedence(world: World) -> None:
    house, flat, cabin = uuid.uuid4(), uuid.uuid4(), uuid.uuid4()
    await world.to_role(False)  # general: no
    # house: role grants, user denies -> denied (user beats role)
    await world.to_role(True, obj=house)
    await world.to_me(False, obj=house)
    # flat: group denies, user grants -> granted
    await world.to_group(False, obj=flat)
    await world.to_me(True, obj=flat)
    # cabin: one group grants, another denies -> denied (denial wins at one level)
    await world.to_group(True, obj=cabin, group=world.group_a)
    await world.to_group(False, obj=cabin, group=world.group_b)
    assert await world.scope() == {"canDo": False, "exceptions": [str(flat)]}


async def test_other_users_and_other_names_do_not_count(
    world: World, client: httpx.AsyncClient, db: AsyncSession
) -> None:
    other = await make_logged_in(client, db)
    obj = uuid.uuid4()
    await world.grant(subjectUserId=other.id)
    await world.grant(subjectUserId=other.id, obj=obj, can_do=False)
    await world.grant("listings.read", subjectUserId=world.me.id)
    await world.grant(roleId="admin")
    assert await world.scope() == {"canDo": False, "exceptions": []}
    assert await world.scope(who=other) == {"canDo": True, "exceptions": [str(obj)]}
    assert await world.scope("listings.read") == {"canDo": True, "exceptions": []}
    assert await world.scope(who=world.admin) == {"canDo": True, "exceptions": []}


async def test_updated_and_deleted_grants_change_the_answer(world: World) -> None:
    grant = await world.to_me(True)
    assert (await world.scope())["canDo"] is True
    url = f"{BASE}/givenpermissions/{grant['id']}"
    r = await world.client.patch(url, headers=world.admin.headers, json={"canDo": False})
    assert r.status_code == 200, r.text
    assert (await world.scope())["canDo"] is False
    await world.to_role(True)
    r = await world.client.delete(url, headers=world.admin.headers)
    assert r.status_code == 200, r.text
    assert (await world.scope())["canDo"] is True


async def test_a_role_change_changes_the_role_grants_that_apply(
    world: World, client: httpx.AsyncClient
) -> None:
    await world.grant(roleId="admin")
    assert (await world.scope())["canDo"] is False
    r = await client.patch(
        f"{BASE}/userrole/{world.me.id}", headers=world.admin.headers, json={"roleId": "admin"}
    )
    assert r.status_code == 200, r.text
    assert (await world.scope())["canDo"] is True


@pytest.mark.parametrize("name", ["nul%00byte", "x" * 201])
async def test_impossible_permission_names_are_400(world: World, name: str) -> None:
    r = await world.client.get(f"/auth-api/permissions/{name}", headers=world.me.headers)
    assert_error(r, 400, field="permissionName", message="errMsg_permissionNameIsInvalid")


async def test_only_a_super_admin_grants_changes_or_removes_the_compliance_permission(
    client: httpx.AsyncClient, db: AsyncSession
) -> None:
    """gdpr.manage makes an admin a compliance admin (who erases people): an admin may not
    hand it to themself, nor turn a superAdmin's denial into a grant, nor remove one."""
    admin = await make_logged_in(client, db, role="admin")
    sup = await make_logged_in(client, db, role="superAdmin")
    grant = {"permissionName": "gdpr.manage", "subjectUserId": admin.id, "canDo": True}
    r = await client.post(f"{BASE}/givenpermissions", headers=admin.headers, json=grant)
    assert_error(r, 403, field="permissionName")
    assert "superAdmin" in r.json()["message"]

    denial = {**grant, "canDo": False}
    r = await client.post(f"{BASE}/givenpermissions", headers=sup.headers, json=denial)
    assert r.status_code == 201, r.text
    made = r.json()["givenPermission"]["id"]
    path = f"{BASE}/givenpermissions/{made}"
    assert_error(
        await client.patch(path, headers=admin.headers, json={"canDo": True}),
        403,
        field="permissionName",
    )
    assert_error(await client.delete(path, headers=admin.headers), 403, field="permissionName")
    r = await client.patch(path, headers=sup.headers, json={"canDo": True})
    assert r.status_code == 200 and r.json()["givenPermission"]["canDo"] is True, r.text
    # Any other permission stays an admin's to grant.
    other = {**grant, "permissionName": "listings.manage"}
    r = await client.post(f"{BASE}/givenpermissions", headers=admin.headers, json=other)
    assert r.status_code == 201, r.text
