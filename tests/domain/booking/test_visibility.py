"""Booking's readable statement (repository.visible_condition) as PostgreSQL plans it: the
guest, host and business-member arms of its OR are each an index condition, so a guest's
or a host's reservations are found through indexes (a BitmapOr), never by testing every
row of the table. Who sees what is covered by the reservation and BFF permission tests."""

from __future__ import annotations

import uuid

import pytest
from sqlalchemy import select, text
from sqlalchemy.dialects import postgresql
from sqlalchemy.ext.asyncio import AsyncSession

from staykit.domain.access.principal import Credential, Principal
from staykit.domain.booking.models import Reservation
from staykit.domain.booking.repository import visible_condition


async def plan_of(db: AsyncSession, principal: Principal) -> str:
    stmt = (
        select(Reservation)
        .where(visible_condition(principal))
        .order_by(Reservation.arrival.desc(), Reservation.id.desc())
        .limit(25)
    )
    compiled = stmt.compile(dialect=postgresql.dialect(), compile_kwargs={"literal_binds": True})
    # The test table is small, where a sequential scan is the cheapest plan anyway: with
    # it priced out, the plan shows which index paths the statement allows at all.
    await db.execute(text("SET LOCAL enable_seqscan = off"))
    rows = await db.execute(text(f"EXPLAIN {compiled}"))
    return "\n".join(line for (line,) in rows)


@pytest.mark.parametrize("down_scoped", [False, True], ids=["session", "partner token"])
async def test_each_arm_of_the_readable_statement_is_an_index_scan(
    db: AsyncSession, down_scoped: bool
) -> None:
    me = Principal(user_id=uuid.uuid4())
    if down_scoped:
        me = Principal(
            user_id=me.user_id,
            credential=Credential.OAUTH_TOKEN,
            businesses=frozenset({uuid.uuid4()}),
        )
    plan = await plan_of(db, me)
    assert "Seq Scan on reservations" not in plan, plan
    assert "SubPlan" not in plan, plan  # no row-by-row membership test
    assert "BitmapOr" in plan, plan
    assert "Index Cond: (guest_id = " in plan, plan
    assert "Index Cond: (host_id = " in plan, plan
    assert "Index Cond: (business_id = ANY ($0))" in plan, plan


async def test_an_admin_reads_every_active_reservation_without_a_membership_test(
    db: AsyncSession,
) -> None:
    plan = await plan_of(db, Principal(user_id=uuid.uuid4(), role_id="admin"))
    assert "business_members" not in plan, plan
