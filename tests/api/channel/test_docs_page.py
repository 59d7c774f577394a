"""docs/channel-api.md's `shell` blocks: the invite-code walk-through, run as its reader
would after `staykit invite create` printed a code (the `sh` blocks run in tests/test_docs.py
with every page)."""

from __future__ import annotations

import re
from pathlib import Path

import httpx
import pytest
from sqlalchemy.ext.asyncio import AsyncSession

from staykit.domain.partners import channel
from staykit.domain.tenancy.service import ensure_business
from tests import test_docs
from tests.factories import actor_of, make_user

PAGE = Path(__file__).resolve().parents[3] / "docs" / "channel-api.md"


async def test_the_invite_walk_through_answers_as_documented(
    client: httpx.AsyncClient, db: AsyncSession, monkeypatch: pytest.MonkeyPatch
) -> None:
    host = await make_user(db, email="host@staykit.local")
    business = await ensure_business(db, actor_of(host))
    _, code = await channel.create_invite(
        db, actor_of(host), business.id, ["all:bookings", "read:inventory"]
    )
    await db.commit()
    monkeypatch.setattr(test_docs, "BLOCK", re.compile(r"```shell\n(.*?)```", re.S))
    calls = [s for s in test_docs.steps(PAGE) if isinstance(s, test_docs.Call)]
    assert len(calls) == 6  # the walk-through is there to run
    await test_docs.run_page(PAGE, client, {"BASE": "", "CODE": code, "LONG_LIFE": ""})
