"""Signing-key rotation (staykit.domain.auth.keys): which keys rotate() retires and keeps."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from sqlalchemy import delete, select
from sqlalchemy.ext.asyncio import AsyncSession

from staykit.core.clock import FrozenClock, utcnow
from staykit.domain.auth.keys import add_key, keyring, rotate
from staykit.domain.auth.models import SigningKey

TTL = 86_400
pytestmark = pytest.mark.usefixtures("fresh_keyring")  # the keys added here are rolled back


@pytest.fixture
def frozen_at() -> datetime:
    # Far enough ahead that every key already in the database is older than anything here.
    return utcnow() + timedelta(days=30)


async def active_kids(db: AsyncSession) -> list[str]:
    rows = await db.scalars(
        select(SigningKey.kid)
        .where(SigningKey.retired_at.is_(None))
        .order_by(SigningKey.created_at, SigningKey.kid)
    )
    return list(rows.all())


async def test_rotate_adds_a_newest_key_and_keeps_its_recent_predecessor(
    db: AsyncSession, frozen: FrozenClock
) -> None:
    await add_key(db)
    frozen.advance(minutes=5)
    before = await active_kids(db)
    new = await rotate(db, TTL)
    after = await active_kids(db)
    assert after[-1] == new.kid
    assert new.created_at == frozen.now()
    assert new.private_pem.startswith("-----BEGIN PRIVATE KEY-----")
    assert new.public_pem.startswith("-----BEGIN PUBLIC KEY-----")
    # The key that signed until now may have tokens valid for another TTL: kept.
    assert before[-1] in after


async def test_rotate_retires_keys_whose_successor_is_older_than_the_token_ttl(
    db: AsyncSession, frozen: FrozenClock
) -> None:
    a = await add_key(db)  # signs from t0
    frozen.advance(hours=1)
    b = await add_key(db)  # supersedes a at t0+1h
    frozen.advance(hours=12)
    c = await add_key(db)  # supersedes b at t0+13h
    # At t0+1h+TTL-1s a's last token (signed just before b took over) is still valid.
    frozen.advance(seconds=TTL - 12 * 3600 - 1)
    d = await rotate(db, TTL)
    kids = await active_kids(db)
    assert {a.kid, b.kid, c.kid, d.kid} <= set(kids)

    # Two seconds later b has been current for longer than the TTL: a goes, the rest stay.
    frozen.advance(seconds=2)
    e = await rotate(db, TTL)
    kids = await active_kids(db)
    assert a.kid not in kids
    assert [b.kid, c.kid, d.kid, e.kid] == kids[-4:]
    await db.refresh(a)
    assert a.retired_at == frozen.now()

    # Every key superseded long ago goes in one rotation; the recent ones stay.
    frozen.advance(days=3)
    f = await rotate(db, TTL)
    kids = await active_kids(db)
    assert kids == [e.kid, f.kid]


async def test_first_rotation_on_an_empty_key_table_creates_the_only_key(
    db: AsyncSession, frozen: FrozenClock
) -> None:
    await db.execute(delete(SigningKey))
    new = await rotate(db, TTL)
    assert await active_kids(db) == [new.kid]


async def test_rotate_with_a_zero_ttl_retires_every_older_key(
    db: AsyncSession, frozen: FrozenClock
) -> None:
    await add_key(db)
    frozen.advance(seconds=1)
    new = await rotate(db, 0)
    assert await active_kids(db) == [new.kid]


async def test_retired_keys_stay_retired(db: AsyncSession, frozen: FrozenClock) -> None:
    old = await add_key(db)
    await rotate(db, TTL)  # supersedes old now
    frozen.advance(days=2)
    await rotate(db, TTL)
    await db.refresh(old)
    retired_at = old.retired_at
    assert retired_at is not None
    frozen.advance(days=2)
    await rotate(db, TTL)
    await db.refresh(old)
    assert old.retired_at == retired_at


async def test_a_rotated_key_signs_and_verifies_and_a_retired_key_no_longer_verifies(
    db: AsyncSession, frozen: FrozenClock
) -> None:
    claims = {"sub": "someone", "exp": int((frozen.now() + timedelta(hours=1)).timestamp())}
    old = await rotate(db, TTL)
    token_old = await keyring.sign_current(db, claims)
    assert token_old.split(".")[0]
    assert (await keyring.verify(token_old, db))["sub"] == "someone"
    frozen.advance(seconds=1)
    new = await rotate(db, 0)
    assert new.kid != old.kid
    token_new = await keyring.sign_current(db, claims)
    assert (await keyring.verify(token_new, db))["sub"] == "someone"
    from staykit.core.errors import Unauthenticated

    with pytest.raises(Unauthenticated):
        await keyring.verify(token_old, db)
