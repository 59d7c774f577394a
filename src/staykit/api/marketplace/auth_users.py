"""Users under /auth-api (spec §2): get, list, search, create and register, profile,
role and password changes, deletion and archiving, the brief and streamed views, and the
generated default avatars. Routes parse, call one domain function, and shape the answer."""

# No `from __future__ import annotations` (see resource.py).

import asyncio
import hashlib
import json
import uuid
from dataclasses import replace
from typing import Annotated, Any

from fastapi import APIRouter, Path, Query
from fastapi.responses import JSONResponse, Response, StreamingResponse
from pydantic import BaseModel

from staykit.api.marketplace.auth_schemas import (
    CreateUser,
    RegisterUser,
    UpdateProfile,
    UpdateUser,
    UpdateUserPassword,
    UpdateUserPasswordByAdmin,
    UpdateUserRole,
)
from staykit.api.marketplace.context import Context, limited
from staykit.api.marketplace.envelope import Field, respond, shape
from staykit.api.marketplace.filters import Kind
from staykit.api.marketplace.resource import (
    Resource,
    columns_filters,
    list_parameters,
    list_records,
    resource_record,
)
from staykit.api.marketplace.responses import DELETE, READ, WRITE, described, envelope
from staykit.api.marketplace.responses import Access as A
from staykit.api.ratelimit import RouteClass
from staykit.domain.auth import registration, users
from staykit.domain.auth.models import ROLES, User

router = APIRouter()

UserId = Annotated[uuid.UUID, Path(description="The user's id")]

USER_FIELDS = (
    Field("email", "email"),
    Field("fullname", "fullname"),
    Field("avatar", "avatar"),
    Field("roleId", "role_id"),
    Field("emailVerified", "email_verified"),
    Field("preferredLanguage", "preferred_language"),
    Field("bio", "bio"),
    Field("mobile", "mobile"),
    Field("mobileVerified", "mobile_verified"),
)

users_resource = Resource(
    name="user",
    plural="users",
    records=users.USERS,
    id_param="userId",
    fields=USER_FIELDS,
    filters=columns_filters(
        User,
        {
            "email": ("email", Kind.STRING),
            "fullname": ("fullname", Kind.STRING),
            # A role name, not free text: "admin" must not also match "superAdmin".
            "roleId": ("role_id", Kind.ENUM, ROLES),
        },
    ),
)


def _user(obj: User) -> dict[str, Any]:
    return shape(obj, USER_FIELDS)


class BriefUser(BaseModel):
    """What anyone may read about a user."""

    id: uuid.UUID
    fullname: str
    avatar: str | None
    isActive: bool


USER = envelope("user", resource_record(users_resource))
USERS = envelope("users", resource_record(users_resource), "page")
LIST_PARAMETERS = list_parameters(users_resource)
# One server-sent event of streamTest: `user` (data: the user record as JSON), then `end`.
USER_EVENT = {
    "type": "object",
    "properties": {
        "event": {"type": "string", "enum": ["user", "end"]},
        "id": {"type": "string"},
        "data": {"type": "string", "description": "JSON: the user record on `user`, {} on end"},
    },
    "required": ["event", "data"],
}


@router.get(
    "/v1/users/{userId}", tags=["users"], summary="getUser", **described(A.LOGIN, *READ, model=USER)
)
async def get_user(ctx: Context, userId: UserId) -> JSONResponse:
    user = await users.get_user(ctx.session, ctx.user(), userId)
    return respond(ctx, "user", _user(user), action="get")


@router.patch(
    "/v1/users/{userId}",
    tags=["users"],
    summary="updateUser",
    **described(A.LOGIN, *WRITE, model=USER),
)
async def update_user(ctx: Context, userId: UserId, body: UpdateUser) -> JSONResponse:
    user = await users.update_user(ctx.session, ctx.user(), userId, body.to_command())
    return respond(ctx, "user", _user(user))


@router.patch(
    "/v1/profile/{userId}",
    tags=["users"],
    summary="updateProfile",
    **described(A.LOGIN, *WRITE, model=USER),
)
async def update_profile(ctx: Context, userId: UserId, body: UpdateProfile) -> JSONResponse:
    user = await users.update_profile(ctx.session, ctx.user(), userId, body.to_command())
    return respond(ctx, "user", _user(user))


@router.post(
    "/v1/users",
    tags=["users"],
    summary="createUser",
    status_code=201,
    **described(A.LOGIN, 400, 409, 413, model=USER),
)
async def create_user(ctx: Context, body: CreateUser) -> JSONResponse:
    user = await registration.create_user(ctx.session, ctx.user(), body.to_command(), ctx.settings)
    return respond(ctx, "user", _user(user), action="create")


@router.delete(
    "/v1/users/{userId}",
    tags=["users"],
    summary="deleteUser",
    **described(A.LOGIN, *DELETE, model=USER),
)
async def delete_user(ctx: Context, userId: UserId) -> JSONResponse:
    user = await users.delete_user(ctx.session, ctx.user(), userId)
    return respond(ctx, "user", _user(user))


@router.delete(
    "/v1/archiveprofile/{userId}",
    tags=["users"],
    summary="archiveProfile",
    **described(A.LOGIN, *DELETE, model=USER),
)
async def archive_profile(ctx: Context, userId: UserId) -> JSONResponse:
    user = await users.archive_profile(ctx.session, ctx.user(), userId)
    return respond(ctx, "user", _user(user))


