"""The generic records service (staykit.domain.records) on real tables: errors in domain
words, rules before rows, owners, soft deletes, the readable statement, paging, and the
unique guard turning a violated index into a 409 naming a domain field."""

from __future__ import annotations

import uuid
from typing import Any

import pytest
from sqlalchemy import ColumnElement
from sqlalchemy.ext.asyncio import AsyncSession

from staykit.core.errors import Conflict, Forbidden, NotFound, Unauthenticated
from staykit.domain.access.principal import Principal
from staykit.domain.auth import policy
from staykit.domain.auth.models import UserGroup, UserGroupMember
from staykit.domain.records import Records, UniqueRule, snake
from tests.factories import actor_of, make_user

GROUPS = Records(
    UserGroup,
    "userGroup",
    may_create=policy.require_admin,
    may_update=policy.require_admin,
    may_delete=policy.require_admin,
)
ONE_MEMBERSHIP = UniqueRule(
    "uq_user_group_members_active", "user_id", "Already a member.", "alreadyAMember"
)


def test_names_in_domain_words() -> None:
    assert snake("userGroup") == "user_group" and snake("listingCalendar") == "listing_calendar"
    assert GROUPS.id_name == "user_group_id"
    error = GROUPS.not_found(uuid.uuid4())
    assert (error.code, error.field, error.status) == ("userGroupNotFound", "user_group_id", 404)
    assert Records(UserGroup, "userGroup", id_field="group_id").id_name == "group_id"


async def test_create_sets_the_owner_and_update_and_delete_work_on_active_rows(
    db: AsyncSession,
) -> None:
    admin = await make_user(db, role="admin")
    me = actor_of(admin)
    group = await GROUPS.create(db, me, {"group_name": "Hosts"})
    assert group.owner_id == admin.user.id and group.is_active
    changed = await GROUPS.update(db, me, group.id, {"avatar": "/a.png"})
    assert changed.group_name == "Hosts" and changed.avatar == "/a.png"
    assert (await GROUPS.get(db, None, group.id)).id == group.id
    deleted = await GROUPS.delete(db, me, group.id)
    assert deleted.is_active is False  # soft: the row stays
    assert await db.get(UserGroup, group.id) is not None
    for attempt in (
        GROUPS.get(db, me, group.id),
        GROUPS.update(db, me, group.id, {"avatar": None}),
        GROUPS.delete(db, me, group.id),
    ):
        with pytest.raises(NotFound) as caught:
            await attempt
        assert caught.value.field == "user_group_id"


async def test_rules_refuse_before_any_row_is_read(db: AsyncSession) -> None:
    user = actor_of(await make_user(db))
    unknown = uuid.uuid4()
    with pytest.raises(Unauthenticated):
        await GROUPS.create(db, None, {"group_name": "x"})
    with pytest.raises(Forbidden):
        await GROUPS.create(db, user, {"group_name": "x"})
    # an unknown id is not revealed to a caller who may not change rows anyway
    with pytest.raises(Forbidden):
        await GROUPS.update(db, user, unknown, {"group_name": "x"})
    with pytest.raises(Forbidden):
        await GROUPS.delete(db, user, unknown)


async def test_unique_index_violation_is_a_conflict_naming_the_domain_field(
    db: AsyncSession,
) -> None:
    admin = actor_of(await make_user(db, role="admin"))
    member = await make_user(db)
    members = Records(UserGroupMember, "userGroupMember", unique=(ONE_MEMBERSHIP,))
    group = await GROUPS.create(db, admin, {"group_name": "G"})
    values = {"group_id": group.id, "user_id": member.user.id}
    await members.create(db, admin, values)
    with pytest.raises(Conflict) as caught:
        await members.create(db, admin, values)  # no application check: the index catches it
    assert (caught.value.code, caught.value.field) == ("alreadyAMember", "user_id")
    # the savepoint kept the transaction usable
    page = await members.page(db, admin, page_number=1, page_row_count=10, max_rows=100)
    assert [r.user_id for r in page.rows] == [member.user.id] and page.total == 1


async def test_page_applies_the_readable_statement_and_hides_deleted_rows(
    db: AsyncSession,
) -> None:
    admin = actor_of(await make_user(db, role="admin"))
    alice = actor_of(await make_user(db))

    def own(principal: Principal | None) -> ColumnElement[bool]:
        me = policy.require_login(principal)
        return UserGroup.owner_id == me.user_id

    mine = Records(UserGroup, "userGroup", readable=own, may_read=policy.require_login)
    await GROUPS.create(db, admin, {"group_name": "A"})
    await mine.create(db, alice, {"group_name": "B"})
    c = await mine.create(db, alice, {"group_name": "C"})
    await GROUPS.delete(db, admin, c.id)

    def names(page: Any) -> list[str]:
        return [g.group_name for g in page.rows]

    got = await mine.page(db, alice, page_number=1, page_row_count=10, max_rows=100)
    assert names(got) == ["B"] and got.total == 1
    # inactive rows only for admins who ask
    got = await mine.page(db, alice, page_number=1, page_row_count=10, max_rows=100, inactive=True)
    assert names(got) == ["B"]
    got = await GROUPS.page(db, admin, page_number=0, page_row_count=1, max_rows=100, inactive=True)
    assert set(names(got)) >= {"A", "B", "C"}
    # paging: newest first, the total counts every row
    got = await GROUPS.page(db, None, page_number=2, page_row_count=1, max_rows=100)
    assert names(got) == ["A"] and got.total == 2
    got = await GROUPS.page(db, None, page_number=5, page_row_count=1, max_rows=100)
    assert got.rows == [] and got.total == 2
    with pytest.raises(Unauthenticated):
        await mine.page(db, None, page_number=1, page_row_count=10, max_rows=100)
