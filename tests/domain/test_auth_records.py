"""The auth tables' rules in the domain (staykit.domain.auth): groups, members, given
permissions, avatar files and users through the `Records` operations with principals,
allowed and refused, in domain words (no surface involved)."""

from __future__ import annotations

import uuid

import pytest
from sqlalchemy.ext.asyncio import AsyncSession

from staykit.core.config import Settings
from staykit.core.errors import Conflict, Forbidden, InvalidInput, NotFound, Unauthenticated
from staykit.domain.access.principal import Principal
from staykit.domain.auth import avatars, groups, users
from staykit.domain.auth.avatars import AVATARS
from staykit.domain.auth.groups import GROUPS, MEMBERS, MemberUser
from staykit.domain.auth.models import GivenPermission, UserGroup, UserGroupMember
from staykit.domain.auth.permissions import PERMISSIONS
from staykit.domain.auth.users import USERS
from tests.factories import actor_of, make_user

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32
PAGE = {"page_number": 1, "page_row_count": 50, "max_rows": 100}


async def _admin(db: AsyncSession) -> Principal:
    return actor_of(await make_user(db, role="admin"))


async def _user(db: AsyncSession) -> Principal:
    return actor_of(await make_user(db))


async def test_groups_are_written_by_admins_and_read_by_anyone(db: AsyncSession) -> None:
    admin, plain = await _admin(db), await _user(db)
    group = await GROUPS.create(db, admin, {"group_name": "Superhosts"})
    assert group.owner_id == admin.user_id
    for reader in (None, plain, admin):
        assert (await GROUPS.get(db, reader, group.id)).group_name == "Superhosts"
        page = await GROUPS.page(db, reader, conditions=[UserGroup.id == group.id], **PAGE)
        assert [g.id for g in page.rows] == [group.id]
    renamed = await GROUPS.update(db, admin, group.id, {"group_name": "Top hosts"})
    assert renamed.group_name == "Top hosts"

    with pytest.raises(Unauthenticated):
        await GROUPS.create(db, None, {"group_name": "x"})
    for attempt in (
        GROUPS.create(db, plain, {"group_name": "x"}),
        GROUPS.update(db, plain, group.id, {"group_name": "x"}),
        GROUPS.delete(db, plain, group.id),
    ):
        with pytest.raises(Forbidden) as refused:
            await attempt
        assert refused.value.code == "adminRoleRequired"

    await GROUPS.delete(db, admin, group.id)
    with pytest.raises(NotFound) as caught:
        await GROUPS.get(db, None, group.id)
    assert (caught.value.code, caught.value.field) == ("userGroupNotFound", "user_group_id")


async def test_members_name_an_active_group_and_user_once(db: AsyncSession) -> None:
    admin, plain = await _admin(db), await _user(db)
    group = await GROUPS.create(db, admin, {"group_name": "G"})
    member = await MEMBERS.create(db, admin, {"group_id": group.id, "user_id": plain.user_id})
    assert (member.group_id, member.user_id, member.owner_id) == (
        group.id,
        plain.user_id,
        admin.user_id,
    )
    assert (await MEMBERS.get(db, None, member.id)).id == member.id

    with pytest.raises(Conflict) as taken:
        await MEMBERS.create(db, admin, {"group_id": group.id, "user_id": plain.user_id})
    assert (taken.value.code, taken.value.field) == ("alreadyAMember", "user_id")

    refused = [
        ({"group_id": uuid.uuid4(), "user_id": plain.user_id}, "userGroupNotFound", "group_id"),
        ({"group_id": group.id, "user_id": uuid.uuid4()}, "userNotFound", "user_id"),
    ]
    for command, code, field in refused:
        with pytest.raises(NotFound) as caught:
            await MEMBERS.create(db, admin, command)
        assert (caught.value.code, caught.value.field) == (code, field)

    with pytest.raises(Forbidden):
        await MEMBERS.create(db, plain, {"group_id": group.id, "user_id": admin.user_id})
    with pytest.raises(Forbidden):
        await MEMBERS.delete(db, plain, member.id)
    with pytest.raises(Unauthenticated):
        await MEMBERS.delete(db, None, member.id)
    assert (await MEMBERS.delete(db, admin, member.id)).is_active is False
    # a membership that ended may start again
    again = await MEMBERS.create(db, admin, {"group_id": group.id, "user_id": plain.user_id})
    assert again.id != member.id


async def test_a_groups_member_list_leaves_out_deleted_accounts_and_masks_emails(
    db: AsyncSession,
) -> None:
    admin = await _admin(db)
    stays = await make_user(db, fullname="Ana")
    leaves = await make_user(db, fullname="Bo")
    group = await GROUPS.create(db, admin, {"group_name": "G"})
    for person in (stays, leaves):
        await MEMBERS.create(db, admin, {"group_id": group.id, "user_id": person.user.id})
    await users.delete_user(db, admin, leaves.user.id)

    base = await groups.members_of(db, group.id)
    page = await MEMBERS.page(db, None, base=base, **PAGE)
    rows: list[UserGroupMember] = page.rows
    assert [m.user_id for m in rows] == [stays.user.id] and page.total == 1

    anonymous = await groups.member_users(db, None, rows)
    assert anonymous == {stays.user.id: MemberUser(email=None, fullname="Ana", avatar=None)}
    themself = await groups.member_users(db, actor_of(stays), rows)
    assert themself[stays.user.id].email == stays.email
    assert (await groups.member_users(db, admin, rows))[stays.user.id].email == stays.email

    await GROUPS.delete(db, admin, group.id)
    with pytest.raises(NotFound) as caught:
        await groups.members_of(db, group.id)
    assert (caught.value.code, caught.value.field) == ("userGroupNotFound", "group_id")


