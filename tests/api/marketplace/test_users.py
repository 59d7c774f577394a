"""HTTP tests of the auth service's user routes (spec §2.2): who may read, change, create,
delete and search users, and what the answers contain."""

from __future__ import annotations

import asyncio
import json
import uuid
from typing import Any

import httpx
import pytest
from sqlalchemy import func, select, update
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from staykit.domain.auth.models import User
from tests.factories import PASSWORD, Person, assert_error, make_logged_in, make_user

BASE = "/auth-api/v1"
NEW_PASSWORD = "a-brand-new-passphrase"


def no_secrets(value: Any) -> None:
    """No key anywhere in a JSON document names a password or its hash."""
    if isinstance(value, dict):
        for key, item in value.items():
            assert "password" not in key.lower(), key
            no_secrets(item)
    elif isinstance(value, list):
        for item in value:
            no_secrets(item)


async def login_with(client: httpx.AsyncClient, email: str, password: str) -> httpx.Response:
    return await client.post("/auth-api/login", json={"username": email, "password": password})


async def second_session(client: httpx.AsyncClient, person: Person) -> dict[str, str]:
    r = await login_with(client, person.email, person.password)
    assert r.status_code == 200, r.text
    return {"Authorization": f"Bearer {r.json()['accessToken']}"}


async def is_logged_in(client: httpx.AsyncClient, headers: dict[str, str]) -> bool:
    r = await client.get("/auth-api/currentuser", headers=headers)
    assert r.status_code in (200, 401), r.text
    return r.status_code == 200


def register_body(**overrides: Any) -> dict[str, Any]:
    n = uuid.uuid4().hex[:10]
    body: dict[str, Any] = {
        "email": f"new-{n}@example.test",
        "password": "a-long-enough-password",
        "fullname": "Nora New",
    }
    body.update(overrides)
    return body


# --- getUser ----------------------------------------------------------------------------------


async def test_user_reads_their_own_record(client: httpx.AsyncClient, db: AsyncSession) -> None:
    me = await make_logged_in(client, db, fullname="Ana Own")
    r = await client.get(f"{BASE}/users/{me.id}", headers=me.headers)
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["status"] == "OK"
    assert body["dataName"] == "user"
    assert body["action"] == "get"
    assert body["userId"] == me.id
    user = body["user"]
    assert user["id"] == me.id
    assert user["email"] == me.email
    assert user["fullname"] == "Ana Own"
    assert user["roleId"] == "user"
    assert user["isActive"] is True
    for key in ("recordVersion", "createdAt", "updatedAt", "_owner", "emailVerified"):
        assert key in user
    no_secrets(body)


@pytest.mark.parametrize("role", ["admin", "superAdmin"])
async def test_admin_roles_read_any_user(
    client: httpx.AsyncClient, db: AsyncSession, role: str
) -> None:
    admin = await make_logged_in(client, db, role=role)
    other = await make_user(db)
    r = await client.get(f"{BASE}/users/{other.id}", headers=admin.headers)
    assert r.status_code == 200, r.text
    assert r.json()["user"]["email"] == other.email


async def test_user_cannot_read_another_user(client: httpx.AsyncClient, db: AsyncSession) -> None:
    me = await make_logged_in(client, db)
    other = await make_user(db)
    r = await client.get(f"{BASE}/users/{other.id}", headers=me.headers)
    body = assert_error(r, 403, message="errMsg_notYourAccount")
    assert other.email not in r.text
    assert body["detail"]


async def test_anonymous_cannot_read_a_user(client: httpx.AsyncClient, db: AsyncSession) -> None:
    other = await make_user(db)
    r = await client.get(f"{BASE}/users/{other.id}")
    assert_error(r, 401, message="errMsg_noLoginFound")


async def test_get_unknown_user_is_404_naming_user_id(
    client: httpx.AsyncClient, db: AsyncSession
) -> None:
    admin = await make_logged_in(client, db, role="admin")
    r = await client.get(f"{BASE}/users/{uuid.uuid4()}", headers=admin.headers)
    assert_error(r, 404, field="userId", message="errMsg_userNotFound")


async def test_get_malformed_user_id_is_400_naming_user_id(
    client: httpx.AsyncClient, db: AsyncSession
) -> None:
    admin = await make_logged_in(client, db, role="admin")
    r = await client.get(f"{BASE}/users/not-a-uuid", headers=admin.headers)
    assert_error(r, 400, field="userId", message="errMsg_userIdIsNotAValidID")


async def test_soft_deleted_user_is_404_even_for_admins(
    client: httpx.AsyncClient, db: AsyncSession
) -> None:
    admin = await make_logged_in(client, db, role="admin")
    gone = await make_user(db)
    r = await client.delete(f"{BASE}/users/{gone.id}", headers=admin.headers)
    assert r.status_code == 200, r.text
    r = await client.get(f"{BASE}/users/{gone.id}", headers=admin.headers)
    assert_error(r, 404, field="userId")


# --- updateUser (admins) -----------------------------------------------------------------------


async def test_admin_updates_a_users_profile_fields(
    client: httpx.AsyncClient, db: AsyncSession
) -> None:
    admin = await make_logged_in(client, db, role="admin")
    other = await make_user(db)
    r = await client.patch(
        f"{BASE}/users/{other.id}",
        headers=admin.headers,
        json={
            "fullname": "Renamed Person",
            "avatar": "https://cdn.example.test/a.png",
            "preferredLanguage": "pt-BR",
            "bio": "Hosts a cabin by the lake.",
        },
    )
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["action"] == "update"
    user = body["user"]
    assert user["fullname"] == "Renamed Person"
    assert user["avatar"] == "https://cdn.example.test/a.png"
    assert user["preferredLanguage"] == "pt-BR"
    assert user["bio"] == "Hosts a cabin by the lake."
    assert user["email"] == other.email
    assert user["recordVersion"] == 2
    # persisted: another read sees the change
    r = await client.get(f"{BASE}/users/{other.id}", headers=admin.headers)
    assert r.json()["user"]["fullname"] == "Renamed Person"


async def test_partial_update_leaves_other_fields_alone(
    client: httpx.AsyncClient, db: AsyncSession
) -> None:
    admin = await make_logged_in(client, db, role="superAdmin")
    other = await make_user(db, fullname="Keep Me")
    r = await client.patch(f"{BASE}/users/{other.id}", headers=admin.headers, json={"bio": "Hi"})
    assert r.status_code == 200, r.text
    assert r.json()["user"]["fullname"] == "Keep Me"
    assert r.json()["user"]["bio"] == "Hi"


