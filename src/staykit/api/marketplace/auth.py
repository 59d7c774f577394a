"""The auth service under /auth-api (spec §2): users, groups, avatar files, permissions,
login sessions and keys. Routes parse, call one domain function, and shape the answer."""

# No `from __future__ import annotations` (see resource.py).

import asyncio
import hashlib
import json
import uuid
from typing import Annotated, Any

from fastapi import APIRouter, File, Form, Path, Query, Request, UploadFile
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, Response, StreamingResponse
from pydantic import ValidationError
from sqlalchemy import select

from staykit.api.marketplace.context import Context, Ctx
from staykit.api.marketplace.envelope import Field, respond, shape
from staykit.api.marketplace.filters import Kind
from staykit.api.marketplace.resource import Resource, columns_filters, list_records, mount
from staykit.core.crud import UniqueRule
from staykit.core.errors import Conflict, InvalidInput, NotFound
from staykit.core.schemas import parse_json_object
from staykit.domain.access.principal import Principal
from staykit.domain.auth import avatars, policy, registration, sessions, users
from staykit.domain.auth.keys import keyring
from staykit.domain.auth.models import (
    ROLES,
    GivenPermission,
    User,
    UserAvatarsFile,
    UserGroup,
    UserGroupMember,
)
from staykit.domain.auth.schemas import (
    CreateGivenPermission,
    CreateUser,
    CreateUserGroup,
    CreateUserGroupMember,
    Login,
    RegisterUser,
    UpdateGivenPermission,
    UpdateProfile,
    UpdateUser,
    UpdateUserGroup,
    UpdateUserPassword,
    UpdateUserPasswordByAdmin,
    UpdateUserRole,
)

router = APIRouter()
UserId = Annotated[uuid.UUID, Path(description="The user's id")]

# --- resources ----------------------------------------------------------------------------

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
    model=User,
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
    can_list=lambda actor: policy.require_admin(actor),
)


def _user(obj: User) -> dict[str, Any]:
    return shape(obj, USER_FIELDS)


groups_resource = Resource(
    name="userGroup",
    plural="userGroups",
    model=UserGroup,
    id_param="userGroupId",
    fields=(Field("groupName", "group_name"), Field("avatar", "avatar")),
    filters=columns_filters(
        UserGroup, {"groupName": ("group_name", Kind.STRING), "avatar": ("avatar", Kind.STRING)}
    ),
    create_schema=CreateUserGroup,
    update_schema=UpdateUserGroup,
    can_create=lambda actor: policy.require_admin(actor),
    can_update=lambda actor, _obj: policy.require_admin(actor),
    can_delete=lambda actor, _obj: policy.require_admin(actor),
)


async def _member_refs(ctx: Ctx, obj: UserGroupMember, values: dict[str, Any]) -> None:
    group = await ctx.session.get(UserGroup, obj.group_id)
    if group is None or not group.is_active:
        raise NotFound(
            f"No userGroup with id {obj.group_id}.", code="userGroupNotFound", field="groupId"
        )
    user = await ctx.session.get(User, obj.user_id)
    if user is None or not user.is_active:
        raise NotFound(f"No user with id {obj.user_id}.", code="userNotFound", field="userId")
    taken = await ctx.session.scalar(
        select(UserGroupMember.id).where(
            UserGroupMember.group_id == obj.group_id,
            UserGroupMember.user_id == obj.user_id,
            UserGroupMember.is_active,
        )
    )
    if taken is not None:
        raise Conflict(
            "This user is already a member of the group.", code="alreadyAMember", field="userId"
        )


async def _member_joins(
    ctx: Ctx, rows: list[UserGroupMember], shaped: list[dict[str, Any]]
) -> None:
    ids = {r.user_id for r in rows}
    found = {
        u.id: u for u in (await ctx.session.scalars(select(User).where(User.id.in_(ids)))).all()
    }
    for row, out in zip(rows, shaped, strict=True):
        u = found.get(row.user_id)
        if u is None:
            out["user"] = []
            continue
        # Emails of members are personal data: admins and the member themself see them.
        sees_email = ctx.actor is not None and (ctx.actor.is_admin or ctx.actor.user_id == u.id)
        out["user"] = [
            {"email": u.email if sees_email else None, "fullname": u.fullname, "avatar": u.avatar}
        ]


