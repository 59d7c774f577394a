"""The ledger: recording money movements (each once) and reading balances from them.

Writing: `record_entry` inserts with ON CONFLICT DO NOTHING, so of two writers of the same
operation (same idempotency key, or the same provider payment or payout) exactly one row
is written, race-free: the second waits for the first to commit, writes nothing, and
gets the first's row back. A key already used for a different movement is refused. The
row that is written brings its invoice line (payments and refunds) in the same step.

Reading: a reservation's balance and a business's (the host's) balances per currency,
each ONE grouped aggregate (the sum of amounts per kind, an index-only scan of
ix_ledger_entries_reservation or ix_ledger_entries_business read in index order), folded
into the figures:

    charged     guest_charge + city_tax + adjustment: what the guest is asked to pay
    paid        guest_payment
    refunded    refund
    fee         platform_fee: what the platform kept
    payout      host_payout
    outstanding the money held for the reservation: paid - refunded - fee - payout,
                summed from each kind's own effect on it (HELD_EFFECT)

and the invariant `paid - refunded = fee + payout + outstanding`, with outstanding never
negative and refunds never above payments, is checked by `check_balanced`.

A batch that settles many reservations in one transaction (the payment inbox's worker)
reads their balances at once instead (`keeping_balances`: one grouped aggregate for all,
after it has locked their rows): `reservation_balance` then answers from those sums, and
`record_entry` adds each row it writes to them, so they stay what the query would say.
Every writer of a reservation's money holds its row lock, so no other transaction can
change them meanwhile. A batch whose writes roll back forgets them (`forget_balances`).
"""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator, Iterable
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cache

from sqlalchemy import (
    CTE,
    ColumnElement,
    Select,
    Table,
    bindparam,
    func,
    literal,
    or_,
    select,
    text,
)
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import aliased

from staykit.core import money
from staykit.core.clock import utcnow
from staykit.core.ids import uuid7
from staykit.domain.access.principal import Credential, Principal
from staykit.domain.booking.errors import ReservationNotFound
from staykit.domain.booking.models import InvoiceItem, Reservation
from staykit.domain.payments import money_events
from staykit.domain.payments.errors import LedgerEntryConflict
from staykit.domain.payments.models import ENTRY_KINDS, PROVIDER_MOVEMENTS, LedgerEntry
from staykit.domain.tenancy.service import require_reader

ZERO = Decimal(0)


@dataclass(frozen=True, slots=True)
class NewEntry:
    kind: str
    amount: Decimal
    currency: str
    reservation_id: uuid.UUID
    business_id: uuid.UUID
    idempotency_key: str
    provider: str | None = None
    provider_ref: str | None = None
    related_entry_id: uuid.UUID | None = None
    memo: str | None = None

    def same_movement(self, row: LedgerEntry) -> bool:
        """Whether an existing row records this very movement (a retry of it)."""
        return (
            row.kind == self.kind
            and row.amount == self.amount
            and row.currency == self.currency
            and row.reservation_id == self.reservation_id
            and row.related_entry_id == self.related_entry_id
        )


async def lock_reservation_money(session: AsyncSession, reservation_id: uuid.UUID) -> None:
    """Serialise the writers of one reservation's money (refunds, payouts) until the
    transaction ends, so that a check of what is left and the row that spends it cannot
    interleave with another's. The lock is payments' own (booking changes do not wait)."""
    await session.execute(
        text("SELECT pg_advisory_xact_lock(hashtextextended(:key, 0))"),
        {"key": f"payments:reservation:{reservation_id}"},
    )


