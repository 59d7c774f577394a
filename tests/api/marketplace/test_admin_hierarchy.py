"""Admins manage plain users; only superAdmins manage admins. Checked on every route that
changes another account, plus the races the database must settle."""

from __future__ import annotations

import asyncio
import struct
import zlib

import httpx
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from tests.factories import make_logged_in, make_user


def tiny_png() -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
        )

    raw = zlib.compress(b"\x00\xff\x00\x00")
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0))
        + chunk(b"IDAT", raw)
        + chunk(b"IEND", b"")
    )


async def test_admin_cannot_edit_another_admins_profile_but_a_super_admin_can(
    client: httpx.AsyncClient, db: AsyncSession
) -> None:
    admin = await make_logged_in(client, db, role="admin")
    other_admin = await make_user(db, role="admin")
    superadmin = await make_logged_in(client, db, role="superAdmin")

    r = await client.patch(
        f"/auth-api/v1/users/{other_admin.id}", json={"bio": "x"}, headers=admin.headers
    )
    assert r.status_code == 403
    assert r.json()["message"] == "errMsg_cannotManageAdmin"

    r = await client.patch(
        f"/auth-api/v1/users/{superadmin.id}", json={"bio": "x"}, headers=admin.headers
    )
    assert r.status_code == 403

    r = await client.patch(
        f"/auth-api/v1/users/{other_admin.id}", json={"bio": "reviewed"}, headers=superadmin.headers
    )
    assert r.status_code == 200
    assert r.json()["user"]["bio"] == "reviewed"


async def test_admin_may_edit_their_own_record_and_plain_users(
    client: httpx.AsyncClient, db: AsyncSession
) -> None:
    admin = await make_logged_in(client, db, role="admin")
    user = await make_user(db)
    r = await client.patch(
        f"/auth-api/v1/users/{admin.id}", json={"fullname": "Ada A."}, headers=admin.headers
    )
    assert r.status_code == 200
    r = await client.patch(
        f"/auth-api/v1/users/{user.id}", json={"fullname": "Plain"}, headers=admin.headers
    )
    assert r.status_code == 200


async def test_admin_cannot_set_another_admins_avatar(
    client: httpx.AsyncClient, db: AsyncSession
) -> None:
    admin = await make_logged_in(client, db, role="admin")
    other_admin = await make_user(db, role="admin")
    superadmin = await make_logged_in(client, db, role="superAdmin")
    files = {"file": ("a.png", tiny_png(), "image/png")}

    r = await client.post(
        "/auth-api/v1/useravatarsfiles",
        files=files,
        data={"userId": other_admin.id},
        headers=admin.headers,
    )
    assert r.status_code == 403
    assert r.json()["message"] == "errMsg_cannotManageAdmin"

    r = await client.post(
        "/auth-api/v1/useravatarsfiles",
        files=files,
        data={"userId": other_admin.id},
        headers=superadmin.headers,
    )
    assert r.status_code == 201


async def test_members_whose_account_was_deleted_are_not_listed(
    client: httpx.AsyncClient, db: AsyncSession
) -> None:
    admin = await make_logged_in(client, db, role="admin")
    stays, leaves = await make_user(db), await make_user(db)
    group = (
        await client.post(
            "/auth-api/v1/usergroups", json={"groupName": "Cleaners"}, headers=admin.headers
        )
    ).json()["userGroup"]
    for person in (stays, leaves):
        r = await client.post(
            "/auth-api/v1/usergroupmembers",
            json={"groupId": group["id"], "userId": person.id},
            headers=admin.headers,
        )
        assert r.status_code == 201
    assert (
        await client.delete(f"/auth-api/v1/users/{leaves.id}", headers=admin.headers)
    ).status_code == 200

    r = await client.get(f"/auth-api/v1/listusergroupmembers/{group['id']}")
    assert r.status_code == 200
    assert [m["userId"] for m in r.json()["userGroupMembers"]] == [stays.id]
    assert r.json()["paging"]["totalRowCount"] == 1


async def test_concurrent_duplicate_memberships_give_one_member_and_409s_naming_user_id(
    committed_client: httpx.AsyncClient, committed_factory: async_sessionmaker[AsyncSession]
) -> None:
    async with committed_factory() as db:
        admin = await make_user(db, role="admin")
        member = await make_user(db)
    r = await committed_client.post(
        "/auth-api/login", json={"username": admin.email, "password": admin.password}
    )
    headers = {"Authorization": f"Bearer {r.json()['accessToken']}"}
    committed_client.cookies.clear()
    group = (
        await committed_client.post(
            "/auth-api/v1/usergroups", json={"groupName": "Race"}, headers=headers
        )
    ).json()["userGroup"]

    body = {"groupId": group["id"], "userId": member.id}
    answers = await asyncio.gather(
        *(
            committed_client.post("/auth-api/v1/usergroupmembers", json=body, headers=headers)
            for _ in range(8)
        )
    )
    statuses = sorted(a.status_code for a in answers)
    assert statuses == [201] + [409] * 7, [a.text for a in answers]
    for a in answers:
        if a.status_code == 409:
            assert a.json()["field"] == "userId"
            assert a.json()["message"] == "errMsg_alreadyAMember"
