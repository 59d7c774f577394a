"""The marketplace API conventions (spec §1.4-§1.9), proved once over real auth-service routes.

The success envelope, paging, the common query parameters, record fields, soft deletes,
the error body, request-size limits and the default routes every service has. Token
locations are tested with the session routes.
"""

from __future__ import annotations

import json
import re
import uuid
from collections.abc import AsyncIterator
from datetime import datetime
from typing import Any

import httpx
import pytest
from sqlalchemy import insert, select
from sqlalchemy.ext.asyncio import AsyncSession

from staykit import __version__
from staykit.core.config import Settings
from staykit.domain.auth.models import UserGroup
from tests.factories import Person, make_logged_in, make_user

GROUPS = "/auth-api/v1/usergroups"
USERS = "/auth-api/v1/users"
MEMBERS = "/auth-api/v1/usergroupmembers"
HEX32 = re.compile(r"^[0-9a-f]{32}$")

ENVELOPE_KEYS = {
    "status",
    "statusCode",
    "elapsedMs",
    "ssoTime",
    "source",
    "cacheKey",
    "userId",
    "sessionId",
    "requestId",
    "dataName",
    "method",
    "action",
    "appVersion",
    "rowCount",
}
LIST_KEYS = {"paging", "filters", "uiPermissions"}
RECORD_KEYS = {"id", "isActive", "recordVersion", "createdAt", "updatedAt", "_owner"}


# --- helpers -----------------------------------------------------------------------------------


def check_envelope(
    r: httpx.Response,
    *,
    status: int,
    data_name: str,
    action: str,
    method: str,
    caller: Person | None,
    is_list: bool = False,
) -> dict[str, Any]:
    assert r.status_code == status, r.text
    body = r.json()
    assert ENVELOPE_KEYS <= body.keys()
    assert body["status"] == "OK"
    assert type(body["statusCode"]) is int and body["statusCode"] == status
    assert type(body["elapsedMs"]) is int and body["elapsedMs"] >= 0
    assert type(body["ssoTime"]) is int and body["ssoTime"] >= 0
    assert body["source"] == "db"
    assert body["cacheKey"] is None or isinstance(body["cacheKey"], str)
    if caller is None:
        assert body["userId"] is None
        assert body["sessionId"] is None
    else:
        assert body["userId"] == caller.id
        uuid.UUID(body["sessionId"])
    assert isinstance(body["requestId"], str) and body["requestId"]
    assert r.headers["x-request-id"] == body["requestId"]
    assert body["dataName"] == data_name
    assert data_name in body
    assert body["method"] == method
    assert body["action"] == action
    assert body["appVersion"] == __version__
    data = body[data_name]
    assert type(body["rowCount"]) is int
    if is_list:
        assert isinstance(data, list)
        assert body["rowCount"] == len(data)
        assert LIST_KEYS <= body.keys()
        paging = body["paging"]
        assert set(paging) == {"pageNumber", "pageRowCount", "totalRowCount", "pageCount"}
        assert all(type(v) is int for v in paging.values())
        assert body["filters"] == []
        assert body["uiPermissions"] == []
    else:
        assert isinstance(data, dict)
        assert body["rowCount"] == 1
        assert not LIST_KEYS & body.keys()
    return body


def check_record(record: dict[str, Any]) -> None:
    assert RECORD_KEYS <= record.keys(), record
    uuid.UUID(record["id"])
    assert type(record["isActive"]) is bool
    assert type(record["recordVersion"]) is int and record["recordVersion"] >= 1
    created = datetime.fromisoformat(record["createdAt"])
    updated = datetime.fromisoformat(record["updatedAt"])
    assert created.tzinfo is not None and updated.tzinfo is not None
    assert updated >= created
    if record["_owner"] is not None:
        uuid.UUID(record["_owner"])


