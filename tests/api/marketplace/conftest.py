"""Fixtures shared by the marketplace API tests: logged-in people and a host's listing.
A test module may define its own fixture of the same name to override one."""

from __future__ import annotations

import httpx
import pytest
from sqlalchemy.ext.asyncio import AsyncSession

from staykit.domain.catalog.models import UnitType

# localstripe and the Stripe adapter pointed at it, for the payment routes' tests.
from tests.domain.payments.conftest import localstripe, stripe_provider  # noqa: F401
from tests.factories import Person, make_listing, make_logged_in


@pytest.fixture
async def host(client: httpx.AsyncClient, db: AsyncSession) -> Person:
    return await make_logged_in(client, db)


@pytest.fixture
async def other(client: httpx.AsyncClient, db: AsyncSession) -> Person:
    return await make_logged_in(client, db)


@pytest.fixture
async def guest(client: httpx.AsyncClient, db: AsyncSession) -> Person:
    return await make_logged_in(client, db)


@pytest.fixture
async def user(client: httpx.AsyncClient, db: AsyncSession) -> Person:
    return await make_logged_in(client, db)


@pytest.fixture
async def admin(client: httpx.AsyncClient, db: AsyncSession) -> Person:
    return await make_logged_in(client, db, role="admin")


@pytest.fixture
async def listing(db: AsyncSession, host: Person) -> UnitType:
    return await make_listing(db, host)
