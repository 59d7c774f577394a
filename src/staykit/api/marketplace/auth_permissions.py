"""Given permissions under /auth-api (spec §2): the resource routes over the domain's
`PERMISSIONS` (admins only; a grant names exactly one subject, see
`domain/auth/permissions.py`)."""

# No `from __future__ import annotations` (see resource.py).

from fastapi import APIRouter

from staykit.api.marketplace.auth_schemas import CreateGivenPermission, UpdateGivenPermission
from staykit.api.marketplace.envelope import Field
from staykit.api.marketplace.filters import Kind
from staykit.api.marketplace.resource import Resource, columns_filters, mount
from staykit.domain.auth.models import ROLES, GivenPermission
from staykit.domain.auth.permissions import PERMISSIONS

router = APIRouter()


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