def check_error(
    r: httpx.Response, status: int, *, field: str | None = None, message: str | None = None
) -> dict[str, Any]:
    assert r.status_code == status, r.text
    assert r.headers["content-type"].startswith("application/json")
    body = r.json()
    assert {"result", "status", "message", "errCode", "date", "detail"} <= body.keys()
    assert body["result"] == "ERR"
    assert body["status"] == status
    assert body["errCode"] == status
    assert body["message"].startswith("errMsg_") and len(body["message"]) > len("errMsg_")
    assert isinstance(body["detail"], str) and body["detail"]
    datetime.fromisoformat(body["date"].replace("Z", "+00:00"))
    if field is not None:
        assert body.get("field") == field, body
    if message is not None:
        assert body["message"] == message, body
    return body


@pytest.fixture
async def member(client: httpx.AsyncClient, db: AsyncSession) -> Person:
    return await make_logged_in(client, db, role="user")


async def new_group(client: httpx.AsyncClient, admin: Person, name: str = "Hosts") -> str:
    r = await client.post(GROUPS, json={"groupName": name}, headers=admin.headers)
    assert r.status_code == 201, r.text
    return r.json()["userGroup"]["id"]


async def bulk_groups(db: AsyncSession, prefix: str, n: int) -> None:
    await db.execute(insert(UserGroup), [{"group_name": f"{prefix}-{i:04d}"} for i in range(n)])
    await db.commit()


# --- the success envelope (§1.6) ---------------------------------------------------------------


async def test_list_envelope_has_every_field_for_a_logged_in_admin(
    client: httpx.AsyncClient, admin: Person
) -> None:
    r = await client.get(USERS, params={"requestId": "trace-42"}, headers=admin.headers)
    body = check_envelope(
        r, status=200, data_name="users", action="list", method="GET", caller=admin, is_list=True
    )
    assert body["requestId"] == "trace-42"
    assert admin.id in {u["id"] for u in body["users"]}
    assert body["paging"] == {
        "pageNumber": 1,
        "pageRowCount": 25,
        "totalRowCount": body["rowCount"],
        "pageCount": 1,
    }


async def test_anonymous_list_has_null_caller_and_a_random_request_id(
    client: httpx.AsyncClient, admin: Person
) -> None:
    await new_group(client, admin)
    first = await client.get(GROUPS)
    body = check_envelope(
        first,
        status=200,
        data_name="userGroups",
        action="list",
        method="GET",
        caller=None,
        is_list=True,
    )
    assert HEX32.match(body["requestId"])
    second = await client.get(GROUPS)
    assert second.json()["requestId"] != body["requestId"]


async def test_create_answers_201_with_the_bare_record(
    client: httpx.AsyncClient, admin: Person
) -> None:
    r = await client.post(
        GROUPS, json={"groupName": "Superhosts"}, headers=admin.headers, params={"requestId": "c1"}
    )
    body = check_envelope(
        r, status=201, data_name="userGroup", action="create", method="POST", caller=admin
    )
    assert body["requestId"] == "c1"
    group = body["userGroup"]
    check_record(group)
    assert group["groupName"] == "Superhosts"
    assert group["isActive"] is True
    assert group["recordVersion"] == 1
    assert group["_owner"] == admin.id


async def test_get_update_and_delete_envelopes_and_record_version(
    client: httpx.AsyncClient, admin: Person
) -> None:
    group_id = await new_group(client, admin)
    got = check_envelope(
        await client.get(f"{GROUPS}/{group_id}"),
        status=200,
        data_name="userGroup",
        action="get",
        method="GET",
        caller=None,
    )["userGroup"]
    check_record(got)

    updated = check_envelope(
        await client.patch(
            f"{GROUPS}/{group_id}", json={"groupName": "Renamed"}, headers=admin.headers
        ),
        status=200,
        data_name="userGroup",
        action="update",
        method="PATCH",
        caller=admin,
    )["userGroup"]
    check_record(updated)
    assert updated["groupName"] == "Renamed"
    assert updated["recordVersion"] > got["recordVersion"]
    assert updated["updatedAt"] > got["updatedAt"]
    assert updated["createdAt"] == got["createdAt"]

    again = (
        await client.patch(f"{GROUPS}/{group_id}", json={"avatar": "/a.png"}, headers=admin.headers)
    ).json()["userGroup"]
    assert again["recordVersion"] > updated["recordVersion"]

    deleted = check_envelope(
        await client.delete(f"{GROUPS}/{group_id}", headers=admin.headers),
        status=200,
        data_name="userGroup",
        action="delete",
        method="DELETE",
        caller=admin,
    )["userGroup"]
    check_record(deleted)
    assert deleted["isActive"] is False  # delete returns the last state
    assert deleted["groupName"] == "Renamed"
    assert deleted["recordVersion"] > again["recordVersion"]