async def test_user_cannot_use_update_user_even_on_themself(
    client: httpx.AsyncClient, db: AsyncSession
) -> None:
    me = await make_logged_in(client, db)
    r = await client.patch(f"{BASE}/users/{me.id}", headers=me.headers, json={"fullname": "X"})
    assert_error(r, 403, message="errMsg_adminRoleRequired")


async def test_anonymous_cannot_update_a_user(client: httpx.AsyncClient, db: AsyncSession) -> None:
    other = await make_user(db)
    r = await client.patch(f"{BASE}/users/{other.id}", json={"fullname": "X"})
    assert_error(r, 401)


@pytest.mark.parametrize("field", ["email", "roleId", "password", "isActive", "mobile"])
async def test_update_user_rejects_fields_it_does_not_accept(
    client: httpx.AsyncClient, db: AsyncSession, field: str
) -> None:
    admin = await make_logged_in(client, db, role="admin")
    other = await make_user(db)
    r = await client.patch(f"{BASE}/users/{other.id}", headers=admin.headers, json={field: "admin"})
    assert_error(r, 400, field=field, message=f"errMsg_{field}IsNotAllowed")
    # nothing changed
    await db.refresh(other.user)
    assert other.user.role_id == "user"


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"fullname": 12}, "fullname"),
        ({"fullname": ["a"]}, "fullname"),
        ({"fullname": ""}, "fullname"),
        ({"fullname": "x" * 201}, "fullname"),
        ({"fullname": None}, "fullname"),
        ({"bio": {"a": 1}}, "bio"),
        ({"bio": "x" * 20_001}, "bio"),
        ({"avatar": "not a url"}, "avatar"),
        ({"avatar": "javascript:alert(1)"}, "avatar"),
        ({"preferredLanguage": "english please"}, "preferredLanguage"),
        ({"preferredLanguage": True}, "preferredLanguage"),
        ({"fullname": "nul\x00byte"}, "fullname"),
        ({"bio": "nul\x00byte"}, "bio"),
    ],
)
async def test_update_user_rejects_wrong_values_naming_the_field(
    client: httpx.AsyncClient, db: AsyncSession, body: dict[str, Any], field: str
) -> None:
    admin = await make_logged_in(client, db, role="admin")
    other = await make_user(db)
    r = await client.patch(f"{BASE}/users/{other.id}", headers=admin.headers, json=body)
    assert_error(r, 400, field=field)


async def test_update_user_body_must_be_a_json_object(
    client: httpx.AsyncClient, db: AsyncSession
) -> None:
    admin = await make_logged_in(client, db, role="admin")
    other = await make_user(db)
    r = await client.patch(f"{BASE}/users/{other.id}", headers=admin.headers, json=["fullname"])
    assert_error(r, 400, field="body")
    r = await client.patch(
        f"{BASE}/users/{other.id}",
        headers={**admin.headers, "Content-Type": "application/json"},
        content=b"{not json",
    )
    assert_error(r, 400, field="body")


async def test_update_unknown_user_is_404(client: httpx.AsyncClient, db: AsyncSession) -> None:
    admin = await make_logged_in(client, db, role="admin")
    r = await client.patch(
        f"{BASE}/users/{uuid.uuid4()}", headers=admin.headers, json={"fullname": "X"}
    )
    assert_error(r, 404, field="userId")


# --- updateProfile (self) ----------------------------------------------------------------------


async def test_user_updates_their_own_profile(client: httpx.AsyncClient, db: AsyncSession) -> None:
    me = await make_logged_in(client, db)
    r = await client.patch(
        f"{BASE}/profile/{me.id}",
        headers=me.headers,
        json={"fullname": "New Me", "bio": "Traveller", "preferredLanguage": "de"},
    )
    assert r.status_code == 200, r.text
    user = r.json()["user"]
    assert (user["fullname"], user["bio"], user["preferredLanguage"]) == (
        "New Me",
        "Traveller",
        "de",
    )


async def test_admin_cannot_update_someone_elses_profile_route(
    client: httpx.AsyncClient, db: AsyncSession
) -> None:
    admin = await make_logged_in(client, db, role="superAdmin")
    other = await make_user(db, fullname="Untouched")
    r = await client.patch(
        f"{BASE}/profile/{other.id}", headers=admin.headers, json={"fullname": "Hijacked"}
    )
    assert_error(r, 403, message="errMsg_notYourAccount")
    await db.refresh(other.user)
    assert other.user.fullname == "Untouched"


async def test_user_cannot_update_another_users_profile(
    client: httpx.AsyncClient, db: AsyncSession
) -> None:
    me = await make_logged_in(client, db)
    other = await make_user(db)
    r = await client.patch(f"{BASE}/profile/{other.id}", headers=me.headers, json={"bio": "x"})
    assert_error(r, 403)


async def test_anonymous_cannot_update_a_profile(
    client: httpx.AsyncClient, db: AsyncSession
) -> None:
    other = await make_user(db)
    r = await client.patch(f"{BASE}/profile/{other.id}", json={"bio": "x"})
    assert_error(r, 401)


async def test_changing_mobile_resets_mobile_verified(
    client: httpx.AsyncClient, db: AsyncSession
) -> None:
    me = await make_logged_in(client, db, mobile="+351911111111", mobile_verified=True)
    # the same number again keeps the verification
    r = await client.patch(
        f"{BASE}/profile/{me.id}", headers=me.headers, json={"mobile": "+351911111111"}
    )
    assert r.status_code == 200, r.text
    assert r.json()["user"]["mobileVerified"] is True
    r = await client.patch(
        f"{BASE}/profile/{me.id}", headers=me.headers, json={"mobile": "+351922222222"}
    )
    assert r.status_code == 200, r.text
    assert r.json()["user"]["mobile"] == "+351922222222"
    assert r.json()["user"]["mobileVerified"] is False


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"mobile": "call me"}, "mobile"),
        ({"email": "x@example.test"}, "email"),
        ({"roleId": "admin"}, "roleId"),
        ({"emailVerified": True}, "emailVerified"),
        ({"fullname": None}, "fullname"),
    ],
)
async def test_update_profile_rejects_bad_or_unknown_fields(
    client: httpx.AsyncClient, db: AsyncSession, body: dict[str, Any], field: str
) -> None:
    me = await make_logged_in(client, db)
    r = await client.patch(f"{BASE}/profile/{me.id}", headers=me.headers, json=body)
    assert_error(r, 400, field=field)
    await db.refresh(me.user)
    assert me.user.role_id == "user"
    assert me.user.fullname


