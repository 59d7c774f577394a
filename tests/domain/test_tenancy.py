"""The one tenancy rule (staykit.domain.tenancy.service) on real rows: who reads and who
manages which business, for first-party sessions and down-scoped partner credentials; and
how partner scope names expand (staykit.domain.access.scopes)."""

from __future__ import annotations

import uuid
from dataclasses import dataclass

import pytest
from sqlalchemy import or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from staykit.domain.access.principal import Credential, Principal
from staykit.domain.access.scopes import BUNDLES, Scope, UnknownScope, expand
from staykit.domain.tenancy.models import Business
from staykit.domain.tenancy.service import (
    can_manage,
    can_read,
    ensure_business,
    managed_condition,
    readable_arm,
    readable_condition,
    role_in,
)
from tests.factories import Person, actor_of, add_member, make_user, partner_principal


@dataclass
class Two:
    """Business A owned by alice, business B owned by bob."""

    alice: Person
    bob: Person
    a: uuid.UUID
    b: uuid.UUID


@pytest.fixture
async def two(db: AsyncSession) -> Two:
    alice, bob = await make_user(db), await make_user(db)
    a = (await ensure_business(db, actor_of(alice))).id
    b = (await ensure_business(db, actor_of(bob))).id
    await db.commit()
    return Two(alice, bob, a, b)


async def readable(db: AsyncSession, two: Two, principal: Principal) -> set[uuid.UUID]:
    """Which of the two businesses the principal's readable statement returns."""
    rows = await db.scalars(
        select(Business.id).where(
            Business.id.in_([two.a, two.b]), readable_condition(Business.id, principal)
        )
    )
    return set(rows)


async def managed(db: AsyncSession, two: Two, principal: Principal) -> set[uuid.UUID]:
    rows = await db.scalars(
        select(Business.id).where(
            Business.id.in_([two.a, two.b]), managed_condition(Business.id, principal)
        )
    )
    return set(rows)


# --- first-party sessions --------------------------------------------------------------------


async def test_a_member_of_one_business_cannot_read_another(db: AsyncSession, two: Two) -> None:
    alice = actor_of(two.alice)
    assert await readable(db, two, alice) == {two.a}
    assert await managed(db, two, alice) == {two.a}
    assert await role_in(db, alice, two.a) == "owner"
    assert await role_in(db, alice, two.b) is None
    assert not await can_read(db, alice, two.b)
    assert not await can_manage(db, alice, two.b)


async def test_staff_reads_the_business_but_does_not_manage_it(db: AsyncSession, two: Two) -> None:
    staff, manager = await make_user(db), await make_user(db)
    await add_member(db, two.a, staff, "staff")
    await add_member(db, two.a, manager, "manager")

    assert await readable(db, two, actor_of(staff)) == {two.a}
    assert await managed(db, two, actor_of(staff)) == set()
    assert await role_in(db, actor_of(staff), two.a) == "staff"
    assert await can_read(db, actor_of(staff), two.a)
    assert not await can_manage(db, actor_of(staff), two.a)

    assert await managed(db, two, actor_of(manager)) == {two.a}
    assert await can_manage(db, actor_of(manager), two.a)


async def test_a_member_who_left_reads_nothing(db: AsyncSession, two: Two) -> None:
    former = await make_user(db)
    membership = await add_member(db, two.a, former, "manager")
    membership.is_active = False
    await db.commit()
    assert await readable(db, two, actor_of(former)) == set()
    assert await role_in(db, actor_of(former), two.a) is None


async def test_a_session_admin_reads_and_manages_every_business(db: AsyncSession, two: Two) -> None:
    admin = actor_of(await make_user(db, role="admin"))
    assert admin.is_admin
    assert await readable(db, two, admin) == {two.a, two.b}
    assert await managed(db, two, admin) == {two.a, two.b}
    assert await can_manage(db, admin, two.b)


# --- partner credentials ---------------------------------------------------------------------


async def test_a_principal_down_scoped_to_a_does_not_read_b_though_its_user_is_a_member(
    db: AsyncSession, two: Two
) -> None:
    await add_member(db, two.b, two.alice, "manager")
    # Her own session reads and manages both ...
    assert await readable(db, two, actor_of(two.alice)) == {two.a, two.b}
    assert await managed(db, two, actor_of(two.alice)) == {two.a, two.b}
    # ... a token she granted for A alone covers A only.
    token = partner_principal(two.alice, businesses=[two.a])
    assert await readable(db, two, token) == {two.a}
    assert await managed(db, two, token) == {two.a}
    assert await role_in(db, token, two.b) is None
    assert not await can_read(db, token, two.b)
    assert not await can_manage(db, token, two.b)
    assert await can_manage(db, token, two.a)