async def record_entry(
    session: AsyncSession, principal: Principal | None, entry: NewEntry
) -> tuple[LedgerEntry, bool]:
    """Write the movement once: (the row, True) when this call wrote it, (the existing row,
    False) when the same operation was recorded before. `principal` None is the platform
    itself (a webhook, a job). Raises LedgerEntryConflict when the key or the provider
    object is already recorded as a different movement."""
    if entry.kind not in ENTRY_KINDS:
        raise ValueError(f"unknown ledger entry kind {entry.kind!r}")
    credential = Credential.SYSTEM if principal is None else principal.credential
    entry_id = uuid7()
    params = {
        "id": entry_id,
        "kind": entry.kind,
        "amount": entry.amount,
        "currency": entry.currency,
        "reservation_id": entry.reservation_id,
        "business_id": entry.business_id,
        "related_entry_id": entry.related_entry_id,
        "provider": entry.provider,
        "provider_ref": entry.provider_ref,
        "idempotency_key": entry.idempotency_key,
        "memo": entry.memo,
        "created_at": utcnow(),
        "actor_id": None if principal is None else principal.user_id,
        "credential": credential.value,
        "client_id": None if principal is None else principal.client_id,
        "token_id": None if principal is None else principal.token_id,
        "surface": (principal.surface or None) if principal is not None else None,
    }
    shown = INVOICE_LINES.get(entry.kind)
    if shown is not None:
        kind, code, description, qty = shown
        if entry.memo:
            description = f"{description}: {entry.memo}"[:250]
        params |= {
            "line_id": uuid7(),
            "line_kind": kind,
            "line_code": code,
            "line_description": description,
            "line_qty": qty,
        }
    written = await session.scalar(_insert_statement(shown is not None), params)
    if written is not None:
        book = session.info.get(_BOOK)
        if isinstance(book, _BalanceBook):
            book.add(written.reservation_id, written.kind, written.amount)
        # Its payment.* / payout.* event, only for a row this call wrote.
        await money_events.record_movement(session, principal, written)
        return written, True
    existing = await _existing(session, entry)
    if existing is None or not entry.same_movement(existing):
        raise LedgerEntryConflict(entry.idempotency_key)
    return existing, False


# The reservation's invoice line of a movement the guest sees on their bill (Beds24's
# invoiceItems, the Cloud API's invoices): (kind, code, description, qty). A refund is
# written as lifecycle.cancel writes one, a negative line (qty -1).
INVOICE_LINES = {
    "guest_payment": ("payment", "payment", "Payment", Decimal(1)),
    "refund": ("refund", "refund", "Refund", Decimal(-1)),
}
_ENTRY_COLUMNS = (
    "id",
    "kind",
    "amount",
    "currency",
    "reservation_id",
    "business_id",
    "related_entry_id",
    "provider",
    "provider_ref",
    "idempotency_key",
    "memo",
    "created_at",
    "actor_id",
    "credential",
    "client_id",
    "token_id",
    "surface",
)


@cache
def _insert_statement(with_line: bool) -> Select[LedgerEntry]:
    """The row's INSERT ... ON CONFLICT DO NOTHING RETURNING, as the ledger row it wrote
    (nothing: the operation was recorded before), with its invoice line when it has one.
    Built once with bound parameters: a webhook's worker writes many of them."""
    table = LedgerEntry.__table__
    assert isinstance(table, Table)
    inserted = (
        insert(table)
        .values({name: bindparam(name, type_=table.c[name].type) for name in _ENTRY_COLUMNS})
        .on_conflict_do_nothing()
        .returning(*table.c)
        .cte("written")
    )
    stmt = select(aliased(LedgerEntry, inserted))
    if with_line:
        stmt = stmt.add_cte(_invoice_line(inserted))
    return stmt


def _invoice_line(inserted: CTE) -> CTE:
    """The invoice line of the movement, inserted by the same statement as its ledger row,
    and only if that row is (`inserted`: the row's INSERT ... ON CONFLICT DO NOTHING): the
    reservation's invoice shows every payment and refund of the ledger, to the cent,
    written by this one function (the line's money cannot change afterwards: migration
    0018's trigger)."""
    items = InvoiceItem.__table__
    assert isinstance(items, Table)
    bound = {"kind": "line_kind", "code": "line_code", "description": "line_description"}
    values: dict[str, ColumnElement[object]] = {
        "id": bindparam("line_id", type_=items.c.id.type),
        **{k: bindparam(v, type_=items.c[k].type) for k, v in bound.items()},
        "qty": bindparam("line_qty", type_=items.c.qty.type),
        "vat_rate": literal(Decimal(0), items.c.vat_rate.type),
        "ledger_entry_id": inserted.c.id,
    }
    copied = ("reservation_id", "business_id", "amount", "currency")
    row = select(
        *(v.label(k) for k, v in values.items()),
        *(inserted.c[k] for k in copied),
    ).select_from(inserted)
    # The table's server defaults fill the record fields (no client-side defaults here).
    written = insert(items).from_select([*values, *copied], row, include_defaults=False)
    return written.cte("invoice_line")


