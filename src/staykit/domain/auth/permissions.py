"""givenPermissions: grants and denials to a role, a user or a group, optionally per object.

How `GET /permissions/{name}` is decided (spec §1.9, made precise here):
- The general answer comes from the grants without an objectId. The most specific
  subject wins: a user grant beats a group grant, which beats a role grant. Within one
  level, a denial (canDo=false) beats a grant.
- `exceptions` are the object ids whose answer differs from the general one, decided by
  the same precedence among the grants naming that object: with canDo=true they are the
  objects denied; with canDo=false, the only objects granted.
"""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy import or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from staykit.core.errors import InvalidInput
from staykit.domain.access.principal import Principal
from staykit.domain.auth.models import GivenPermission, UserGroup, UserGroupMember

LEVEL = {"user": 3, "group": 2, "role": 1}


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
            field="permissionName",
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
