"""Fixtures shared by the catalog domain tests."""

from __future__ import annotations

import pytest
from sqlalchemy.ext.asyncio import AsyncSession

from tests.factories import Person, make_user


@pytest.fixture
async def host(db: AsyncSession) -> Person:
    return await make_user(db)
