"""User groups and their members: admins create, change and delete both; anyone (signed
in or not) reads them. A member names an active group and an active user, once: one
active membership per group and user (`uq_user_group_members_active`). A group's member
list leaves out members whose account was deleted; a member's email is personal data
(seen by admins and the member themself, see `domain/access/masking.py`).

Commands are `{attribute: value}` mappings: a group `{group_name, avatar}`, a member
`{group_id, user_id}`; a group's changes map only the attributes the caller provided.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Select, select
from sqlalchemy.ext.asyncio import AsyncSession

from staykit.core.errors import NotFound
from staykit.domain.access import masking
from staykit.domain.access.principal import Principal
from staykit.domain.auth import policy
from staykit.domain.auth.models import User, UserGroup, UserGroupMember
from staykit.domain.records import Records, UniqueRule

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


async def active_group(session: AsyncSession, group_id: uuid.UUID, *, field: str) -> UserGroup:
    """The group, unless unknown or deleted: then `userGroupNotFound` on `field`."""
    group = await session.get(UserGroup, group_id)
    if group is None or not group.is_active:
        raise NotFound(f"No userGroup with id {group_id}.", code="userGroupNotFound", field=field)
    return group


async def _check_references(
    session: AsyncSession, _principal: Principal | None, member: UserGroupMember, _command: Any
) -> None:
    """A new member names an active group and an active user who is not a member yet
    (the unique index decides a race between two such requests the same way)."""
    await active_group(session, member.group_id, field="group_id")
    user = await session.get(User, member.user_id)
    if user is None or not user.is_active:
        raise NotFound(f"No user with id {member.user_id}.", code="userNotFound", field="user_id")
    taken = await session.scalar(
        select(UserGroupMember.id).where(
            UserGroupMember.group_id == member.group_id,
            UserGroupMember.user_id == member.user_id,
            UserGroupMember.is_active,
        )
    )
    if taken is not None:
        raise ALREADY_A_MEMBER.conflict()


# Members: admins add and remove them (a membership is not changed, only ended), anyone
# reads them.
MEMBERS = Records(
    UserGroupMember,
    "userGroupMember",
    may_create=policy.require_admin,
    may_delete=policy.require_admin,
    before_create=_check_references,
    unique=(ALREADY_A_MEMBER,),
)


async def members_of(session: AsyncSession, group_id: uuid.UUID) -> Select[Any]:
    """The statement of a group's members (for `MEMBERS.page(base=...)`): members whose
    account was deleted are no longer listed. An unknown or deleted group is
    `userGroupNotFound` on `group_id`."""
    await active_group(session, group_id, field="group_id")
    return (
        select(UserGroupMember)
        .join(User, User.id == UserGroupMember.user_id)
        .where(UserGroupMember.group_id == group_id, User.is_active)
    )


@dataclass(frozen=True)
class MemberUser:
    """What a member list shows of a member's user; `email` is None for those who may
    not see it."""

    email: str | None
    fullname: str
    avatar: str | None


async def member_users(
    session: AsyncSession, principal: Principal | None, members: Sequence[UserGroupMember]
) -> dict[uuid.UUID, MemberUser]:
    """The users of `members` by user id (one query); emails only for admins and the
    member themself."""
    ids = {m.user_id for m in members}
    if not ids:
        return {}
    found = (await session.scalars(select(User).where(User.id.in_(ids)))).all()
    return {
        u.id: MemberUser(
            email=u.email if masking.sees_personal(principal, u.id) else None,
            fullname=u.fullname,
            avatar=u.avatar,
        )
        for u in found
    }