@pytest.mark.parametrize("given", ["bad\x01id", "€uro", "naïve", " padded", "tab\tbed", ""])
async def test_request_id_that_cannot_be_echoed_is_replaced(
    client: httpx.AsyncClient, given: str
) -> None:
    r = await client.get(GROUPS, params={"requestId": given})
    assert r.status_code == 200
    assert HEX32.match(r.json()["requestId"])
    assert r.headers["x-request-id"] == r.json()["requestId"]


async def test_long_request_id_is_cut_to_64_characters(client: httpx.AsyncClient) -> None:
    r = await client.get(GROUPS, params={"requestId": "r" * 100})
    assert r.json()["requestId"] == "r" * 64


# --- paging (§1.4) -----------------------------------------------------------------------------


async def test_pages_slice_the_list_and_count_pages(
    client: httpx.AsyncClient, db: AsyncSession
) -> None:
    await bulk_groups(db, "paged", 7)
    seen: list[str] = []
    for page, size in ((1, 3), (2, 3), (3, 1)):
        r = await client.get(
            GROUPS, params={"groupName": "paged-", "pageNumber": page, "pageRowCount": 3}
        )
        body = r.json()
        assert r.status_code == 200
        assert body["rowCount"] == size
        assert body["paging"] == {
            "pageNumber": page,
            "pageRowCount": 3,
            "totalRowCount": 7,
            "pageCount": 3,
        }
        seen += [g["groupName"] for g in body["userGroups"]]
    assert sorted(seen) == [f"paged-{i:04d}" for i in range(7)]
    assert seen == sorted(seen, reverse=True)  # newest first, so pages never overlap


async def test_page_past_the_end_is_empty_but_counts_every_row(
    client: httpx.AsyncClient, db: AsyncSession
) -> None:
    await bulk_groups(db, "tail", 4)
    r = await client.get(GROUPS, params={"groupName": "tail-", "pageNumber": 9, "pageRowCount": 2})
    body = r.json()
    assert r.status_code == 200
    assert body["userGroups"] == []
    assert body["rowCount"] == 0
    assert body["paging"]["totalRowCount"] == 4
    assert body["paging"]["pageCount"] == 2


async def test_empty_list_has_one_page_of_nothing(client: httpx.AsyncClient) -> None:
    body = (await client.get(GROUPS, params={"groupName": "no-such-group"})).json()
    assert body["userGroups"] == []
    assert body["paging"]["totalRowCount"] == 0
    assert body["paging"]["pageCount"] == 1


async def test_page_number_zero_returns_every_row(
    client: httpx.AsyncClient, db: AsyncSession
) -> None:
    await bulk_groups(db, "all", 30)
    body = (await client.get(GROUPS, params={"groupName": "all-", "pageNumber": 0})).json()
    assert body["rowCount"] == 30
    assert body["paging"]["pageNumber"] == 0
    assert body["paging"]["totalRowCount"] == 30
    assert body["paging"]["pageCount"] == 1


async def test_page_number_zero_is_capped_at_max_page_rows(
    client: httpx.AsyncClient, db: AsyncSession, settings: Settings
) -> None:
    cap = settings.max_page_rows
    await bulk_groups(db, "cap", cap + 3)
    body = (await client.get(GROUPS, params={"groupName": "cap-", "pageNumber": 0})).json()
    assert body["rowCount"] == cap
    assert body["paging"]["totalRowCount"] == cap + 3
    assert body["paging"]["pageRowCount"] == cap
    ok = await client.get(GROUPS, params={"groupName": "cap-", "pageRowCount": cap})
    assert ok.json()["rowCount"] == cap
    assert ok.json()["paging"]["pageCount"] == 2


