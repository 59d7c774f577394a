"""User groups and their members under /auth-api (spec §2): the resource routes of both
and the list of a group's members (members with a deleted account are left out)."""

# No `from __future__ import annotations` (see resource.py).

import uuid
from typing import Annotated, Any

from fastapi import APIRouter, Path
from fastapi.responses import JSONResponse
from pydantic import BaseModel
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

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
from staykit.core.errors import NotFound
from staykit.domain.access import masking
from staykit.domain.access.principal import Principal
from staykit.domain.auth import policy
from staykit.domain.auth.models import User, UserGroup, UserGroupMember
from staykit.domain.records import Records, UniqueRule

router = APIRouter()

ALREADY_A_MEMBER = UniqueRule(
    "uq_user_group_members_active",
    "user_id",
    "This user is already a member of the group.",
    "alreadyAMember",
)

# Groups: admins write them, every signed-in or anonymous caller reads them.
GROUPS = Records(
    UserGroup,
    "userGroup",
    may_create=policy.require_admin,
    may_update=policy.require_admin,
    may_delete=policy.require_admin,
)

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


async def _member_refs(
    session: AsyncSession, _actor: Principal | None, obj: UserGroupMember, _values: Any
) -> None:
    group = await session.get(UserGroup, obj.group_id)
    if group is None or not group.is_active:
        raise NotFound(
            f"No userGroup with id {obj.group_id}.", code="userGroupNotFound", field="group_id"
        )
    user = await session.get(User, obj.user_id)
    if user is None or not user.is_active:
        raise NotFound(f"No user with id {obj.user_id}.", code="userNotFound", field="user_id")
    taken = await session.scalar(
        select(UserGroupMember.id).where(
            UserGroupMember.group_id == obj.group_id,
            UserGroupMember.user_id == obj.user_id,
            UserGroupMember.is_active,
        )
    )
    if taken is not None:
        raise ALREADY_A_MEMBER.conflict()


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
        sees_email = masking.sees_personal(ctx.actor, u.id)
        out["user"] = [
            {"email": u.email if sees_email else None, "fullname": u.fullname, "avatar": u.avatar}
        ]


MEMBERS = Records(
    UserGroupMember,
    "userGroupMember",
    may_create=policy.require_admin,
    may_delete=policy.require_admin,
    before_create=_member_refs,
    unique=(ALREADY_A_MEMBER,),
)

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