async def test_a_partner_token_not_down_scoped_still_needs_its_users_membership(
    db: AsyncSession, two: Two
) -> None:
    token = partner_principal(two.alice, credential=Credential.OAUTH_TOKEN)
    assert await readable(db, two, token) == {two.a}
    # Down-scoped to a business its user is not a member of: nothing at all.
    assert await readable(db, two, partner_principal(two.alice, businesses=[two.b])) == set()


@pytest.mark.parametrize(
    "credential",
    [c for c in Credential if c is not Credential.SESSION],
)
async def test_a_partner_principal_of_an_admin_user_is_not_an_admin(
    db: AsyncSession, two: Two, credential: Credential
) -> None:
    admin = await make_user(db, role="admin")
    token = partner_principal(admin, credential=credential)
    assert token.role_id == "admin"
    assert not token.is_admin
    assert not token.is_super_admin
    assert await readable(db, two, token) == set()
    assert await managed(db, two, token) == set()
    assert not await can_manage(db, token, two.a)
    assert actor_of(admin).is_admin  # the same user's own session is


async def test_a_partner_principal_carries_its_expanded_scopes(db: AsyncSession) -> None:
    person = await make_user(db)
    token = partner_principal(person, scopes=["read:inventory", "offline_access"])
    assert token.scopes == {Scope.READ_INVENTORY}
    assert token.allows(Scope.READ_INVENTORY)
    assert not token.allows(Scope.WRITE_INVENTORY)
    assert not token.first_party
    assert actor_of(person).allows(Scope.DELETE_ACCOUNTS)  # sessions are unrestricted


# --- scope names -----------------------------------------------------------------------------


def test_all_expands_to_read_write_and_delete_of_the_category() -> None:
    assert expand(["all:bookings"]) == {
        Scope.READ_BOOKINGS,
        Scope.WRITE_BOOKINGS,
        Scope.DELETE_BOOKINGS,
    }
    assert expand(["all:bookings", "read:bookings"]) == expand(["all:bookings"])


def test_bundles_expand_to_their_scopes() -> None:
    assert expand(["guest_communication"]) == BUNDLES["guest_communication"]
    assert Scope.WRITE_MESSAGES in expand(["guest_communication"])
    assert Scope.WRITE_BOOKINGS not in expand(["guest_communication"])
    assert expand(["revenue_management", "read:accounts"]) == (
        BUNDLES["revenue_management"] | {Scope.READ_ACCOUNTS}
    )


def test_protocol_scopes_grant_nothing() -> None:
    assert expand(["offline_access"]) == frozenset()
    assert expand(["openid", "offline_access", "read:messages"]) == {Scope.READ_MESSAGES}


@pytest.mark.parametrize("typo", ["read:booking", "reed:bookings", "all:everything", "bookings"])
def test_a_misspelt_scope_raises_instead_of_granting_less_or_more(typo: str) -> None:
    with pytest.raises(UnknownScope) as raised:
        expand(["read:inventory", typo])
    assert raised.value.name == typo


# --- the rule as one arm of an OR ------------------------------------------------------------


async def test_readable_arm_reads_exactly_what_readable_condition_reads(
    db: AsyncSession, two: Two
) -> None:
    staff, former = await make_user(db), await make_user(db)
    await add_member(db, two.a, staff, "staff")
    membership = await add_member(db, two.b, former, "manager")
    membership.is_active = False
    await add_member(db, two.b, two.alice, "manager")
    await db.commit()
    principals = {
        "alice (both)": actor_of(two.alice),
        "bob (b)": actor_of(two.bob),
        "staff (a)": actor_of(staff),
        "former member": actor_of(former),
        "stranger": actor_of(await make_user(db)),
        "admin": actor_of(await make_user(db, role="admin")),
        "token for a": partner_principal(two.alice, businesses=[two.a]),
        "token for nothing of bob's": partner_principal(two.bob, businesses=[two.a]),
    }
    expected = {
        "alice (both)": {two.a, two.b},
        "bob (b)": {two.b},
        "staff (a)": {two.a},
        "former member": set(),
        "stranger": set(),
        "admin": {two.a, two.b},
        "token for a": {two.a},
        "token for nothing of bob's": set(),
    }
    for name, principal in principals.items():
        as_arm = set(
            await db.scalars(
                select(Business.id).where(
                    Business.id.in_([two.a, two.b]),
                    # As it is used: one arm of an OR whose other arm matches nothing.
                    or_(Business.id == uuid.uuid4(), readable_arm(Business.id, principal)),
                )
            )
        )
        assert as_arm == await readable(db, two, principal) == expected[name], name