# --- createUser (admin roles) ------------------------------------------------------------------


@pytest.mark.parametrize("role", ["admin", "superAdmin"])
async def test_admin_roles_create_a_user(
    client: httpx.AsyncClient, db: AsyncSession, role: str
) -> None:
    admin = await make_logged_in(client, db, role=role)
    body = register_body(bio="Made by an admin", preferredLanguage="fr")
    r = await client.post(f"{BASE}/users", headers=admin.headers, json=body)
    assert r.status_code == 201, r.text
    out = r.json()
    assert out["statusCode"] == 201
    assert out["action"] == "create"
    user = out["user"]
    assert user["email"] == body["email"]
    assert user["roleId"] == "user"
    assert user["bio"] == "Made by an admin"
    assert user["_owner"] == admin.id
    assert user["isActive"] is True
    no_secrets(out)
    assert body["password"] not in r.text
    # the new user can log in with the password the admin chose
    r = await login_with(client, body["email"], body["password"])
    assert r.status_code == 200, r.text


async def test_plain_user_cannot_create_users(client: httpx.AsyncClient, db: AsyncSession) -> None:
    me = await make_logged_in(client, db)
    r = await client.post(f"{BASE}/users", headers=me.headers, json=register_body())
    assert_error(r, 403, message="errMsg_adminRoleRequired")


async def test_anonymous_cannot_create_users(client: httpx.AsyncClient) -> None:
    r = await client.post(f"{BASE}/users", json=register_body())
    assert_error(r, 401)


async def test_create_user_with_taken_email_in_other_case_is_409(
    client: httpx.AsyncClient, db: AsyncSession
) -> None:
    admin = await make_logged_in(client, db, role="admin")
    existing = await make_user(db, email="taken.person@example.test")
    assert existing.email == "taken.person@example.test"
    r = await client.post(
        f"{BASE}/users",
        headers=admin.headers,
        json=register_body(email="Taken.Person@EXAMPLE.test"),
    )
    assert_error(r, 409, field="email", message="errMsg_emailAlreadyRegistered")


async def test_create_user_with_short_password_is_400(
    client: httpx.AsyncClient, db: AsyncSession
) -> None:
    admin = await make_logged_in(client, db, role="admin")
    r = await client.post(
        f"{BASE}/users", headers=admin.headers, json=register_body(password="short")
    )
    assert_error(r, 400, field="password", message="errMsg_passwordTooShort")


@pytest.mark.parametrize("missing", ["email", "password", "fullname"])
async def test_create_user_requires_email_password_and_fullname(
    client: httpx.AsyncClient, db: AsyncSession, missing: str
) -> None:
    admin = await make_logged_in(client, db, role="admin")
    body = register_body()
    del body[missing]
    r = await client.post(f"{BASE}/users", headers=admin.headers, json=body)
    assert_error(r, 400, field=missing, message=f"errMsg_{missing}IsRequired")


@pytest.mark.parametrize(
    ("override", "field"),
    [
        ({"email": "not-an-email"}, "email"),
        ({"email": 42}, "email"),
        ({"password": "x" * 129}, "password"),
        ({"fullname": "x" * 201}, "fullname"),
        ({"roleId": "superAdmin"}, "roleId"),
        ({"passwordHash": "$argon2id$..."}, "passwordHash"),
    ],
)
async def test_create_user_rejects_bad_fields(
    client: httpx.AsyncClient, db: AsyncSession, override: dict[str, Any], field: str
) -> None:
    admin = await make_logged_in(client, db, role="superAdmin")
    r = await client.post(f"{BASE}/users", headers=admin.headers, json=register_body(**override))
    assert_error(r, 400, field=field)


# --- deleteUser (admins, soft) -----------------------------------------------------------------


async def test_admin_soft_deletes_a_user_and_ends_their_sessions(
    client: httpx.AsyncClient, db: AsyncSession
) -> None:
    admin = await make_logged_in(client, db, role="admin")
    victim = await make_logged_in(client, db)
    assert await is_logged_in(client, victim.headers)
    r = await client.delete(f"{BASE}/users/{victim.id}", headers=admin.headers)
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["action"] == "delete"
    assert body["user"]["id"] == victim.id
    assert body["user"]["isActive"] is False
    # the row stays (soft delete) but reads answer 404
    row = await db.scalar(
        select(User.is_active)
        .where(User.id == victim.user.id)
        .execution_options(populate_existing=True)
    )
    assert row is False
    r = await client.get(f"{BASE}/users/{victim.id}", headers=admin.headers)
    assert_error(r, 404, field="userId")
    r = await client.get(f"{BASE}/briefuser/{victim.id}")
    assert_error(r, 404, field="userId")
    # the deleted user's token no longer works, and they cannot log in again
    r = await client.get(f"{BASE}/users/{victim.id}", headers=victim.headers)
    assert_error(r, 401)
    assert not await is_logged_in(client, victim.headers)
    r = await login_with(client, victim.email, victim.password)
    assert r.status_code == 401, r.text
    # deleting again is a 404, not a second delete
    r = await client.delete(f"{BASE}/users/{victim.id}", headers=admin.headers)
    assert_error(r, 404, field="userId")


@pytest.mark.parametrize("target_role", ["admin", "superAdmin"])
async def test_admin_cannot_delete_admin_roles(
    client: httpx.AsyncClient, db: AsyncSession, target_role: str
) -> None:
    admin = await make_logged_in(client, db, role="admin")
    target = await make_user(db, role=target_role)
    r = await client.delete(f"{BASE}/users/{target.id}", headers=admin.headers)
    assert_error(r, 403, message="errMsg_cannotManageAdmin")
    await db.refresh(target.user)
    assert target.user.is_active is True


@pytest.mark.parametrize("target_role", ["user", "admin", "superAdmin"])
async def test_super_admin_deletes_anyone_else(
    client: httpx.AsyncClient, db: AsyncSession, target_role: str
) -> None:
    boss = await make_logged_in(client, db, role="superAdmin")
    target = await make_user(db, role=target_role)
    r = await client.delete(f"{BASE}/users/{target.id}", headers=boss.headers)
    assert r.status_code == 200, r.text
    assert r.json()["user"]["isActive"] is False


