"""User groups and their members under /auth-api (spec §2): the resource routes of both
and the list of a group's members (members with a deleted account are left out)."""

# No `from __future__ import annotations` (see resource.py).

import uuid
from dataclasses import asdict
from typing import Annotated, Any

from fastapi import APIRouter, Path
from fastapi.responses import JSONResponse
from pydantic import BaseModel

from staykit.api.marketplace.auth_schemas import (
    CreateUserGroup,
    CreateUserGroupMember,
    UpdateUserGroup,
)
from staykit.api.marketplace.context import Context, Ctx
from staykit.api.marketplace.envelope import Field
from staykit.api.marketplace.filters import Kind
from staykit.api.marketplace.resource import (
    Resource,
    columns_filters,
    list_parameters,
    list_records,
    mount,
)
from staykit.api.marketplace.responses import Access as A
from staykit.api.marketplace.responses import described, envelope, record_model
from staykit.domain.auth import groups
from staykit.domain.auth.groups import GROUPS, MEMBERS
from staykit.domain.auth.models import UserGroup, UserGroupMember

router = APIRouter()

groups_resource = Resource(
    name="userGroup",
    plural="userGroups",
    records=GROUPS,
    id_param="userGroupId",
    fields=(Field("groupName", "group_name"), Field("avatar", "avatar")),
    filters=columns_filters(
        UserGroup, {"groupName": ("group_name", Kind.STRING), "avatar": ("avatar", Kind.STRING)}
    ),
    create_schema=CreateUserGroup,
    update_schema=UpdateUserGroup,
)


async def _member_joins(
    ctx: Ctx, rows: list[UserGroupMember], shaped: list[dict[str, Any]]
) -> None:
    users = await groups.member_users(ctx.session, ctx.actor, rows)
    for row, out in zip(rows, shaped, strict=True):
        u = users.get(row.user_id)
        out["user"] = [] if u is None else [asdict(u)]


members_resource = Resource(
    name="userGroupMember",
    plural="userGroupMembers",
    records=MEMBERS,
    id_param="userGroupMemberId",
    fields=(Field("groupId", "group_id"), Field("userId", "user_id"), Field("ownerId", "owner_id")),
    filters=columns_filters(
        UserGroupMember, {"userId": ("user_id", Kind.ID), "ownerId": ("owner_id", Kind.ID)}
    ),
    create_schema=CreateUserGroupMember,
    joins=_member_joins,
)


class MemberUser(BaseModel):
    """A member's user; the email only for admins and the member themself."""

    email: str | None
    fullname: str
    avatar: str | None


MEMBER = record_model(
    "UserGroupMember", members_resource.fields, UserGroupMember, joins={"user": list[MemberUser]}
)

mount(router, groups_resource, "/v1/usergroups", tags=["userGroups"])
mount(
    router,
    members_resource,
    "/v1/usergroupmembers",
    ops=("get", "create", "delete"),
    tags=["userGroupMembers"],
    record=MEMBER,
)


@router.get(
    "/v1/listusergroupmembers/{groupId}",
    tags=["userGroupMembers"],
    summary="listUserGroupMembers",
    **described(
        A.OPTIONAL,
        400,
        404,
        model=envelope("userGroupMembers", MEMBER, "page"),
        parameters=list_parameters(members_resource),
    ),
)
async def list_user_group_members(
    ctx: Context, groupId: Annotated[uuid.UUID, Path(description="The group")]
) -> JSONResponse:
    base = await groups.members_of(ctx.session, groupId)
    return await list_records(ctx, members_resource, base=base)