members_resource = Resource(
    name="userGroupMember",
    plural="userGroupMembers",
    model=UserGroupMember,
    id_param="userGroupMemberId",
    fields=(Field("groupId", "group_id"), Field("userId", "user_id"), Field("ownerId", "owner_id")),
    filters=columns_filters(
        UserGroupMember, {"userId": ("user_id", Kind.ID), "ownerId": ("owner_id", Kind.ID)}
    ),
    create_schema=CreateUserGroupMember,
    can_create=lambda actor: policy.require_admin(actor),
    can_delete=lambda actor, _obj: policy.require_admin(actor),
    before_create=_member_refs,
    joins=_member_joins,
    unique=(
        UniqueRule(
            "uq_user_group_members_active",
            "userId",
            "This user is already a member of the group.",
            "alreadyAMember",
        ),
    ),
)


def _own_files(actor: Principal | None, stmt: Any) -> Any:
    me = policy.require_login(actor)
    if me.is_admin:
        return stmt
    return stmt.where(
        (UserAvatarsFile.owner_id == me.user_id) | (UserAvatarsFile.user_id == me.user_id)
    )


def _avatar_shape(obj: UserAvatarsFile) -> dict[str, Any]:
    out = shape(obj, AVATAR_FIELDS)
    out["downloadUrl"] = avatars.download_path(obj.access_key)
    return out


AVATAR_FIELDS = (
    Field("fileName", "file_name"),
    Field("mimeType", "mime_type"),
    Field("fileSize", "file_size"),
    Field("accessKey", "access_key"),
    Field("ownerId", "owner_id"),
    Field("metadata", "metadata_"),
    Field("userId", "user_id"),
)

avatars_resource = Resource(
    name="userAvatarsFile",
    plural="userAvatarsFiles",
    model=UserAvatarsFile,
    id_param="userAvatarsFileId",
    fields=AVATAR_FIELDS,
    filters=columns_filters(
        UserAvatarsFile,
        {
            "mimeType": ("mime_type", Kind.STRING),
            "ownerId": ("owner_id", Kind.ID),
            "userId": ("user_id", Kind.ID),
        },
    ),
    can_list=lambda actor: policy.require_login(actor),
    scope=_own_files,
    can_read=avatars.can_see,
    can_delete=avatars.can_see,
)
avatars_resource.shape = _avatar_shape  # type: ignore[method-assign]


async def _permission_refs(ctx: Ctx, obj: GivenPermission, values: dict[str, Any]) -> None:
    subjects = [
        v for v in (obj.role_id, obj.subject_user_id, obj.subject_user_group_id) if v is not None
    ]
    if len(subjects) != 1:
        raise InvalidInput(
            "Name exactly one subject: roleId, subjectUserId or subjectUserGroupId.",
            code="oneSubjectRequired",
            field="roleId",
        )
    if obj.subject_user_id is not None:
        u = await ctx.session.get(User, obj.subject_user_id)
        if u is None or not u.is_active:
            raise NotFound(
                f"No user with id {obj.subject_user_id}.",
                code="userNotFound",
                field="subjectUserId",
            )
    if obj.subject_user_group_id is not None:
        g = await ctx.session.get(UserGroup, obj.subject_user_group_id)
        if g is None or not g.is_active:
            raise NotFound(
                f"No userGroup with id {obj.subject_user_group_id}.",
                code="userGroupNotFound",
                field="subjectUserGroupId",
            )


permissions_resource = Resource(
    name="givenPermission",
    plural="givenPermissions",
    model=GivenPermission,
    id_param="givenPermissionId",
    fields=(
        Field("permissionName", "permission_name"),
        Field("roleId", "role_id"),
        Field("subjectUserId", "subject_user_id"),
        Field("subjectUserGroupId", "subject_user_group_id"),
        Field("objectId", "object_id"),
        Field("canDo", "can_do"),
    ),
    filters=columns_filters(
        GivenPermission,
        {
            "permissionName": ("permission_name", Kind.STRING),
            "roleId": ("role_id", Kind.ENUM, ROLES),
            "subjectUserId": ("subject_user_id", Kind.ID),
            "subjectUserGroupId": ("subject_user_group_id", Kind.ID),
            "objectId": ("object_id", Kind.ID),
            "canDo": ("can_do", Kind.BOOL),
        },
    ),
    create_schema=CreateGivenPermission,
    update_schema=UpdateGivenPermission,
    can_list=lambda actor: policy.require_admin(actor),
    can_read=lambda actor, _obj: policy.require_admin(actor),
    can_create=lambda actor: policy.require_admin(actor),
    can_update=lambda actor, _obj: policy.require_admin(actor),
    can_delete=lambda actor, _obj: policy.require_admin(actor),
    before_create=_permission_refs,
)