@pytest.mark.parametrize(
    ("param", "value"),
    [
        ("pageNumber", "-1"),
        ("pageNumber", "abc"),
        ("pageNumber", "1.5"),
        ("pageNumber", "99999999999999999999999"),
        ("pageRowCount", "-5"),
        ("pageRowCount", "0"),
        ("pageRowCount", "ten"),
        ("pageRowCount", "OVER_CAP"),
        ("cacheTTL", "soon"),
    ],
)
async def test_bad_paging_parameter_is_400_naming_it(
    client: httpx.AsyncClient, settings: Settings, param: str, value: str
) -> None:
    if value == "OVER_CAP":
        value = str(settings.max_page_rows + 1)
    r = await client.get(GROUPS, params={param: value})
    check_error(r, 400, field=param)


@pytest.mark.parametrize("param", ["getJoins", "excludeCQRS", "caching"])
@pytest.mark.parametrize("value", ["maybe", "2", "yes"])
async def test_bad_boolean_parameter_is_400_naming_it(
    client: httpx.AsyncClient, admin: Person, param: str, value: str
) -> None:
    check_error(await client.get(GROUPS, params={param: value}), 400, field=param)
    group_id = await new_group(client, admin)
    check_error(await client.get(f"{GROUPS}/{group_id}", params={param: value}), 400, field=param)


# --- joins -------------------------------------------------------------------------------------


async def test_get_joins_false_drops_the_user_join(
    client: httpx.AsyncClient, db: AsyncSession, admin: Person
) -> None:
    group_id = await new_group(client, admin)
    guest = await make_user(db, fullname="Grace Guest")
    r = await client.post(
        MEMBERS, json={"groupId": group_id, "userId": guest.id}, headers=admin.headers
    )
    assert r.status_code == 201, r.text
    created = r.json()["userGroupMember"]
    assert "user" not in created  # creates return the bare record
    member_id = created["id"]
    listing = f"/auth-api/v1/listusergroupmembers/{group_id}"

    joined = (await client.get(listing)).json()["userGroupMembers"]
    assert [m["user"][0]["fullname"] for m in joined] == ["Grace Guest"]
    for value in ("false", "False", "0"):
        bare = (await client.get(listing, params={"getJoins": value})).json()
        assert bare["rowCount"] == 1
        assert "user" not in bare["userGroupMembers"][0]
        check_record(bare["userGroupMembers"][0])

    assert "user" in (await client.get(f"{MEMBERS}/{member_id}")).json()["userGroupMember"]
    one = (await client.get(f"{MEMBERS}/{member_id}", params={"getJoins": "false"})).json()
    assert "user" not in one["userGroupMember"]


async def test_exclude_cqrs_and_caching_accept_booleans(
    client: httpx.AsyncClient, admin: Person
) -> None:
    await new_group(client, admin)
    r = await client.get(GROUPS, params={"excludeCQRS": "true", "caching": "false"})
    assert r.status_code == 200
    assert r.json()["rowCount"] == 1


# --- record fields and soft deletes (§1.8) -----------------------------------------------------


async def test_every_listed_record_has_the_record_fields(
    client: httpx.AsyncClient, db: AsyncSession, admin: Person
) -> None:
    await make_user(db)
    group_id = await new_group(client, admin)
    await client.post(
        MEMBERS, json={"groupId": group_id, "userId": admin.id}, headers=admin.headers
    )
    for url, key in (
        (USERS, "users"),
        (GROUPS, "userGroups"),
        (f"/auth-api/v1/listusergroupmembers/{group_id}", "userGroupMembers"),
    ):
        body = (await client.get(url, headers=admin.headers)).json()
        assert body[key], url
        for record in body[key]:
            check_record(record)