@pytest.mark.parametrize("role", ["admin", "superAdmin"])
async def test_nobody_deletes_themself(
    client: httpx.AsyncClient, db: AsyncSession, role: str
) -> None:
    me = await make_logged_in(client, db, role=role)
    r = await client.delete(f"{BASE}/users/{me.id}", headers=me.headers)
    assert_error(r, 403, message="errMsg_cannotDeleteSelf")
    assert await is_logged_in(client, me.headers)


async def test_plain_user_cannot_delete_users(client: httpx.AsyncClient, db: AsyncSession) -> None:
    me = await make_logged_in(client, db)
    other = await make_user(db)
    r = await client.delete(f"{BASE}/users/{other.id}", headers=me.headers)
    assert_error(r, 403, message="errMsg_adminRoleRequired")
    r = await client.delete(f"{BASE}/users/{me.id}", headers=me.headers)
    assert_error(r, 403)
    r = await client.delete(f"{BASE}/users/{other.id}")
    assert_error(r, 401)


# --- archiveProfile (self) ---------------------------------------------------------------------


async def test_user_archives_their_own_profile(client: httpx.AsyncClient, db: AsyncSession) -> None:
    me = await make_logged_in(client, db)
    r = await client.delete(f"{BASE}/archiveprofile/{me.id}", headers=me.headers)
    assert r.status_code == 200, r.text
    assert r.json()["user"]["isActive"] is False
    assert not await is_logged_in(client, me.headers)
    r = await login_with(client, me.email, me.password)
    assert r.status_code == 401


async def test_nobody_archives_someone_elses_profile(
    client: httpx.AsyncClient, db: AsyncSession
) -> None:
    admin = await make_logged_in(client, db, role="superAdmin")
    me = await make_logged_in(client, db)
    other = await make_user(db)
    for who in (admin, me):
        r = await client.delete(f"{BASE}/archiveprofile/{other.id}", headers=who.headers)
        assert_error(r, 403, message="errMsg_notYourAccount")
    r = await client.delete(f"{BASE}/archiveprofile/{other.id}")
    assert_error(r, 401)
    await db.refresh(other.user)
    assert other.user.is_active is True


async def test_last_super_admin_cannot_archive_themself(
    client: httpx.AsyncClient, db: AsyncSession
) -> None:
    # Each test runs in its own rolled-back transaction, so this is the only superAdmin.
    boss = await make_logged_in(client, db, role="superAdmin")
    r = await client.delete(f"{BASE}/archiveprofile/{boss.id}", headers=boss.headers)
    assert_error(r, 409, message="errMsg_lastSuperAdmin")
    assert await is_logged_in(client, boss.headers)
    # with a second superAdmin, archiving is allowed
    await make_user(db, role="superAdmin")
    r = await client.delete(f"{BASE}/archiveprofile/{boss.id}", headers=boss.headers)
    assert r.status_code == 200, r.text


async def test_inactive_super_admins_do_not_count_as_another(
    client: httpx.AsyncClient, db: AsyncSession
) -> None:
    boss = await make_logged_in(client, db, role="superAdmin")
    ghost = await make_user(db, role="superAdmin")
    ghost.user.is_active = False
    await db.commit()
    r = await client.delete(f"{BASE}/archiveprofile/{boss.id}", headers=boss.headers)
    assert_error(r, 409, message="errMsg_lastSuperAdmin")


# --- listUsers and searchUsers (admins) --------------------------------------------------------


async def _population(db: AsyncSession) -> dict[str, Person]:
    return {
        "ana": await make_user(db, email="ana.silva@example.test", fullname="Ana Silva"),
        "bruno": await make_user(db, email="bruno@hosts.test", fullname="Bruno Costa"),
        "carla": await make_user(
            db, email="carla@example.test", fullname="Carla Silveira", role="admin"
        ),
        "dora": await make_user(
            db, email="dora@else.test", fullname="Dora Boss", role="superAdmin"
        ),
    }


def ids_of(body: dict[str, Any]) -> set[str]:
    return {u["id"] for u in body["users"]}


async def test_admin_lists_users_with_paging(client: httpx.AsyncClient, db: AsyncSession) -> None:
    admin = await make_logged_in(client, db, role="admin")
    people = await _population(db)
    r = await client.get(f"{BASE}/users", headers=admin.headers)
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["dataName"] == "users"
    assert body["action"] == "list"
    assert ids_of(body) == {p.id for p in people.values()} | {admin.id}
    assert body["rowCount"] == 5
    assert body["paging"] == {
        "pageNumber": 1,
        "pageRowCount": 25,
        "totalRowCount": 5,
        "pageCount": 1,
    }
    no_secrets(body)
    r = await client.get(
        f"{BASE}/users", headers=admin.headers, params={"pageNumber": 2, "pageRowCount": 2}
    )
    body = r.json()
    assert body["paging"] == {
        "pageNumber": 2,
        "pageRowCount": 2,
        "totalRowCount": 5,
        "pageCount": 3,
    }
    assert len(body["users"]) == 2


async def test_list_users_filters_email_and_fullname_partially_ignoring_case(
    client: httpx.AsyncClient, db: AsyncSession
) -> None:
    admin = await make_logged_in(client, db, role="superAdmin", email="root@admins.test")
    people = await _population(db)
    r = await client.get(f"{BASE}/users", headers=admin.headers, params={"email": "EXAMPLE.t"})
    assert ids_of(r.json()) == {people["ana"].id, people["carla"].id}
    r = await client.get(f"{BASE}/users", headers=admin.headers, params={"fullname": "silv"})
    assert ids_of(r.json()) == {people["ana"].id, people["carla"].id}
    r = await client.get(
        f"{BASE}/users", headers=admin.headers, params={"fullname": "silv", "email": "carla"}
    )
    assert ids_of(r.json()) == {people["carla"].id}
    # LIKE wildcards in a filter value are literal characters
    r = await client.get(f"{BASE}/users", headers=admin.headers, params={"email": "%"})
    assert r.json()["users"] == []


