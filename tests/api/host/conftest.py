"""People for the host page tests: each signs in through the pages when a test says so."""

from __future__ import annotations

import pytest
from sqlalchemy.ext.asyncio import AsyncSession

from tests.factories import Person, make_user


@pytest.fixture
async def host(db: AsyncSession) -> Person:
    return await make_user(db)


@pytest.fixture
async def other_host(db: AsyncSession) -> Person:
    return await make_user(db)


@pytest.fixture
async def guest(db: AsyncSession) -> Person:
    return await make_user(db)
