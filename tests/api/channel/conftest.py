"""The Channel API tests' account: the PMS-shaped business of tests/pms.py, with Channel
API tokens in the `token` header (`await pms.headers(*scopes)`) and credits to spare."""

from __future__ import annotations

import pytest
from sqlalchemy.ext.asyncio import AsyncSession

from tests.pms import Pms, build_pms

__all__ = ["Pms"]


@pytest.fixture
async def pms(db: AsyncSession) -> Pms:
    return await build_pms(db, channel=True)