async def test_delete_is_soft_and_only_admins_can_list_inactive_rows(
    client: httpx.AsyncClient, db: AsyncSession, admin: Person, member: Person
) -> None:
    kept = await new_group(client, admin, "kept")
    gone = await new_group(client, admin, "gone")
    r = await client.delete(f"{GROUPS}/{gone}", headers=admin.headers)
    assert r.status_code == 200

    row = (
        await db.execute(
            select(UserGroup.is_active, UserGroup.group_name).where(UserGroup.id == uuid.UUID(gone))
        )
    ).one()
    assert row == (False, "gone")

    check_error(await client.get(f"{GROUPS}/{gone}"), 404, field="userGroupId")
    check_error(await client.delete(f"{GROUPS}/{gone}", headers=admin.headers), 404)

    def ids(r: httpx.Response) -> set[str]:
        assert r.status_code == 200, r.text
        return {g["id"] for g in r.json()["userGroups"]}

    assert ids(await client.get(GROUPS)) == {kept}
    assert ids(await client.get(GROUPS, params={"isActive": "false"}, headers=admin.headers)) == {
        gone
    }
    assert ids(await client.get(GROUPS, params={"isActive": "true"}, headers=admin.headers)) == {
        kept
    }
    # a non-admin (or nobody) asking for inactive rows still sees only active ones
    assert ids(await client.get(GROUPS, params={"isActive": "false"}, headers=member.headers)) == {
        kept
    }
    assert ids(await client.get(GROUPS, params={"isActive": "false"})) == {kept}
    check_error(
        await client.get(GROUPS, params={"isActive": "nope"}, headers=admin.headers),
        400,
        field="isActive",
    )


# --- the error body (§1.7) ---------------------------------------------------------------------


async def test_missing_required_field_is_400_naming_it(
    client: httpx.AsyncClient, admin: Person
) -> None:
    r = await client.post(GROUPS, json={}, headers=admin.headers)
    check_error(r, 400, field="groupName", message="errMsg_groupNameIsRequired")


async def test_unknown_field_is_400_naming_it(client: httpx.AsyncClient, admin: Person) -> None:
    r = await client.post(GROUPS, json={"groupName": "x", "colour": "red"}, headers=admin.headers)
    check_error(r, 400, field="colour")


async def test_wrong_type_is_400_naming_the_field(client: httpx.AsyncClient, admin: Person) -> None:
    r = await client.post(GROUPS, json={"groupName": ["x"]}, headers=admin.headers)
    check_error(r, 400, field="groupName")


async def test_oversized_field_is_400_naming_it(client: httpx.AsyncClient, admin: Person) -> None:
    r = await client.post(GROUPS, json={"groupName": "x" * 201}, headers=admin.headers)
    check_error(r, 400, field="groupName")


async def test_malformed_path_id_is_400_naming_the_parameter(client: httpx.AsyncClient) -> None:
    check_error(await client.get(f"{GROUPS}/not-a-uuid"), 400, field="userGroupId")


async def test_bad_filter_value_is_400_naming_the_filter(
    client: httpx.AsyncClient, admin: Person
) -> None:
    check_error(await client.get(GROUPS, params={"groupName": "g" * 501}), 400, field="groupName")
    group_id = await new_group(client, admin)
    r = await client.get(f"/auth-api/v1/listusergroupmembers/{group_id}", params={"userId": "nope"})
    check_error(r, 400, field="userId")


async def test_missing_token_is_401(client: httpx.AsyncClient) -> None:
    check_error(await client.post(GROUPS, json={"groupName": "x"}), 401)
    check_error(await client.get(USERS), 401)


async def test_invalid_token_is_401(client: httpx.AsyncClient) -> None:
    r = await client.get(USERS, headers={"Authorization": "Bearer not.a.jwt"})
    check_error(r, 401)


async def test_plain_user_is_403_on_admin_routes(client: httpx.AsyncClient, member: Person) -> None:
    check_error(await client.post(GROUPS, json={"groupName": "x"}, headers=member.headers), 403)
    check_error(await client.get(USERS, headers=member.headers), 403)


async def test_unknown_id_is_404_naming_the_parameter(client: httpx.AsyncClient) -> None:
    r = await client.get(f"{GROUPS}/{uuid.uuid4()}")
    check_error(r, 404, field="userGroupId")


async def test_duplicate_is_409_naming_the_field(client: httpx.AsyncClient, admin: Person) -> None:
    group_id = await new_group(client, admin)
    body = {"groupId": group_id, "userId": admin.id}
    assert (await client.post(MEMBERS, json=body, headers=admin.headers)).status_code == 201
    check_error(await client.post(MEMBERS, json=body, headers=admin.headers), 409, field="userId")