async def test_given_permissions_are_admin_only_and_name_one_existing_subject(
    db: AsyncSession,
) -> None:
    admin, plain = await _admin(db), await _user(db)
    grant = await PERMISSIONS.create(
        db, admin, {"permission_name": "listings.publish", "subject_user_id": plain.user_id}
    )
    assert grant.can_do is True and grant.owner_id == admin.user_id
    changed = await PERMISSIONS.update(db, admin, grant.id, {"can_do": False})
    assert changed.can_do is False
    page = await PERMISSIONS.page(db, admin, conditions=[GivenPermission.id == grant.id], **PAGE)
    assert [g.id for g in page.rows] == [grant.id]

    with pytest.raises(Unauthenticated):
        await PERMISSIONS.page(db, None, **PAGE)
    for attempt in (
        PERMISSIONS.page(db, plain, **PAGE),
        PERMISSIONS.get(db, plain, grant.id),
        PERMISSIONS.create(db, plain, {"permission_name": "x", "role_id": "user"}),
        PERMISSIONS.update(db, plain, grant.id, {"can_do": True}),
        PERMISSIONS.delete(db, plain, grant.id),
    ):
        with pytest.raises(Forbidden):
            await attempt

    group = await GROUPS.create(db, admin, {"group_name": "G"})
    with pytest.raises(InvalidInput) as two:
        await PERMISSIONS.create(
            db,
            admin,
            {"permission_name": "x", "role_id": "user", "subject_user_group_id": group.id},
        )
    assert (two.value.code, two.value.field) == ("oneSubjectRequired", "role_id")
    with pytest.raises(InvalidInput):
        await PERMISSIONS.create(db, admin, {"permission_name": "x"})
    unknown = [
        ("subject_user_id", "userNotFound"),
        ("subject_user_group_id", "userGroupNotFound"),
    ]
    for field, code in unknown:
        with pytest.raises(NotFound) as caught:
            await PERMISSIONS.create(db, admin, {"permission_name": "x", field: uuid.uuid4()})
        assert (caught.value.code, caught.value.field) == (code, field)
    by_group = await PERMISSIONS.create(
        db, admin, {"permission_name": "x", "subject_user_group_id": group.id}
    )
    assert by_group.subject_user_group_id == group.id


async def test_avatar_files_are_their_owners_their_users_and_the_admins(
    db: AsyncSession, settings: Settings
) -> None:
    admin, ana, bo = await _admin(db), await _user(db), await _user(db)
    file = await avatars.upload(
        db,
        ana,
        settings,
        file_name="me.png",
        data=PNG,
        user_id=None,
        metadata=None,
        set_as_avatar=False,
    )
    assert (file.owner_id, file.user_id, file.mime_type) == (ana.user_id, ana.user_id, "image/png")

    for reader in (ana, admin):
        assert (await AVATARS.get(db, reader, file.id)).id == file.id
        page = await AVATARS.page(db, reader, **PAGE)
        assert file.id in {f.id for f in page.rows}
    # to anyone else the file does not exist: the 404 of an unknown id
    assert (await AVATARS.page(db, bo, **PAGE)).rows == []
    for row_id in (file.id, uuid.uuid4()):
        with pytest.raises(NotFound) as caught:
            await AVATARS.get(db, bo, row_id)
        assert (caught.value.code, caught.value.field) == (
            "userAvatarsFileNotFound",
            "user_avatars_file_id",
        )
    with pytest.raises(Unauthenticated):
        await AVATARS.page(db, None, **PAGE)
    with pytest.raises(Unauthenticated):
        await AVATARS.get(db, None, file.id)

    with pytest.raises(NotFound):
        await avatars.delete_file(db, bo, settings, file.id)
    assert (await avatars.delete_file(db, ana, settings, file.id)).is_active is False
    with pytest.raises(NotFound):
        await AVATARS.get(db, ana, file.id)


async def test_users_are_listed_and_searched_by_admins_only(db: AsyncSession) -> None:
    admin, plain = await _admin(db), await _user(db)
    wanted = await make_user(db, fullname="Zelda Quillfeather")
    page = await USERS.page(db, admin, base=users.search_statement("quillfeather"), **PAGE)
    assert [u.id for u in page.rows] == [wanted.user.id]
    assert (await USERS.get(db, admin, wanted.user.id)).fullname == "Zelda Quillfeather"

    with pytest.raises(Unauthenticated):
        await USERS.page(db, None, **PAGE)
    for attempt in (USERS.page(db, plain, **PAGE), USERS.get(db, plain, wanted.user.id)):
        with pytest.raises(Forbidden) as refused:
            await attempt
        assert refused.value.code == "adminRoleRequired"
    # the search's wildcards are the caller's text, not patterns
    empty = await USERS.page(db, admin, base=users.search_statement("%"), **PAGE)
    assert empty.rows == []