# --- users ----------------------------------------------------------------------------------


@router.get("/v1/users/{userId}", tags=["users"], summary="getUser")
async def get_user(ctx: Context, userId: UserId) -> JSONResponse:
    user = await users.get_user(ctx.session, _logged_in(ctx), userId)
    return respond(ctx, "user", _user(user), action="get")


@router.patch("/v1/users/{userId}", tags=["users"], summary="updateUser")
async def update_user(ctx: Context, userId: UserId, body: UpdateUser) -> JSONResponse:
    user = await users.update_user(ctx.session, _logged_in(ctx), userId, body)
    return respond(ctx, "user", _user(user))


@router.patch("/v1/profile/{userId}", tags=["users"], summary="updateProfile")
async def update_profile(ctx: Context, userId: UserId, body: UpdateProfile) -> JSONResponse:
    user = await users.update_profile(ctx.session, _logged_in(ctx), userId, body)
    return respond(ctx, "user", _user(user))


@router.post("/v1/users", tags=["users"], summary="createUser", status_code=201)
async def create_user(ctx: Context, body: CreateUser) -> JSONResponse:
    user = await registration.create_user(ctx.session, _logged_in(ctx), body, ctx.settings)
    return respond(ctx, "user", _user(user), action="create")


@router.delete("/v1/users/{userId}", tags=["users"], summary="deleteUser")
async def delete_user(ctx: Context, userId: UserId) -> JSONResponse:
    user = await users.delete_user(ctx.session, _logged_in(ctx), userId)
    return respond(ctx, "user", _user(user))


@router.delete("/v1/archiveprofile/{userId}", tags=["users"], summary="archiveProfile")
async def archive_profile(ctx: Context, userId: UserId) -> JSONResponse:
    user = await users.archive_profile(ctx.session, _logged_in(ctx), userId)
    return respond(ctx, "user", _user(user))


@router.get("/v1/users", tags=["users"], summary="listUsers")
async def list_users(ctx: Context) -> JSONResponse:
    _logged_in(ctx)
    return await list_records(ctx, users_resource)


@router.get("/v1/searchusers", tags=["users"], summary="searchUsers")
async def search_users(
    ctx: Context,
    keyword: Annotated[str, Query(min_length=1, max_length=200, pattern=r"^[^\x00]+$")],
) -> JSONResponse:
    _logged_in(ctx)
    base = select(User).where(users.search_condition(keyword))
    return await list_records(ctx, users_resource, base=base)


@router.patch("/v1/userrole/{userId}", tags=["users"], summary="updateUserRole")
async def update_user_role(ctx: Context, userId: UserId, body: UpdateUserRole) -> JSONResponse:
    user = await users.update_user_role(ctx.session, _logged_in(ctx), userId, body)
    return respond(ctx, "user", _user(user))


@router.patch("/v1/userpassword/{userId}", tags=["users"], summary="updateUserPassword")
async def update_user_password(
    ctx: Context, userId: UserId, body: UpdateUserPassword
) -> JSONResponse:
    user = await users.update_user_password(
        ctx.session, _logged_in(ctx), userId, body, ctx.settings
    )
    return respond(ctx, "user", _user(user))


@router.patch(
    "/v1/userpasswordbyadmin/{userId}", tags=["users"], summary="updateUserPasswordByAdmin"
)
async def update_user_password_by_admin(
    ctx: Context, userId: UserId, body: UpdateUserPasswordByAdmin
) -> JSONResponse:
    user = await users.update_user_password_by_admin(
        ctx.session, _logged_in(ctx), userId, body, ctx.settings
    )
    return respond(ctx, "user", _user(user))