async def _existing(session: AsyncSession, entry: NewEntry) -> LedgerEntry | None:
    """The row that made this insert do nothing: same key, or the same provider object."""
    found: list[ColumnElement[bool]] = [LedgerEntry.idempotency_key == entry.idempotency_key]
    if entry.kind in PROVIDER_MOVEMENTS and entry.provider_ref is not None:
        found.append(
            (LedgerEntry.provider == entry.provider)
            & (LedgerEntry.kind == entry.kind)
            & (LedgerEntry.provider_ref == entry.provider_ref)
        )
    rows = await session.scalars(select(LedgerEntry).where(or_(*found)))
    return rows.first()


# --- balances -----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Balance:
    currency: str
    charged: Decimal = ZERO
    paid: Decimal = ZERO
    refunded: Decimal = ZERO
    fee: Decimal = ZERO
    payout: Decimal = ZERO
    outstanding: Decimal = ZERO

    @property
    def due(self) -> Decimal:
        """What the guest still owes (negative: paid more than charged). A cancellation
        that keeps part of the money lowers `charged` with an adjustment row."""
        return self.charged - (self.paid - self.refunded)

    @property
    def refundable(self) -> Decimal:
        return self.paid - self.refunded


# Which figure each kind counts in, and (separately) its effect on the money held for the
# reservation: outstanding is summed from these effects, not derived from the other
# figures, so the invariant compares two independent readings of the same rows.
FIGURE_OF = {
    "guest_charge": "charged",
    "city_tax": "charged",
    "adjustment": "charged",
    "guest_payment": "paid",
    "refund": "refunded",
    "platform_fee": "fee",
    "host_payout": "payout",
}
HELD_EFFECT = {"guest_payment": 1, "refund": -1, "platform_fee": -1, "host_payout": -1}


def _balance(currency: str, sums: Iterable[tuple[str | None, Decimal | None]]) -> Balance:
    """Fold (kind, sum of its amounts) into the figures, in the currency's own decimals
    (the column keeps 3 for every currency)."""
    figures = dict.fromkeys(("charged", "paid", "refunded", "fee", "payout", "outstanding"), ZERO)
    for kind, total in sums:
        if kind is None or total is None:  # a reservation with no rows yet
            continue
        figures[FIGURE_OF[kind]] += total
        figures["outstanding"] += HELD_EFFECT.get(kind, 0) * total
    return Balance(currency, **{k: money.quantize(v, currency) for k, v in figures.items()})


async def reservation_balance(session: AsyncSession, reservation_id: uuid.UUID) -> Balance:
    """The reservation's figures, in its currency (every row of it is in that currency):
    one grouped aggregate over ix_ledger_entries_reservation (kind, amount), or the sums
    the session keeps (`keeping_balances`)."""
    book = session.info.get(_BOOK)
    if isinstance(book, _BalanceBook) and reservation_id in book.sums:
        return _balance(book.currency[reservation_id], book.sums[reservation_id].items())
    stmt = (
        select(Reservation.currency, LedgerEntry.kind, func.sum(LedgerEntry.amount))
        .select_from(Reservation)
        .outerjoin(LedgerEntry, LedgerEntry.reservation_id == Reservation.id)
        .where(Reservation.id == reservation_id)
        .group_by(Reservation.currency, LedgerEntry.kind)
    )
    rows = (await session.execute(stmt)).all()
    if not rows:
        raise ReservationNotFound(reservation_id)
    return _balance(rows[0][0], ((kind, total) for _, kind, total in rows))


_BOOK = "staykit.ledger.balances"