async def test_list_users_filters_role_exactly(client: httpx.AsyncClient, db: AsyncSession) -> None:
    admin = await make_logged_in(client, db, role="superAdmin")
    people = await _population(db)
    r = await client.get(f"{BASE}/users", headers=admin.headers, params={"roleId": "admin"})
    assert r.status_code == 200, r.text
    # "admin" must not also match "superAdmin"
    assert ids_of(r.json()) == {people["carla"].id}
    r = await client.get(f"{BASE}/users", headers=admin.headers, params={"roleId": "SUPERADMIN"})
    assert ids_of(r.json()) == {people["dora"].id, admin.id}
    r = await client.get(
        f"{BASE}/users",
        headers=admin.headers,
        params=[("roleId", "admin"), ("roleId", "superAdmin")],
    )
    assert ids_of(r.json()) == {people["carla"].id, people["dora"].id, admin.id}
    r = await client.get(f"{BASE}/users", headers=admin.headers, params={"roleId": "host"})
    assert_error(r, 400, field="roleId")


async def test_list_users_hides_soft_deleted_users(
    client: httpx.AsyncClient, db: AsyncSession
) -> None:
    admin = await make_logged_in(client, db, role="admin")
    gone = await make_user(db)
    await client.delete(f"{BASE}/users/{gone.id}", headers=admin.headers)
    r = await client.get(f"{BASE}/users", headers=admin.headers)
    assert gone.id not in ids_of(r.json())


async def test_only_admins_list_users(client: httpx.AsyncClient, db: AsyncSession) -> None:
    me = await make_logged_in(client, db)
    r = await client.get(f"{BASE}/users", headers=me.headers)
    assert_error(r, 403, message="errMsg_adminRoleRequired")
    r = await client.get(f"{BASE}/users")
    assert_error(r, 401)


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"pageNumber": "one"}, "pageNumber"),
        ({"pageRowCount": 0}, "pageRowCount"),
        ({"pageRowCount": 100_000}, "pageRowCount"),
        ({"getJoins": "maybe"}, "getJoins"),
    ],
)
async def test_list_users_rejects_bad_paging(
    client: httpx.AsyncClient, db: AsyncSession, params: dict[str, Any], field: str
) -> None:
    admin = await make_logged_in(client, db, role="admin")
    r = await client.get(f"{BASE}/users", headers=admin.headers, params=params)
    assert_error(r, 400, field=field)


async def test_admin_searches_users_by_keyword_in_email_or_name(
    client: httpx.AsyncClient, db: AsyncSession
) -> None:
    admin = await make_logged_in(client, db, role="admin")
    people = await _population(db)
    r = await client.get(f"{BASE}/searchusers", headers=admin.headers, params={"keyword": "SILV"})
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["dataName"] == "users"
    assert ids_of(body) == {people["ana"].id, people["carla"].id}
    assert body["paging"]["totalRowCount"] == 2
    r = await client.get(
        f"{BASE}/searchusers", headers=admin.headers, params={"keyword": "hosts.test"}
    )
    assert ids_of(r.json()) == {people["bruno"].id}
    r = await client.get(
        f"{BASE}/searchusers", headers=admin.headers, params={"keyword": "silv", "roleId": "user"}
    )
    assert ids_of(r.json()) == {people["ana"].id}
    r = await client.get(f"{BASE}/searchusers", headers=admin.headers, params={"keyword": "_"})
    assert r.json()["users"] == []


async def test_search_users_requires_a_keyword(client: httpx.AsyncClient, db: AsyncSession) -> None:
    admin = await make_logged_in(client, db, role="admin")
    r = await client.get(f"{BASE}/searchusers", headers=admin.headers)
    assert_error(r, 400, field="keyword", message="errMsg_keywordIsRequired")
    r = await client.get(f"{BASE}/searchusers", headers=admin.headers, params={"keyword": ""})
    assert_error(r, 400, field="keyword")
    r = await client.get(
        f"{BASE}/searchusers", headers=admin.headers, params={"keyword": "x" * 201}
    )
    assert_error(r, 400, field="keyword")
    r = await client.get(
        f"{BASE}/searchusers", headers=admin.headers, params={"keyword": "nul\x00byte"}
    )
    assert_error(r, 400, field="keyword")


async def test_only_admins_search_users(client: httpx.AsyncClient, db: AsyncSession) -> None:
    me = await make_logged_in(client, db)
    r = await client.get(f"{BASE}/searchusers", headers=me.headers, params={"keyword": "a"})
    assert_error(r, 403)
    r = await client.get(f"{BASE}/searchusers", params={"keyword": "a"})
    assert_error(r, 401)


# --- updateUserRole ----------------------------------------------------------------------------


async def test_admin_promotes_a_user_to_admin_and_it_takes_effect_at_once(
    client: httpx.AsyncClient, db: AsyncSession
) -> None:
    admin = await make_logged_in(client, db, role="admin")
    other = await make_logged_in(client, db)
    r = await client.get(f"{BASE}/users", headers=other.headers)
    assert r.status_code == 403
    r = await client.patch(
        f"{BASE}/userrole/{other.id}", headers=admin.headers, json={"roleId": "admin"}
    )
    assert r.status_code == 200, r.text
    assert r.json()["user"]["roleId"] == "admin"
    # the promoted user's existing session now has admin rights
    r = await client.get(f"{BASE}/users", headers=other.headers)
    assert r.status_code == 200, r.text


async def test_super_admin_grants_and_removes_super_admin(
    client: httpx.AsyncClient, db: AsyncSession
) -> None:
    boss = await make_logged_in(client, db, role="superAdmin")
    other = await make_user(db, role="admin")
    r = await client.patch(
        f"{BASE}/userrole/{other.id}", headers=boss.headers, json={"roleId": "superAdmin"}
    )
    assert r.status_code == 200, r.text
    assert r.json()["user"]["roleId"] == "superAdmin"
    r = await client.patch(
        f"{BASE}/userrole/{other.id}", headers=boss.headers, json={"roleId": "user"}
    )
    assert r.status_code == 200, r.text
    assert r.json()["user"]["roleId"] == "user"


async def test_admin_cannot_grant_super_admin(client: httpx.AsyncClient, db: AsyncSession) -> None:
    admin = await make_logged_in(client, db, role="admin")
    other = await make_user(db)
    r = await client.patch(
        f"{BASE}/userrole/{other.id}", headers=admin.headers, json={"roleId": "superAdmin"}
    )
    assert_error(r, 403, field="roleId", message="errMsg_cannotGrantSuperAdmin")
    await db.refresh(other.user)
    assert other.user.role_id == "user"


@pytest.mark.parametrize("target_role", ["admin", "superAdmin"])
async def test_admin_cannot_change_the_role_of_admins(
    client: httpx.AsyncClient, db: AsyncSession, target_role: str
) -> None:
    admin = await make_logged_in(client, db, role="admin")
    other = await make_user(db, role=target_role)
    r = await client.patch(
        f"{BASE}/userrole/{other.id}", headers=admin.headers, json={"roleId": "user"}
    )
    assert_error(r, 403, message="errMsg_cannotManageAdmin")
    await db.refresh(other.user)
    assert other.user.role_id == target_role


