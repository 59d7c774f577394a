"""Invoice items (charges, payments, refunds) and info items of a reservation, written by
the business (hosts, PMS integrations). Amounts are Decimal in the reservation's currency;
`qty` may be negative (a correction or a refund line)."""

from __future__ import annotations

import uuid
from decimal import Decimal
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from staykit.core import money
from staykit.core.errors import Conflict, Forbidden, InvalidInput
from staykit.core.schemas import check_text
from staykit.domain.access.principal import Principal
from staykit.domain.booking.errors import ItemNotFound
from staykit.domain.booking.models import (
    INVOICE_KINDS,
    InfoItem,
    InvoiceItem,
    Reservation,
    UnitAssignment,
)
from staykit.domain.booking.repository import get_reservation, may_manage

MAX_QTY = Decimal("100000")
MAX_AMOUNT = Decimal("100000000")
MAX_ITEMS = 500


async def _managed(
    session: AsyncSession, actor: Principal | None, reservation_id: uuid.UUID
) -> Reservation:
    reservation, _ = await get_reservation(session, actor, reservation_id, lock=True)
    assert actor is not None
    if not await may_manage(session, actor, reservation):
        raise Forbidden(
            "Only the business's owners and managers may change a reservation's items.",
            code="notYourListing",
        )
    return reservation


def _check_qty(qty: Decimal) -> None:
    if qty == 0 or abs(qty) > MAX_QTY or qty != qty.quantize(Decimal("0.001")):
        raise InvalidInput(
            f"qty must be non-zero, at most {MAX_QTY} either way, with up to 3 decimals.",
            code="qtyIsInvalid",
            field="qty",
        )


def _check_amount(amount: Decimal, currency: str) -> None:
    if abs(amount) > MAX_AMOUNT or not money.fits(amount, currency):
        raise InvalidInput(
            f"amount must have at most the decimals of {currency} and be at most {MAX_AMOUNT}.",
            code="amountIsInvalid",
            field="amount",
        )


def _check_vat_rate(vat_rate: Decimal) -> None:
    if not Decimal(0) <= vat_rate <= Decimal(100):
        raise InvalidInput(
            "vatRate must be between 0 and 100.", code="vatRateIsInvalid", field="vat_rate"
        )


def _not_a_ledger_line(item: InvoiceItem) -> None:
    """A payment or refund the platform moved is shown as the ledger wrote it."""
    if item.ledger_entry_id is not None:
        raise Conflict(
            "This line is a payment or refund the platform recorded: it cannot be changed "
            "or removed (add a line of your own to correct the invoice).",
            code="platformPaymentLine",
            field="invoice_items",
        )


def touch(reservation: Reservation) -> None:
    """An item change is a change of the reservation: new version, new updated_at (the
    database's time, as the feed needs)."""
    reservation.updated_at = func.now()


async def add_invoice_item(
    session: AsyncSession,
    actor: Principal | None,
    reservation_id: uuid.UUID,
    *,
    kind: str,
    description: str,
    amount: Decimal,
    qty: Decimal = Decimal(1),
    vat_rate: Decimal = Decimal(0),
    code: str | None = None,
    unit_assignment_id: uuid.UUID | None = None,
) -> InvoiceItem:
    reservation = await _managed(session, actor, reservation_id)
    if kind not in INVOICE_KINDS:
        raise InvalidInput(
            f"type must be one of {', '.join(INVOICE_KINDS)}.", code="typeIsInvalid", field="type"
        )
    check_text("description", description, 250, required=True)
    if code is not None:
        check_text("code", code, 40, required=True)
    _check_qty(qty)
    _check_amount(amount, reservation.currency)
    _check_vat_rate(vat_rate)
    if unit_assignment_id is not None:
        owner = await session.scalar(
            select(UnitAssignment.reservation_id).where(UnitAssignment.id == unit_assignment_id)
        )
        if owner != reservation.id:
            raise InvalidInput(
                "unitAssignmentId is not an assignment of this reservation.",
                code="unitAssignmentIdIsInvalid",
                field="unit_assignment_id",
            )
    count = await session.scalar(
        select(InvoiceItem.id)
        .where(InvoiceItem.reservation_id == reservation.id, InvoiceItem.is_active)
        .offset(MAX_ITEMS - 1)
        .limit(1)
    )
    if count is not None:
        raise InvalidInput(
            f"A reservation holds at most {MAX_ITEMS} invoice items.",
            code="tooManyItems",
            field="invoice_items",
        )
    item = InvoiceItem(
        reservation_id=reservation.id,
        business_id=reservation.business_id,
        unit_assignment_id=unit_assignment_id,
        kind=kind,
        code=code,
        description=description,
        qty=qty,
        amount=amount,
        vat_rate=vat_rate,
        currency=reservation.currency,
    )
    session.add(item)
    touch(reservation)
    await session.flush()
    return item