@dataclass
class _BalanceBook:
    """Per reservation kept: its currency and the sum of its amounts per kind."""

    currency: dict[uuid.UUID, str] = field(default_factory=dict)
    sums: dict[uuid.UUID, dict[str, Decimal]] = field(default_factory=dict)

    def add(self, reservation_id: uuid.UUID, kind: str, amount: Decimal) -> None:
        kinds = self.sums.get(reservation_id)
        if kinds is not None:
            kinds[kind] = kinds.get(kind, ZERO) + amount


@asynccontextmanager
async def keeping_balances(
    session: AsyncSession, reservations: dict[uuid.UUID, str]
) -> AsyncIterator[None]:
    """While the block runs, the balances of `reservations` (id -> currency; the caller
    holds their row locks) are read once, here, and kept by the session (see the module)."""
    book = _BalanceBook(currency=dict(reservations))
    book.sums = {rid: {} for rid in reservations}
    if reservations:
        rows = await session.execute(
            select(LedgerEntry.reservation_id, LedgerEntry.kind, func.sum(LedgerEntry.amount))
            .where(LedgerEntry.reservation_id.in_(list(reservations)))
            .group_by(LedgerEntry.reservation_id, LedgerEntry.kind)
        )
        for rid, kind, total in rows:
            book.sums[rid][kind] = total
    session.info[_BOOK] = book
    try:
        yield
    finally:
        session.info.pop(_BOOK, None)


def forget_balances(session: AsyncSession) -> None:
    """Stop answering from the kept balances (writes they counted were rolled back): each
    reservation_balance reads its own again until the block ends."""
    session.info.pop(_BOOK, None)


def business_sums(business_id: uuid.UUID) -> Select[str, str, Decimal]:
    """The business's (currency, kind, sum of amounts) rows: the balance's one query."""
    return (
        select(LedgerEntry.currency, LedgerEntry.kind, func.sum(LedgerEntry.amount))
        .where(LedgerEntry.business_id == business_id)
        .group_by(LedgerEntry.currency, LedgerEntry.kind)
        .order_by(LedgerEntry.currency, LedgerEntry.kind)
    )


async def business_balances(
    session: AsyncSession, principal: Principal, business_id: uuid.UUID
) -> dict[str, Balance]:
    """A host's (business's) figures over all its reservations, per currency: one grouped
    aggregate, an index-only scan of ix_ledger_entries_business (currency, kind, amount)
    read in its order. Readable by the business's members and admins."""
    await require_reader(session, principal, business_id)
    per_currency: dict[str, list[tuple[str, Decimal]]] = {}
    for currency, kind, total in await session.execute(business_sums(business_id)):
        per_currency.setdefault(currency, []).append((kind, total))
    return {c: _balance(c, sums) for c, sums in per_currency.items()}


def check_balanced(balance: Balance) -> list[str]:
    """What is wrong with the balance, in words; empty when it holds:
    paid - refunded = fee + payout + outstanding, outstanding >= 0, refunded <= paid."""
    problems: list[str] = []
    if balance.paid - balance.refunded != balance.fee + balance.payout + balance.outstanding:
        problems.append(
            f"paid {balance.paid} - refunded {balance.refunded} != fee {balance.fee} + "
            f"payout {balance.payout} + outstanding {balance.outstanding}"
        )
    if balance.outstanding < 0:
        problems.append(f"more left the reservation than came in ({balance.outstanding})")
    if balance.refunded > balance.paid:
        problems.append(f"refunded {balance.refunded} is more than paid {balance.paid}")
    return problems


async def entries_of(
    session: AsyncSession, reservation_id: uuid.UUID, kinds: Iterable[str] | None = None
) -> list[LedgerEntry]:
    """A reservation's rows, oldest first (optionally of some kinds)."""
    stmt = select(LedgerEntry).where(LedgerEntry.reservation_id == reservation_id)
    if kinds is not None:
        stmt = stmt.where(LedgerEntry.kind.in_(list(kinds)))
    return list(await session.scalars(stmt.order_by(LedgerEntry.created_at, LedgerEntry.id)))