@pytest.mark.parametrize("role", ["admin", "superAdmin"])
async def test_nobody_changes_their_own_role(
    client: httpx.AsyncClient, db: AsyncSession, role: str
) -> None:
    me = await make_logged_in(client, db, role=role)
    r = await client.patch(f"{BASE}/userrole/{me.id}", headers=me.headers, json={"roleId": "user"})
    assert_error(r, 403, message="errMsg_cannotChangeOwnRole")


async def test_plain_user_cannot_change_roles(client: httpx.AsyncClient, db: AsyncSession) -> None:
    me = await make_logged_in(client, db)
    r = await client.patch(
        f"{BASE}/userrole/{me.id}", headers=me.headers, json={"roleId": "superAdmin"}
    )
    assert_error(r, 403, message="errMsg_adminRoleRequired")
    r = await client.patch(f"{BASE}/userrole/{me.id}", json={"roleId": "admin"})
    assert_error(r, 401)


@pytest.mark.parametrize(
    ("body", "field", "message"),
    [
        ({"roleId": "host"}, "roleId", "errMsg_roleIdIsInvalid"),
        ({"roleId": "ADMIN"}, "roleId", "errMsg_roleIdIsInvalid"),
        ({"roleId": 1}, "roleId", "errMsg_roleIdIsInvalid"),
        ({}, "roleId", "errMsg_roleIdIsRequired"),
        ({"roleId": "admin", "email": "x@y.test"}, "email", "errMsg_emailIsNotAllowed"),
    ],
)
async def test_update_user_role_rejects_invalid_roles(
    client: httpx.AsyncClient,
    db: AsyncSession,
    body: dict[str, Any],
    field: str,
    message: str,
) -> None:
    boss = await make_logged_in(client, db, role="superAdmin")
    other = await make_user(db)
    r = await client.patch(f"{BASE}/userrole/{other.id}", headers=boss.headers, json=body)
    assert_error(r, 400, field=field, message=message)


async def test_update_role_of_unknown_user_is_404(
    client: httpx.AsyncClient, db: AsyncSession
) -> None:
    boss = await make_logged_in(client, db, role="superAdmin")
    r = await client.patch(
        f"{BASE}/userrole/{uuid.uuid4()}", headers=boss.headers, json={"roleId": "admin"}
    )
    assert_error(r, 404, field="userId")


# --- updateUserPassword (self) -----------------------------------------------------------------


async def test_user_changes_password_and_other_sessions_end(
    client: httpx.AsyncClient, db: AsyncSession
) -> None:
    me = await make_logged_in(client, db)
    other_device = await second_session(client, me)
    r = await client.patch(
        f"{BASE}/userpassword/{me.id}",
        headers=me.headers,
        json={"oldPassword": PASSWORD, "newPassword": NEW_PASSWORD},
    )
    assert r.status_code == 200, r.text
    assert r.json()["user"]["id"] == me.id
    no_secrets(r.json())
    assert NEW_PASSWORD not in r.text
    # the session that changed the password keeps working; the other one ends
    assert await is_logged_in(client, me.headers)
    assert not await is_logged_in(client, other_device)
    # the new password logs in; the old one does not
    r = await login_with(client, me.email, PASSWORD)
    assert_error(r, 401)
    r = await login_with(client, me.email, NEW_PASSWORD)
    assert r.status_code == 200, r.text


async def test_wrong_old_password_is_403_naming_old_password(
    client: httpx.AsyncClient, db: AsyncSession
) -> None:
    me = await make_logged_in(client, db)
    r = await client.patch(
        f"{BASE}/userpassword/{me.id}",
        headers=me.headers,
        json={"oldPassword": "not-my-password", "newPassword": NEW_PASSWORD},
    )
    assert_error(r, 403, field="oldPassword", message="errMsg_oldPasswordMismatch")
    r = await login_with(client, me.email, PASSWORD)
    assert r.status_code == 200, r.text


async def test_new_password_must_meet_the_policy(
    client: httpx.AsyncClient, db: AsyncSession
) -> None:
    me = await make_logged_in(client, db)
    r = await client.patch(
        f"{BASE}/userpassword/{me.id}",
        headers=me.headers,
        json={"oldPassword": PASSWORD, "newPassword": "short"},
    )
    assert_error(r, 400, field="newPassword", message="errMsg_passwordTooShort")


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"newPassword": NEW_PASSWORD}, "oldPassword"),
        ({"oldPassword": PASSWORD}, "newPassword"),
        ({"oldPassword": PASSWORD, "newPassword": 12345678}, "newPassword"),
        ({"oldPassword": PASSWORD, "newPassword": NEW_PASSWORD, "email": "a@b.test"}, "email"),
    ],
)
async def test_update_password_body_is_checked(
    client: httpx.AsyncClient, db: AsyncSession, body: dict[str, Any], field: str
) -> None:
    me = await make_logged_in(client, db)
    r = await client.patch(f"{BASE}/userpassword/{me.id}", headers=me.headers, json=body)
    assert_error(r, 400, field=field)


async def test_nobody_changes_another_users_password_with_the_self_route(
    client: httpx.AsyncClient, db: AsyncSession
) -> None:
    boss = await make_logged_in(client, db, role="superAdmin")
    other = await make_user(db)
    body = {"oldPassword": PASSWORD, "newPassword": NEW_PASSWORD}
    r = await client.patch(f"{BASE}/userpassword/{other.id}", headers=boss.headers, json=body)
    assert_error(r, 403, message="errMsg_notYourAccount")
    r = await client.patch(f"{BASE}/userpassword/{other.id}", json=body)
    assert_error(r, 401)
    r = await login_with(client, other.email, PASSWORD)
    assert r.status_code == 200