@router.get(
    "/v1/users",
    tags=["users"],
    summary="listUsers",
    **described(A.LOGIN, 400, model=USERS, parameters=LIST_PARAMETERS),
)
async def list_users(ctx: Context) -> JSONResponse:
    ctx.user()
    return await list_records(ctx, users_resource)


@router.get(
    "/v1/searchusers",
    tags=["users"],
    summary="searchUsers",
    **described(A.LOGIN, 400, model=USERS, parameters=LIST_PARAMETERS),
)
async def search_users(
    ctx: Context,
    keyword: Annotated[str, Query(min_length=1, max_length=200, pattern=r"^[^\x00]+$")],
) -> JSONResponse:
    ctx.user()
    base = users.search_statement(keyword)
    return await list_records(ctx, users_resource, base=base)


@router.patch(
    "/v1/userrole/{userId}",
    tags=["users"],
    summary="updateUserRole",
    **described(A.LOGIN, *WRITE, model=USER),
)
async def update_user_role(ctx: Context, userId: UserId, body: UpdateUserRole) -> JSONResponse:
    command = replace(body.to_command(), ip_address=ctx.ip)
    user = await users.update_user_role(ctx.session, ctx.user(), userId, command)
    return respond(ctx, "user", _user(user))


@router.patch(
    "/v1/userpassword/{userId}",
    tags=["users"],
    summary="updateUserPassword",
    **described(A.LOGIN, *WRITE, model=USER),
)
async def update_user_password(
    ctx: Context, userId: UserId, body: UpdateUserPassword
) -> JSONResponse:
    user = await users.update_user_password(
        ctx.session, ctx.user(), userId, body.to_command(), ctx.settings
    )
    return respond(ctx, "user", _user(user))


@router.patch(
    "/v1/userpasswordbyadmin/{userId}",
    tags=["users"],
    summary="updateUserPasswordByAdmin",
    **described(A.LOGIN, *WRITE, model=USER),
)
async def update_user_password_by_admin(
    ctx: Context, userId: UserId, body: UpdateUserPasswordByAdmin
) -> JSONResponse:
    user = await users.update_user_password_by_admin(
        ctx.session, ctx.user(), userId, body.to_command(), ctx.settings
    )
    return respond(ctx, "user", _user(user))


@router.get(
    "/v1/briefuser/{userId}",
    tags=["users"],
    summary="getBriefUser",
    **described(A.PUBLIC, *READ, model=envelope("user", BriefUser)),
)
async def get_brief_user(ctx: Context, userId: UserId) -> JSONResponse:
    user = await users.get_brief_user(ctx.session, userId)
    brief = {
        "id": str(user.id),
        "fullname": user.fullname,
        "avatar": user.avatar,
        "isActive": user.is_active,
    }
    return respond(ctx, "user", brief, action="get")


@router.get(
    "/v1/streamtest/{userId}",
    tags=["users"],
    summary="streamTest",
    response_class=StreamingResponse,
    **described(A.LOGIN, *READ, content={200: {"text/event-stream": {"schema": USER_EVENT}}}),
    response_description="A `user` event with the user record, then `end`.",
)
async def stream_test(ctx: Context, userId: UserId) -> StreamingResponse:
    """The user record as a server-sent-events stream: one `user` event, then `end`."""
    user = await users.get_user(ctx.session, ctx.user(), userId)
    payload = json.dumps(_user(user))

    async def events() -> Any:
        yield f"event: user\nid: {user.id}\ndata: {payload}\n\n"
        await asyncio.sleep(0)
        yield "event: end\ndata: {}\n\n"

    return StreamingResponse(
        events(),
        media_type="text/event-stream",
        headers={"Cache-Control": "no-store", "X-Request-Id": ctx.request_id},
    )


@router.post(
    "/v1/registeruser",
    tags=["users"],
    summary="registerUser",
    status_code=201,
    dependencies=[limited(RouteClass.REGISTRATION)],
    **described(A.PUBLIC, 400, 409, 413, 429, model=USER),
)
async def register_user(ctx: Context, body: RegisterUser) -> JSONResponse:
    user = await registration.register_user(ctx.session, body.to_command(), ctx.settings)
    return respond(ctx, "user", _user(user), action="create")


@router.get("/v1/defaultavatars/{seed}.svg", include_in_schema=False)
async def default_avatar(
    seed: Annotated[str, Path(max_length=64, pattern=r"^[0-9a-f]+$")],
) -> Response:
    """A generated avatar for users who did not choose one (no third-party service needed)."""
    digest = hashlib.sha256(seed.encode()).digest()
    hue = digest[0] * 360 // 256
    cells = "".join(
        f'<rect x="{x * 20 + 10}" y="{y * 20 + 10}" width="20" height="20"/>'
        for y in range(5)
        for x in range(3)
        if digest[1 + y * 3 + x] & 1
    )
    mirrored = "".join(
        f'<rect x="{(4 - x) * 20 + 10}" y="{y * 20 + 10}" width="20" height="20"/>'
        for y in range(5)
        for x in range(2)
        if digest[1 + y * 3 + x] & 1
    )
    svg = (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 120 120">'
        f'<rect width="120" height="120" fill="hsl({hue},45%,92%)"/>'
        f'<g fill="hsl({hue},55%,45%)">{cells}{mirrored}</g></svg>'
    )
    return Response(
        svg, media_type="image/svg+xml", headers={"Cache-Control": "public, max-age=86400"}
    )
