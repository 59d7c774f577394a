"""Given permissions under /auth-api (spec §2): admin-only resource routes; a grant names
exactly one subject (a role, a user or a user group), which must exist."""

# No `from __future__ import annotations` (see resource.py).

from typing import Any

from fastapi import APIRouter
from sqlalchemy.ext.asyncio import AsyncSession

from staykit.api.marketplace.auth_schemas import CreateGivenPermission, UpdateGivenPermission
from staykit.api.marketplace.envelope import Field
from staykit.api.marketplace.filters import Kind
from staykit.api.marketplace.resource import Resource, columns_filters, mount
from staykit.core.errors import InvalidInput, NotFound
from staykit.domain.access.principal import Principal
from staykit.domain.auth import policy
from staykit.domain.auth.models import ROLES, GivenPermission, User, UserGroup
from staykit.domain.records import Records

router = APIRouter()


async def _permission_refs(
    session: AsyncSession, _actor: Principal | None, obj: GivenPermission, _values: Any
) -> None:
    subjects = [
        v for v in (obj.role_id, obj.subject_user_id, obj.subject_user_group_id) if v is not None
    ]
    if len(subjects) != 1:
        raise InvalidInput(
            "Name exactly one subject: roleId, subjectUserId or subjectUserGroupId.",
            code="oneSubjectRequired",
            field="role_id",
        )
    if obj.subject_user_id is not None:
        u = await session.get(User, obj.subject_user_id)
        if u is None or not u.is_active:
            raise NotFound(
                f"No user with id {obj.subject_user_id}.",
                code="userNotFound",
                field="subject_user_id",
            )
    if obj.subject_user_group_id is not None:
        g = await session.get(UserGroup, obj.subject_user_group_id)
        if g is None or not g.is_active:
            raise NotFound(
                f"No userGroup with id {obj.subject_user_group_id}.",
                code="userGroupNotFound",
                field="subject_user_group_id",
            )


# Admins only, for reading too.
PERMISSIONS = Records(
    GivenPermission,
    "givenPermission",
    may_read=policy.require_admin,
    may_create=policy.require_admin,
    may_update=policy.require_admin,
    may_delete=policy.require_admin,
    before_create=_permission_refs,
)

permissions_resource = Resource(
    name="givenPermission",
    plural="givenPermissions",
    records=PERMISSIONS,
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
)

mount(router, permissions_resource, "/v1/givenpermissions", tags=["givenPermissions"])