# --- updateUserPasswordByAdmin -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("actor_role", "target_role"),
    [
        ("superAdmin", "user"),
        ("superAdmin", "admin"),
        ("superAdmin", "superAdmin"),
        ("admin", "user"),
    ],
)
async def test_allowed_admin_resets_a_password_and_ends_the_targets_sessions(
    client: httpx.AsyncClient, db: AsyncSession, actor_role: str, target_role: str
) -> None:
    actor = await make_logged_in(client, db, role=actor_role)
    target = await make_logged_in(client, db, role=target_role)
    r = await client.patch(
        f"{BASE}/userpasswordbyadmin/{target.id}",
        headers=actor.headers,
        json={"password": NEW_PASSWORD},
    )
    assert r.status_code == 200, r.text
    no_secrets(r.json())
    assert not await is_logged_in(client, target.headers)
    assert await is_logged_in(client, actor.headers)
    r = await login_with(client, target.email, NEW_PASSWORD)
    assert r.status_code == 200, r.text
    r = await login_with(client, target.email, PASSWORD)
    assert r.status_code == 401


@pytest.mark.parametrize("target_role", ["admin", "superAdmin"])
async def test_admin_cannot_reset_another_admins_password(
    client: httpx.AsyncClient, db: AsyncSession, target_role: str
) -> None:
    admin = await make_logged_in(client, db, role="admin")
    target = await make_logged_in(client, db, role=target_role)
    r = await client.patch(
        f"{BASE}/userpasswordbyadmin/{target.id}",
        headers=admin.headers,
        json={"password": NEW_PASSWORD},
    )
    assert_error(r, 403, message="errMsg_cannotManageAdmin")
    assert await is_logged_in(client, target.headers)
    r = await login_with(client, target.email, PASSWORD)
    assert r.status_code == 200


async def test_super_admin_resetting_own_password_keeps_their_session(
    client: httpx.AsyncClient, db: AsyncSession
) -> None:
    boss = await make_logged_in(client, db, role="superAdmin")
    elsewhere = await second_session(client, boss)
    r = await client.patch(
        f"{BASE}/userpasswordbyadmin/{boss.id}",
        headers=boss.headers,
        json={"password": NEW_PASSWORD},
    )
    assert r.status_code == 200, r.text
    assert await is_logged_in(client, boss.headers)
    assert not await is_logged_in(client, elsewhere)


async def test_plain_user_cannot_reset_passwords(
    client: httpx.AsyncClient, db: AsyncSession
) -> None:
    me = await make_logged_in(client, db)
    other = await make_user(db)
    for target in (me, other):
        r = await client.patch(
            f"{BASE}/userpasswordbyadmin/{target.id}",
            headers=me.headers,
            json={"password": NEW_PASSWORD},
        )
        assert_error(r, 403, message="errMsg_adminRoleRequired")
    r = await client.patch(
        f"{BASE}/userpasswordbyadmin/{other.id}", json={"password": NEW_PASSWORD}
    )
    assert_error(r, 401)


async def test_admin_reset_password_is_checked(client: httpx.AsyncClient, db: AsyncSession) -> None:
    admin = await make_logged_in(client, db, role="admin")
    other = await make_user(db)
    url = f"{BASE}/userpasswordbyadmin/{other.id}"
    r = await client.patch(url, headers=admin.headers, json={"password": "short"})
    assert_error(r, 400, field="password", message="errMsg_passwordTooShort")
    r = await client.patch(url, headers=admin.headers, json={})
    assert_error(r, 400, field="password", message="errMsg_passwordIsRequired")
    r = await client.patch(
        f"{BASE}/userpasswordbyadmin/{uuid.uuid4()}",
        headers=admin.headers,
        json={"password": NEW_PASSWORD},
    )
    assert_error(r, 404, field="userId")


# --- getBriefUser (public) ---------------------------------------------------------------------


async def test_brief_user_is_public_and_has_no_email(
    client: httpx.AsyncClient, db: AsyncSession
) -> None:
    other = await make_user(db, fullname="Brief Person")
    r = await client.get(f"{BASE}/briefuser/{other.id}")
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["dataName"] == "user"
    assert body["user"] == {
        "id": other.id,
        "fullname": "Brief Person",
        "avatar": other.user.avatar,
        "isActive": True,
    }
    assert other.email not in r.text


async def test_brief_user_unknown_or_malformed_id(client: httpx.AsyncClient) -> None:
    r = await client.get(f"{BASE}/briefuser/{uuid.uuid4()}")
    assert_error(r, 404, field="userId")
    r = await client.get(f"{BASE}/briefuser/123")
    assert_error(r, 400, field="userId")


# --- streamTest ---------------------------------------------------------------------------------


def sse_events(text: str) -> list[tuple[str, str]]:
    events = []
    for block in text.strip().split("\n\n"):
        lines = dict(line.split(": ", 1) for line in block.splitlines() if ": " in line)
        events.append((lines.get("event", ""), lines.get("data", "")))
    return events


async def test_stream_test_sends_the_user_as_an_sse_event(
    client: httpx.AsyncClient, db: AsyncSession
) -> None:
    me = await make_logged_in(client, db, fullname="Streamed Person")
    r = await client.get(f"{BASE}/streamtest/{me.id}", headers=me.headers)
    assert r.status_code == 200, r.text
    assert r.headers["content-type"].startswith("text/event-stream")
    events = sse_events(r.text)
    assert [name for name, _ in events] == ["user", "end"]
    user = json.loads(events[0][1])
    assert user["id"] == me.id
    assert user["fullname"] == "Streamed Person"
    assert user["email"] == me.email
    no_secrets(user)


async def test_stream_test_follows_the_get_user_rule(
    client: httpx.AsyncClient, db: AsyncSession
) -> None:
    me = await make_logged_in(client, db)
    admin = await make_logged_in(client, db, role="admin")
    other = await make_user(db)
    r = await client.get(f"{BASE}/streamtest/{other.id}", headers=me.headers)
    assert_error(r, 403)
    r = await client.get(f"{BASE}/streamtest/{other.id}")
    assert_error(r, 401)
    r = await client.get(f"{BASE}/streamtest/{uuid.uuid4()}", headers=admin.headers)
    assert_error(r, 404, field="userId")
    r = await client.get(f"{BASE}/streamtest/{other.id}", headers=admin.headers)
    assert r.status_code == 200
    assert json.loads(sse_events(r.text)[0][1])["id"] == other.id


# --- registerUser (public) ---------------------------------------------------------------------


async def test_anyone_registers_as_a_plain_user(client: httpx.AsyncClient) -> None:
    body = register_body(bio="Hello", preferredLanguage="es")
    r = await client.post(f"{BASE}/registeruser", json=body)
    assert r.status_code == 201, r.text
    out = r.json()
    assert out["statusCode"] == 201
    assert out["dataName"] == "user"
    user = out["user"]
    assert user["roleId"] == "user"
    assert user["email"] == body["email"]
    assert user["emailVerified"] is False
    assert user["_owner"] == user["id"]
    no_secrets(out)
    assert body["password"] not in r.text
    r = await login_with(client, body["email"], body["password"])
    assert r.status_code == 200, r.text
    assert r.json()["roleId"] == "user"