@router.get("/v1/briefuser/{userId}", tags=["users"], summary="getBriefUser")
async def get_brief_user(ctx: Context, userId: UserId) -> JSONResponse:
    user = await users.get_brief_user(ctx.session, userId)
    brief = {
        "id": str(user.id),
        "fullname": user.fullname,
        "avatar": user.avatar,
        "isActive": user.is_active,
    }
    return respond(ctx, "user", brief, action="get")


@router.get("/v1/streamtest/{userId}", tags=["users"], summary="streamTest")
async def stream_test(ctx: Context, userId: UserId) -> StreamingResponse:
    """The user record as a server-sent-events stream: one `user` event, then `end`."""
    user = await users.get_user(ctx.session, _logged_in(ctx), userId)
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


@router.post("/v1/registeruser", tags=["users"], summary="registerUser", status_code=201)
async def register_user(ctx: Context, body: RegisterUser) -> JSONResponse:
    user = await registration.register_user(ctx.session, body, ctx.settings)
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


# --- groups, members, permissions, avatar files (resource layer) ----------------------------

mount(router, groups_resource, "/v1/usergroups", tags=["userGroups"])
mount(
    router,
    members_resource,
    "/v1/usergroupmembers",
    ops=("get", "create", "delete"),
    tags=["userGroupMembers"],
)
mount(
    router,
    avatars_resource,
    "/v1/useravatarsfiles",
    ops=("get", "list"),  # delete is below: it also resets a user's avatar
    tags=["userAvatarsFiles"],
)
mount(router, permissions_resource, "/v1/givenpermissions", tags=["givenPermissions"])


@router.get(
    "/v1/listusergroupmembers/{groupId}", tags=["userGroupMembers"], summary="listUserGroupMembers"
)
async def list_user_group_members(
    ctx: Context, groupId: Annotated[uuid.UUID, Path(description="The group")]
) -> JSONResponse:
    group = await ctx.session.get(UserGroup, groupId)
    if group is None or not group.is_active:
        raise NotFound(
            f"No userGroup with id {groupId}.", code="userGroupNotFound", field="groupId"
        )
    # Members whose account was deleted are no longer listed.
    base = (
        select(UserGroupMember)
        .join(User, User.id == UserGroupMember.user_id)
        .where(UserGroupMember.group_id == groupId, User.is_active)
    )
    return await list_records(ctx, members_resource, base=base)


@router.post(
    "/v1/useravatarsfiles",
    tags=["userAvatarsFiles"],
    summary="uploadUserAvatarsFile",
    status_code=201,
)
async def upload_avatar(
    ctx: Context,
    file: Annotated[UploadFile, File(description="PNG, JPEG, GIF or WebP image")],
    userId: Annotated[uuid.UUID | None, Form()] = None,
    metadata: Annotated[str | None, Form(max_length=10_000)] = None,
    setAsAvatar: Annotated[bool, Form()] = True,
) -> JSONResponse:
    """Upload an avatar image (staykit addition: the seed documents no upload route)."""
    meta = parse_json_object(metadata, "metadata") if metadata else None
    data = await file.read(ctx.settings.max_upload_bytes + 1)
    row = await avatars.upload(
        ctx.session,
        _logged_in(ctx),
        ctx.settings,
        file_name=file.filename or "avatar",
        data=data,
        user_id=userId,
        metadata=meta,
        set_as_avatar=setAsAvatar,
    )
    return respond(ctx, "userAvatarsFile", _avatar_shape(row), action="create")


@router.delete(
    "/v1/useravatarsfiles/{userAvatarsFileId}",
    tags=["userAvatarsFiles"],
    summary="deleteUserAvatarsFile",
)
async def delete_avatar_file(
    ctx: Context,
    userAvatarsFileId: Annotated[uuid.UUID, Path(description="The userAvatarsFileId")],
) -> JSONResponse:
    row = await avatars.delete_file(ctx.session, _logged_in(ctx), ctx.settings, userAvatarsFileId)
    return respond(ctx, "userAvatarsFile", _avatar_shape(row), action="delete")