async def test_reference_to_unknown_row_is_404_naming_the_field(
    client: httpx.AsyncClient, admin: Person
) -> None:
    body = {"groupId": str(uuid.uuid4()), "userId": admin.id}
    check_error(await client.post(MEMBERS, json=body, headers=admin.headers), 404, field="groupId")


@pytest.mark.parametrize(
    "raw",
    [
        b"{",
        b'{"groupName": }',
        b"groupName=x",
        b"\xff\xfe",
        b'{"groupName": "x"} trailing',
        b"[" * 5000,  # nested past the parser's recursion limit
    ],
)
async def test_malformed_json_is_400(client: httpx.AsyncClient, admin: Person, raw: bytes) -> None:
    r = await client.post(
        GROUPS, content=raw, headers={**admin.headers, "Content-Type": "application/json"}
    )
    check_error(r, 400, field="body")


@pytest.mark.parametrize("payload", [[{"groupName": "x"}], "x", 5, None])
async def test_json_that_is_not_an_object_is_400(
    client: httpx.AsyncClient, admin: Person, payload: object
) -> None:
    r = await client.post(
        GROUPS,
        content=json.dumps(payload),
        headers={**admin.headers, "Content-Type": "application/json"},
    )
    check_error(r, 400, field="body")


async def test_value_the_database_driver_refuses_is_400_not_500() -> None:
    """psycopg refuses some values itself (NUL in text) with a DataError and no sqlstate."""
    import psycopg
    from fastapi import FastAPI
    from sqlalchemy.exc import DataError

    from staykit.api.marketplace import errors

    probe = FastAPI()
    errors.install(probe)

    @probe.get("/refused")
    async def refused() -> None:
        raise DataError("INSERT ...", {}, psycopg.DataError("NUL characters are not allowed"))

    transport = httpx.ASGITransport(app=probe)
    async with httpx.AsyncClient(transport=transport, base_url="http://t") as c:
        check_error(await c.get("/refused"), 400, message="errMsg_invalidValue")


async def test_missing_body_is_400(client: httpx.AsyncClient, admin: Person) -> None:
    check_error(await client.post(GROUPS, headers=admin.headers), 400, field="body")


# --- request size limits -----------------------------------------------------------------------


def oversized(settings: Settings) -> bytes:
    return json.dumps({"groupName": "x", "avatar": "/" + "a" * settings.max_body_bytes}).encode()


async def test_oversized_body_with_content_length_is_413(
    client: httpx.AsyncClient, admin: Person, settings: Settings
) -> None:
    r = await client.post(
        GROUPS,
        content=oversized(settings),
        headers={**admin.headers, "Content-Type": "application/json"},
    )
    check_error(r, 413, field="body")


async def test_oversized_streamed_body_without_content_length_is_413(
    client: httpx.AsyncClient, admin: Person, settings: Settings
) -> None:
    payload = oversized(settings)

    async def chunks() -> AsyncIterator[bytes]:
        for i in range(0, len(payload), 65_536):
            yield payload[i : i + 65_536]

    for url in (GROUPS, "/auth-api/login"):
        request = client.build_request(
            "POST",
            url,
            content=chunks(),
            headers={**admin.headers, "Content-Type": "application/json"},
        )
        assert "content-length" not in request.headers
        check_error(await client.send(request), 413, field="body")


async def test_streamed_body_under_the_limit_is_accepted(
    client: httpx.AsyncClient, admin: Person
) -> None:
    payload = json.dumps({"groupName": "streamed"}).encode()

    async def chunks() -> AsyncIterator[bytes]:
        yield payload[:5]
        yield payload[5:]

    request = client.build_request(
        "POST",
        GROUPS,
        content=chunks(),
        headers={**admin.headers, "Content-Type": "application/json"},
    )
    r = await client.send(request)
    assert r.status_code == 201, r.text


# --- routing errors ----------------------------------------------------------------------------


@pytest.mark.parametrize("path", ["/auth-api/v1/nothing-here", "/auth-api/v2/users", "/nowhere"])
async def test_unknown_route_is_404_error_body(client: httpx.AsyncClient, path: str) -> None:
    check_error(await client.get(path), 404, message="errMsg_routeNotFound")