async def test_registration_cannot_choose_a_role(client: httpx.AsyncClient) -> None:
    body = register_body(roleId="superAdmin")
    r = await client.post(f"{BASE}/registeruser", json=body)
    assert_error(r, 400, field="roleId", message="errMsg_roleIdIsNotAllowed")
    # nothing was created
    r = await login_with(client, body["email"], body["password"])
    assert r.status_code == 401


async def test_registration_with_taken_email_is_409(
    client: httpx.AsyncClient, db: AsyncSession
) -> None:
    await make_user(db, email="someone@example.test")
    r = await client.post(f"{BASE}/registeruser", json=register_body(email="SomeOne@Example.Test"))
    assert_error(r, 409, field="email", message="errMsg_emailAlreadyRegistered")


async def test_registration_normalises_the_email(client: httpx.AsyncClient) -> None:
    r = await client.post(
        f"{BASE}/registeruser", json=register_body(email="  Mixed.Case@Example.TEST  ")
    )
    assert r.status_code == 201, r.text
    # trimmed, domain lower-cased (the canonical form of core.schemas.normalize_email)
    assert r.json()["user"]["email"] == "Mixed.Case@example.test"
    # any spelling of the address logs in and is taken
    r = await login_with(client, "MIXED.case@example.test", "a-long-enough-password")
    assert r.status_code == 200, r.text
    r = await client.post(
        f"{BASE}/registeruser", json=register_body(email="mixed.case@example.test")
    )
    assert_error(r, 409, field="email")


@pytest.mark.parametrize(
    ("override", "field", "status"),
    [
        ({"email": "nobody"}, "email", 400),
        ({"password": "1234567"}, "password", 400),
        ({"fullname": ""}, "fullname", 400),
        ({"avatar": "ftp://example.test/a.png"}, "avatar", 400),
        ({"isActive": False}, "isActive", 400),
        ({"emailVerified": True}, "emailVerified", 400),
        ({"fullname": "nul\x00byte"}, "fullname", 400),
        ({"email": "nul\x00byte@example.test"}, "email", 400),
    ],
)
async def test_registration_rejects_bad_input(
    client: httpx.AsyncClient, override: dict[str, Any], field: str, status: int
) -> None:
    r = await client.post(f"{BASE}/registeruser", json=register_body(**override))
    assert_error(r, status, field=field)


async def test_registration_gives_a_default_avatar_served_as_svg(
    client: httpx.AsyncClient,
) -> None:
    r = await client.post(f"{BASE}/registeruser", json=register_body())
    assert r.status_code == 201, r.text
    avatar = r.json()["user"]["avatar"]
    assert avatar.startswith("http://testserver/auth-api/v1/defaultavatars/")
    assert avatar.endswith(".svg")
    r = await client.get(avatar.removeprefix("http://testserver"))
    assert r.status_code == 200
    assert r.headers["content-type"].startswith("image/svg+xml")
    assert r.text.startswith("<svg")
    # the same seed draws the same picture
    again = await client.get(avatar.removeprefix("http://testserver"))
    assert again.text == r.text


async def test_registration_keeps_a_chosen_avatar(client: httpx.AsyncClient) -> None:
    r = await client.post(
        f"{BASE}/registeruser", json=register_body(avatar="https://cdn.example.test/me.jpg")
    )
    assert r.status_code == 201, r.text
    assert r.json()["user"]["avatar"] == "https://cdn.example.test/me.jpg"


async def test_default_avatar_rejects_bad_seeds(client: httpx.AsyncClient) -> None:
    r = await client.get(f"{BASE}/defaultavatars/NOT-HEX.svg")
    assert r.status_code == 400
    r = await client.get(f"{BASE}/defaultavatars/{'a' * 65}.svg")
    assert r.status_code == 400


async def test_logged_in_sessions_of_other_users_survive_a_delete(
    client: httpx.AsyncClient, db: AsyncSession
) -> None:
    admin = await make_logged_in(client, db, role="admin")
    bystander = await make_logged_in(client, db)
    victim = await make_logged_in(client, db)
    r = await client.delete(f"{BASE}/users/{victim.id}", headers=admin.headers)
    assert r.status_code == 200
    assert await is_logged_in(client, bystander.headers)
    assert await is_logged_in(client, admin.headers)


# --- races (real commits) ----------------------------------------------------------------------


async def test_super_admin_archiving_waits_for_another_one_leaving_at_the_same_time(
    committed_client: httpx.AsyncClient, committed_factory: async_sessionmaker[AsyncSession]
) -> None:
    async with committed_factory() as session:
        first = await make_user(session, role="superAdmin")
        second = await make_logged_in(committed_client, session, role="superAdmin")
    async with committed_factory() as leaving:
        # The first superAdmin is leaving in a transaction that has not committed yet.
        await leaving.execute(update(User).where(User.id == first.user.id).values(is_active=False))
        archive = asyncio.create_task(
            committed_client.delete(f"{BASE}/archiveprofile/{second.id}", headers=second.headers)
        )
        await asyncio.sleep(0.5)
        # Counting the first one as staying would let both go: the request must wait.
        assert not archive.done()
        await leaving.commit()
    r = await asyncio.wait_for(archive, 10)
    assert_error(r, 409, message="errMsg_lastSuperAdmin")
    async with committed_factory() as session:
        active = await session.scalar(
            select(func.count()).where(User.role_id == "superAdmin", User.is_active)
        )
    assert active == 1


async def test_concurrent_registrations_of_one_email_create_one_user(
    committed_client: httpx.AsyncClient, committed_factory: async_sessionmaker[AsyncSession]
) -> None:
    body = register_body()
    answers = await asyncio.gather(
        *(committed_client.post(f"{BASE}/registeruser", json=body) for _ in range(4))
    )
    statuses = sorted(r.status_code for r in answers)
    assert statuses == [201, 409, 409, 409], [r.text for r in answers]
    for r in answers:
        if r.status_code == 409:
            assert_error(r, 409, field="email", message="errMsg_emailAlreadyRegistered")
    async with committed_factory() as session:
        count = await session.scalar(
            select(func.count()).where(func.lower(User.email) == body["email"])
        )
    assert count == 1