async def add_info_item(
    session: AsyncSession,
    actor: Principal | None,
    reservation_id: uuid.UUID,
    *,
    code: str,
    text: str,
) -> InfoItem:
    reservation = await _managed(session, actor, reservation_id)
    _check_info(code, text)
    item = InfoItem(
        reservation_id=reservation.id, business_id=reservation.business_id, code=code, text=text
    )
    session.add(item)
    touch(reservation)
    await session.flush()
    return item


def _check_info(code: str | None, text: str | None) -> None:
    if code is not None:
        check_text("code", code, 50, required=True)
    if text is not None:
        check_text("text", text, 1000, required=True)


async def change_item(
    session: AsyncSession,
    actor: Principal | None,
    reservation_id: uuid.UUID,
    kind: str,
    item_id: uuid.UUID,
    values: dict[str, Any],
) -> None:
    """Change an invoice item (kind charge or payment, description, qty, amount, vat_rate)
    or an info item (code, text) of the reservation in place, by the rules a new one
    meets. `values` holds only what changes."""
    reservation = await _managed(session, actor, reservation_id)
    if kind == "info":
        info = await session.get(InfoItem, item_id, with_for_update=True)
        if info is None or info.reservation_id != reservation.id or not info.is_active:
            raise ItemNotFound(item_id)
        _check_info(values.get("code", info.code), values.get("text", info.text))
        info.code = values.get("code", info.code)
        info.text = values.get("text", info.text)
    else:
        item = await session.get(InvoiceItem, item_id, with_for_update=True)
        if item is None or item.reservation_id != reservation.id or not item.is_active:
            raise ItemNotFound(item_id)
        _not_a_ledger_line(item)
        if "kind" in values and values["kind"] not in ("charge", "payment"):
            raise InvalidInput("type must be charge or payment.", field="kind")
        if "description" in values:
            check_text("description", values["description"], 250, required=True)
        qty = Decimal(values["qty"]) if "qty" in values else item.qty
        amount = Decimal(values["amount"]) if "amount" in values else item.amount
        vat_rate = Decimal(values["vat_rate"]) if "vat_rate" in values else item.vat_rate
        _check_qty(qty)
        _check_amount(amount, reservation.currency)
        _check_vat_rate(vat_rate)
        item.kind = values.get("kind", item.kind)
        item.description = values.get("description", item.description)
        item.qty, item.amount, item.vat_rate = qty, amount, vat_rate
    touch(reservation)
    await session.flush()


async def remove_item(
    session: AsyncSession, actor: Principal | None, reservation_id: uuid.UUID, item_id: uuid.UUID
) -> InvoiceItem | InfoItem:
    """Soft-delete an invoice or info item of the reservation."""
    reservation = await _managed(session, actor, reservation_id)
    candidates: list[InvoiceItem | InfoItem | None] = [
        await session.get(InvoiceItem, item_id),
        await session.get(InfoItem, item_id),
    ]
    for item in candidates:
        if item is not None and item.reservation_id == reservation.id and item.is_active:
            if isinstance(item, InvoiceItem):
                _not_a_ledger_line(item)
            item.is_active = False
            touch(reservation)
            await session.flush()
            return item
    raise ItemNotFound(item_id)
