"""The Cloud API tests' tenant: the PMS-shaped business of tests/pms.py, with Cloud API
tenant tokens (`await pms.headers(*scopes)`)."""

from __future__ import annotations

import pytest
from sqlalchemy.ext.asyncio import AsyncSession

from tests.pms import Pms, build_pms

__all__ = ["Pms"]


@pytest.fixture
async def pms(db: AsyncSession) -> Pms:
    return await build_pms(db)
