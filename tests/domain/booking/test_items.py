"""Invoice and info items: the business writes them, qty may be negative, amounts fit the
currency, and each change is a new version of the reservation."""

from __future__ import annotations

import uuid
from decimal import Decimal

import pytest
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from staykit.core.errors import Forbidden, InvalidInput, NotFound
from staykit.domain.booking import items
from staykit.domain.booking.models import InvoiceItem
from tests.domain.booking.test_flows import book
from tests.factories import actor_of, make_listing, make_user


async def test_the_host_adds_payments_and_corrections_and_the_version_goes_up(
    db: AsyncSession,
) -> None:
    host, guest = await make_user(db), await make_user(db)
    listing = await make_listing(db, host)
    r = await book(db, guest, listing.id, 0, 2)
    version, changed = r.record_version, r.updated_at
    paid = await items.add_invoice_item(
        db, actor_of(host), r.id, kind="payment", description="Card", amount=Decimal("200.00")
    )
    fix = await items.add_invoice_item(
        db,
        actor_of(host),
        r.id,
        kind="charge",
        description="Minibar correction",
        amount=Decimal("4.50"),
        qty=Decimal(-2),
        unit_assignment_id=None,
    )
    assert paid.currency == "EUR" and fix.qty == Decimal(-2)
    await db.refresh(r)
    assert r.record_version == version + 2 and r.updated_at >= changed
    info = await items.add_info_item(db, actor_of(host), r.id, code="ARRIVAL", text="Late, 23:00")
    assert info.code == "ARRIVAL"
    removed = await items.remove_item(db, actor_of(host), r.id, fix.id)
    assert removed.is_active is False
    with pytest.raises(NotFound):
        await items.remove_item(db, actor_of(host), r.id, fix.id)
    with pytest.raises(NotFound):
        await items.remove_item(db, actor_of(host), r.id, uuid.uuid4())
    active = (
        await db.scalars(
            select(InvoiceItem).where(InvoiceItem.reservation_id == r.id, InvoiceItem.is_active)
        )
    ).all()
    assert {i.kind for i in active} == {"charge", "payment"}


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"kind": "gift"}, "type"),
        ({"description": ""}, "description"),
        ({"description": "x" * 251}, "description"),
        ({"amount": Decimal("1.001")}, "amount"),
        ({"amount": Decimal("1e12")}, "amount"),
        ({"qty": Decimal(0)}, "qty"),
        ({"qty": Decimal("0.0001")}, "qty"),
        ({"vat_rate": Decimal(101)}, "vat_rate"),
        ({"unit_assignment_id": uuid.uuid4()}, "unit_assignment_id"),
    ],
)
async def test_bad_invoice_items_are_refused_naming_the_field(
    db: AsyncSession, kwargs: dict[str, object], field: str
) -> None:
    host, guest = await make_user(db), await make_user(db)
    listing = await make_listing(db, host)
    r = await book(db, guest, listing.id, 0, 2)
    base: dict[str, object] = {"kind": "charge", "description": "Extra", "amount": Decimal(5)}
    base.update(kwargs)
    with pytest.raises(InvalidInput) as err:
        await items.add_invoice_item(db, actor_of(host), r.id, **base)  # type: ignore[arg-type]
    assert err.value.field == field


async def test_only_the_business_writes_items(db: AsyncSession) -> None:
    host, guest, stranger = await make_user(db), await make_user(db), await make_user(db)
    listing = await make_listing(db, host)
    r = await book(db, guest, listing.id, 0, 2)
    with pytest.raises(Forbidden):
        await items.add_info_item(db, actor_of(guest), r.id, code="X", text="y")
    with pytest.raises(NotFound):
        await items.add_info_item(db, actor_of(stranger), r.id, code="X", text="y")
