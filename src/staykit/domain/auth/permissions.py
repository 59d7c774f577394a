"""givenPermissions: grants and denials to a role, a user or a group, optionally per object.

How `GET /permissions/{name}` is decided (spec §1.9, made precise here):
- The general answer comes from the grants without an objectId. The most specific
  subject wins: a user grant beats a group grant, which beats a role grant. Within one
  level, a denial (canDo=false) beats a grant.
- `exceptions` are the object ids whose answer differs from the general one, decided by
  the same precedence among the grants naming that object: with canDo=true they are the
  objects denied; with canDo=false, the only objects granted.

Grants are written and read by admins only (`PERMISSIONS`). A grant names exactly one
subject (a role, a user or a user group), which must exist; its command is an
`{attribute: value}` mapping (`permission_name`, `role_id`, `subject_user_id`,
`subject_user_group_id`, `object_id`, `can_do`), its changes `can_do` and `object_id`.
"""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy import or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from staykit.core.errors import Forbidden, InvalidInput, NotFound
from staykit.domain.access.principal import Principal
from staykit.domain.auth import policy
from staykit.domain.auth.groups import active_group
from staykit.domain.auth.models import GivenPermission, User, UserGroup, UserGroupMember
from staykit.domain.records import Records

LEVEL = {"user": 3, "group": 2, "role": 1}

# Permissions that make an admin more than an admin (a compliance admin decides GDPR
# requests, erasing people): only a superAdmin grants, changes or removes them, or any
# admin could hand them to themself.
COMPLIANCE_PERMISSION = "gdpr.manage"
SUPER_ADMIN_PERMISSIONS = frozenset({COMPLIANCE_PERMISSION})


def _reserved(principal: Principal | None, name: str) -> None:
    if name in SUPER_ADMIN_PERMISSIONS and not (principal and principal.is_super_admin):
        raise Forbidden(
            f"Only a superAdmin grants, changes or removes {name!r}.",
            code="superAdminRequired",
            field="permission_name",
        )


async def _reserved_row(
    _session: AsyncSession, principal: Principal | None, grant: GivenPermission
) -> None:
    _reserved(principal, grant.permission_name)


async def _check_subject(
    session: AsyncSession, _principal: Principal | None, grant: GivenPermission, _command: Any
) -> None:
    """A grant names exactly one subject, and a user or group that exists; a reserved
    permission is granted by a superAdmin only."""
    _reserved(_principal, grant.permission_name)
    subjects = [
        v
        for v in (grant.role_id, grant.subject_user_id, grant.subject_user_group_id)
        if v is not None
    ]
    if len(subjects) != 1:
        raise InvalidInput(
            "Name exactly one subject: roleId, subjectUserId or subjectUserGroupId.",
            code="oneSubjectRequired",
            field="role_id",
        )
    if grant.subject_user_id is not None:
        user = await session.get(User, grant.subject_user_id)
        if user is None or not user.is_active:
            raise NotFound(
                f"No user with id {grant.subject_user_id}.",
                code="userNotFound",
                field="subject_user_id",
            )
    if grant.subject_user_group_id is not None:
        await active_group(session, grant.subject_user_group_id, field="subject_user_group_id")


# Admins only, for reading too.
PERMISSIONS = Records(
    GivenPermission,
    "givenPermission",
    may_read=policy.require_admin,
    may_create=policy.require_admin,
    may_update=policy.require_admin,
    may_delete=policy.require_admin,
    before_create=_check_subject,
    check_change=_reserved_row,
)


async def _group_ids(session: AsyncSession, user_id: uuid.UUID) -> list[uuid.UUID]:
    """The user's current groups: a removed membership or a deleted group grants nothing."""
    return list(
        (
            await session.scalars(
                select(UserGroupMember.group_id)
                .join(UserGroup, UserGroup.id == UserGroupMember.group_id)
                .where(
                    UserGroupMember.user_id == user_id,
                    UserGroupMember.is_active,
                    UserGroup.is_active,
                )
            )
        ).all()
    )


async def grants_for(
    session: AsyncSession, actor: Principal, name: str | None = None
) -> list[GivenPermission]:
    groups = await _group_ids(session, actor.user_id)
    subject = [
        GivenPermission.role_id == actor.role_id,
        GivenPermission.subject_user_id == actor.user_id,
    ]
    if groups:
        subject.append(GivenPermission.subject_user_group_id.in_(groups))
    stmt = select(GivenPermission).where(GivenPermission.is_active, or_(*subject))
    if name is not None:
        stmt = stmt.where(GivenPermission.permission_name == name)
    return list((await session.scalars(stmt.order_by(GivenPermission.created_at))).all())


def _level(g: GivenPermission) -> int:
    if g.subject_user_id is not None:
        return LEVEL["user"]
    if g.subject_user_group_id is not None:
        return LEVEL["group"]
    return LEVEL["role"]


def _decide(grants: list[GivenPermission]) -> bool | None:
    if not grants:
        return None
    top = max(_level(g) for g in grants)
    return all(g.can_do for g in grants if _level(g) == top)


def evaluate(grants: list[GivenPermission]) -> dict[str, Any]:
    general = _decide([g for g in grants if g.object_id is None])
    can_do = bool(general)
    by_object: dict[uuid.UUID, list[GivenPermission]] = {}
    for g in grants:
        if g.object_id is not None:
            by_object.setdefault(g.object_id, []).append(g)
    exceptions = [str(obj) for obj, gs in by_object.items() if _decide(gs) is not can_do]
    return {"canDo": can_do, "exceptions": sorted(exceptions)}


async def check(session: AsyncSession, actor: Principal, name: str) -> dict[str, Any]:
    if not name or len(name) > 200 or "\x00" in name:
        # No grant can carry such a name (see CreateGivenPermission); PostgreSQL would
        # also refuse a NUL in the query.
        raise InvalidInput(
            "permissionName must be 1 to 200 characters without NUL.",
            code="permissionNameIsInvalid",
            field="permission_name",
        )
    return evaluate(await grants_for(session, actor, name))


def shape(g: GivenPermission) -> dict[str, Any]:
    return {
        "id": str(g.id),
        "permissionName": g.permission_name,
        "roleId": g.role_id,
        "subjectUserId": str(g.subject_user_id) if g.subject_user_id else None,
        "subjectUserGroupId": str(g.subject_user_group_id) if g.subject_user_group_id else None,
        "objectId": str(g.object_id) if g.object_id else None,
        "canDo": g.can_do,
        "tenantCodename": None,
    }