@router.get(
    "/v1/useravatarsfiles/download/{accessKey}",
    tags=["userAvatarsFiles"],
    summary="downloadUserAvatarsFile",
)
async def download_avatar(
    ctx: Context,
    accessKey: Annotated[str, Path(min_length=12, max_length=12, pattern=r"^[A-Za-z0-9]+$")],
) -> Response:
    mime, data = await avatars.by_access_key(ctx.session, accessKey)
    return Response(
        data,
        media_type=mime,
        headers={"Cache-Control": "public, max-age=3600", "X-Content-Type-Options": "nosniff"},
    )


# --- login sessions and keys -----------------------------------------------------------------


def _logged_in(ctx: Ctx) -> Principal:
    return ctx.user()


def _set_token(response: Response, ctx: Ctx, token: str | None, max_age: int) -> None:
    name = ctx.settings.token_name
    if token is None:
        response.delete_cookie(name, path="/")
        return
    response.set_cookie(
        name,
        token,
        max_age=max_age,
        httponly=True,
        samesite="lax",
        secure=ctx.settings.cookie_secure,
        path="/",
    )
    response.headers[name] = token


async def _login_body(request: Request) -> Login:
    ctype = request.headers.get("content-type", "")
    if ctype.startswith(("application/x-www-form-urlencoded", "multipart/form-data")):
        form = await request.form()
        data: Any = {k: v for k, v in form.items() if isinstance(v, str)}
    else:
        raw = await request.body()
        data = parse_json_object(raw, "body") if raw else {}
    try:
        return Login.model_validate(data)
    except ValidationError as exc:
        # The same 400 body as every other route's validation errors.
        raise RequestValidationError(
            [{**e, "loc": ("body", *e["loc"])} for e in exc.errors()]
        ) from None


LOGIN_FORM = """<!doctype html><meta charset="utf-8"><title>staykit login</title>
<style>body{font-family:system-ui;max-width:24rem;margin:4rem auto}label{display:block;margin:.6rem 0}
input{width:100%;padding:.4rem}</style><h1>Log in</h1>
<form method="post" action="/auth-api/login"><label>Email <input name="username" type="email" required
autocomplete="username"></label><label>Password <input name="password" type="password" required
autocomplete="current-password"></label><button>Log in</button></form>"""


@router.get("/login", tags=["session"], summary="loginPage", response_class=HTMLResponse)
async def login_page() -> HTMLResponse:
    return HTMLResponse(LOGIN_FORM)


@router.post("/login", tags=["session"], summary="login")
async def login(ctx: Context) -> JSONResponse:
    body = await _login_body(ctx.request)
    issued = await sessions.login(
        ctx.session,
        ctx.settings,
        username=body.username or body.email,
        password=body.password,
        ip=ctx.ip,
        user_agent=ctx.request.headers.get("user-agent"),
    )
    response = JSONResponse(issued.as_dict())
    _set_token(response, ctx, issued.access_token, issued.expires_in)
    return response


@router.post("/logout", tags=["session"], summary="logout")
async def logout(ctx: Context) -> JSONResponse:
    await sessions.logout(ctx.session, ctx.actor)
    response = JSONResponse({"status": "OK", "message": "Logged out"})
    _set_token(response, ctx, None, 0)
    return response


@router.get("/relogin", tags=["session"], summary="relogin")
async def relogin(ctx: Context) -> JSONResponse:
    if ctx.actor is None:
        return JSONResponse({"status": "ERR", "message": "Cannot relogin"}, status_code=401)
    issued = await sessions.relogin(
        ctx.session,
        ctx.actor,
        ctx.settings,
        ip=ctx.ip,
        user_agent=ctx.request.headers.get("user-agent"),
    )
    response = JSONResponse(issued.as_dict())
    _set_token(response, ctx, issued.access_token, issued.expires_in)
    return response


@router.get("/publickey", tags=["session"], summary="publickey")
async def public_key(
    ctx: Context, keyId: Annotated[str | None, Query(max_length=64)] = None
) -> JSONResponse:
    found = await keyring.public_pem(ctx.session, keyId)
    if found is None:
        raise NotFound(
            f"No public key with keyId {keyId}.", code="publicKeyNotFound", field="keyId"
        )
    return JSONResponse({"keyId": found[0], "keyData": found[1]})