@pytest.mark.parametrize(
    ("method", "path"),
    [("PUT", GROUPS), ("DELETE", USERS), ("POST", "/auth-api/health"), ("PATCH", GROUPS)],
)
async def test_wrong_method_is_405_error_body(
    client: httpx.AsyncClient, method: str, path: str
) -> None:
    r = await client.request(method, path)
    check_error(r, 405, message="errMsg_methodNotAllowed")
    assert "allow" in r.headers


# --- default routes (§1.9) ---------------------------------------------------------------------


async def test_health_routes(client: httpx.AsyncClient) -> None:
    r = await client.get("/auth-api/health")
    assert r.status_code == 200
    assert r.json()["status"] == "OK"
    r = await client.get("/auth-api/admin/health")
    assert r.status_code == 200
    assert r.json()["status"] == "OK"
    assert r.json()["checks"] == {"database": "OK"}


async def test_swagger_page_points_at_the_openapi_document(client: httpx.AsyncClient) -> None:
    r = await client.get("/auth-api/swagger")
    assert r.status_code == 200
    assert r.headers["content-type"].startswith("text/html")
    assert "swagger-ui" in r.text
    assert "/auth-api/openapi.json" in r.text


async def test_openapi_document_describes_the_service(client: httpx.AsyncClient) -> None:
    r = await client.get("/auth-api/openapi.json")
    assert r.status_code == 200
    doc = r.json()
    assert doc["openapi"].startswith("3.")
    assert doc["servers"] == [{"url": "/auth-api"}]
    assert "/v1/users" in doc["paths"]
    assert "/v1/usergroups/{userGroupId}" in doc["paths"]
    ops = {op.get("summary") for item in doc["paths"].values() for op in item.values()}
    assert {"listUsers", "createUserGroup", "listUserGroupMembers", "login"} <= ops


async def test_postman_collection_covers_every_openapi_operation(
    client: httpx.AsyncClient,
) -> None:
    doc = (await client.get("/auth-api/openapi.json")).json()
    r = await client.get("/auth-api/getPostmanCollection")
    assert r.status_code == 200
    assert "attachment" in r.headers["content-disposition"]
    collection = r.json()
    assert collection["info"]["schema"] == (
        "https://schema.getpostman.com/json/collection/v2.1.0/collection.json"
    )
    assert collection["info"]["name"]
    assert {v["key"] for v in collection["variable"]} >= {"baseUrl"}

    def walk(items: list[dict[str, Any]]) -> list[dict[str, Any]]:
        out = []
        for item in items:
            assert isinstance(item.get("name"), str) and item["name"]
            if "item" in item:
                out += walk(item["item"])
            else:
                out.append(item["request"])
        return out

    requests = walk(collection["item"])
    covered = set()
    for request in requests:
        url = request["url"]
        assert url["raw"] == "{{baseUrl}}/" + "/".join(url["path"])
        assert url["host"] == ["{{baseUrl}}"]
        for header in request["header"]:
            assert set(header) >= {"key", "value"}
        if "body" in request:
            assert request["body"]["mode"] == "raw"
            assert isinstance(json.loads(request["body"]["raw"]), dict)
        covered.add((request["method"], "/" + "/".join(url["path"])))

    expected = {
        (method.upper(), re.sub(r"\{(\w+)\}", r":\1", "/auth-api" + path))
        for path, item in doc["paths"].items()
        for method in item
        if method in ("get", "post", "put", "patch", "delete")
    }
    assert expected
    assert expected <= covered


async def test_favicon(client: httpx.AsyncClient) -> None:
    r = await client.get("/auth-api/favicon.ico")
    assert r.status_code == 200
    assert r.headers["content-type"].startswith("image/")
    assert r.content


async def test_index_page_lists_the_routes(client: httpx.AsyncClient) -> None:
    r = await client.get("/auth-api/")
    assert r.status_code == 200
    assert r.headers["content-type"].startswith("text/html")
    assert "/auth-api/swagger" in r.text
    assert "/auth-api/getPostmanCollection" in r.text
    assert "/auth-api/v1/users" in r.text
