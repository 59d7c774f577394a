"""Financial reports: a month's money in one currency, summed from the ledger by the
server, stored once and never changed.

What each total sums (ledger rows written in the month, UTC, in the currency):
    totalRevenue       guest_payment  (money taken from guests)
    totalRefunds       refund         (money returned to guests)
    totalPayouts       host_payout    (money sent to hosts)
    totalPlatformFees  platform_fee   (what the platform kept)
    cityTaxByLocation  city_tax, by the reservation's property "City, CC"
A client's totals are claims: when sent and different from the ledger's, the report is
refused with a 409 naming the ledger's figures (an admin reconciling elsewhere learns
what differs); when left out, the server's are used. A month is reported once it has
ended, once per currency (409 for a second).
"""

from __future__ import annotations

import re
import uuid
from dataclasses import dataclass
from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any

from pydantic.alias_generators import to_camel
from sqlalchemy import ColumnElement, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from staykit.core import money
from staykit.core.clock import utcnow
from staykit.core.errors import Conflict, InvalidInput
from staykit.domain.access.principal import Principal
from staykit.domain.audit.service import record_audit
from staykit.domain.auth import policy
from staykit.domain.booking.models import Reservation
from staykit.domain.catalog.models import Property
from staykit.domain.payments.models import LedgerEntry
from staykit.domain.records import Records, UniqueRule, unique_guard
from staykit.domain.reports.models import FinancialReport

PERIOD = re.compile(r"^(\d{4})-(0[1-9]|1[0-2])$")
TOTAL_KINDS = {
    "guest_payment": "total_revenue",
    "refund": "total_refunds",
    "host_payout": "total_payouts",
    "platform_fee": "total_platform_fees",
    "city_tax": "total_city_tax",
}
UNKNOWN_LOCATION = "unknown"

ONE_PER_PERIOD = UniqueRule(
    "uq_financial_reports_period_currency",
    "period",
    "This period already has a report in that currency: reports are never regenerated.",
    "financialReportAlreadyExists",
)


def month_bounds(period: str) -> tuple[datetime, datetime]:
    """[first instant, first instant of the next month) of "YYYY-MM", in UTC."""
    match = PERIOD.match(period)
    if match is None:
        raise InvalidInput(
            "period must be a month written YYYY-MM, e.g. 2026-11.",
            code="periodIsInvalid",
            field="period",
        )
    year, month = int(match[1]), int(match[2])
    start = datetime(year, month, 1, tzinfo=UTC)
    end = datetime(year + (month == 12), month % 12 + 1, 1, tzinfo=UTC)
    return start, end


def previous_month(today: date) -> str:
    year, month = (today.year, today.month - 1) if today.month > 1 else (today.year - 1, 12)
    return f"{year:04d}-{month:02d}"


def _in_period(currency: str, start: datetime, end: datetime) -> list[ColumnElement[bool]]:
    return [
        LedgerEntry.currency == currency,
        LedgerEntry.created_at >= start,
        LedgerEntry.created_at < end,
    ]


@dataclass(frozen=True)
class Figures:
    totals: dict[str, Decimal]  # attribute -> amount
    city_tax_by_location: dict[str, str]
    entry_count: int


async def compute(session: AsyncSession, period: str, currency: str) -> Figures:
    """The month's totals from the ledger: two aggregates, quantized to the currency."""
    start, end = month_bounds(period)
    where = _in_period(currency, start, end)
    totals = dict.fromkeys(TOTAL_KINDS.values(), Decimal(0))
    count = 0
    for kind, amount, n in (
        await session.execute(
            select(LedgerEntry.kind, func.sum(LedgerEntry.amount), func.count())
            .where(*where)
            .group_by(LedgerEntry.kind)
        )
    ).tuples():
        count += n
        if kind in TOTAL_KINDS:
            totals[TOTAL_KINDS[kind]] = Decimal(amount)
    location = func.coalesce(
        func.nullif(func.concat_ws(", ", Property.city, Property.country), ""),
        UNKNOWN_LOCATION,
    )
    by_location: dict[str, str] = {}
    for place, amount in (
        await session.execute(
            select(location, func.sum(LedgerEntry.amount))
            .join(Reservation, Reservation.id == LedgerEntry.reservation_id)
            .join(Property, Property.id == Reservation.property_id)
            .where(*where, LedgerEntry.kind == "city_tax")
            .group_by(location)
            .order_by(location)
        )
    ).tuples():
        by_location[str(place)] = str(money.quantize(Decimal(amount), currency))
    return Figures({k: money.quantize(v, currency) for k, v in totals.items()}, by_location, count)


@dataclass(frozen=True, slots=True)
class NewReport:
    """createFinancialReport. The totals are the client's claims (checked, never stored);
    `claimed_creator` is the spec's createdBy: the caller."""

    period: str
    currency: str
    claimed_totals: dict[str, Decimal | None] | None = None  # attribute -> amount
    claimed_city_tax: dict[str, Any] | None = None
    claimed_creator: uuid.UUID | None = None
    ip_address: str | None = None


def _check_claims(command: NewReport, figures: Figures) -> None:
    differ: list[str] = []
    for attr, claimed in (command.claimed_totals or {}).items():
        if claimed is not None and Decimal(claimed) != figures.totals[attr]:
            differ.append(attr)
    claimed_tax = command.claimed_city_tax
    if claimed_tax is not None:
        try:
            same = {k: Decimal(str(v)) for k, v in claimed_tax.items()} == {
                k: Decimal(v) for k, v in figures.city_tax_by_location.items()
            }
        except ArithmeticError:
            same = False
        if not same:
            differ.append("city_tax_by_location")
    if differ:
        ledger = ", ".join(
            f"{to_camel(attr)} {figures.totals[attr]}"
            for attr in TOTAL_KINDS.values()
            if attr in differ
        )
        if "city_tax_by_location" in differ:
            ledger = f"{ledger}, cityTaxByLocation {figures.city_tax_by_location}".lstrip(", ")
        raise Conflict(
            f"The sent totals differ from the ledger's for {command.period} "
            f"{command.currency}: {ledger}. Leave the totals out to store the ledger's.",
            code="totalsDifferFromLedger",
            field=differ[0],
        )


async def generate(
    session: AsyncSession, actor: Principal | None, command: NewReport
) -> FinancialReport:
    """The month's report in the currency, from the ledger, with its audit row. Admins
    (or the platform's monthly job, `actor` None); the month must have ended."""
    me = actor if actor is None else policy.require_admin(actor)
    if not money.is_currency(command.currency):
        raise InvalidInput(
            f"{command.currency!r} is not an ISO 4217 currency staykit handles.",
            code="currencyIsInvalid",
            field="currency",
        )
    creator = None if me is None else me.user_id
    if command.claimed_creator is not None and command.claimed_creator != creator:
        raise InvalidInput(
            "createdBy is whoever generates the report: the caller.",
            code="createdByIsNotYou",
            field="created_by",
        )
    _, end = month_bounds(command.period)
    if end > utcnow():
        raise InvalidInput(
            f"{command.period} has not ended yet: a report is a snapshot of a whole month.",
            code="periodIsNotOver",
            field="period",
        )
    taken = await session.scalar(
        select(FinancialReport.id).where(
            FinancialReport.period == command.period,
            FinancialReport.currency == command.currency,
        )
    )
    if taken is not None:
        raise ONE_PER_PERIOD.conflict()
    figures = await compute(session, command.period, command.currency)
    _check_claims(command, figures)
    row = FinancialReport(
        period=command.period,
        currency=command.currency,
        city_tax_by_location=figures.city_tax_by_location,
        entry_count=figures.entry_count,
        generated_at=utcnow(),
        created_by=creator,
        owner_id=creator,
        **figures.totals,
    )
    # A concurrent generation of the same report loses on the unique index: 409.
    async with unique_guard(session, (ONE_PER_PERIOD,)):
        session.add(row)
    await record_audit(
        session,
        me,
        action_type="financialReport.generate",
        action_object="financialReport",
        object_id=row.id,
        before=None,
        after={
            "period": row.period,
            "currency": row.currency,
            **{k: str(v) for k, v in figures.totals.items()},
            "entryCount": row.entry_count,
        },
        ip_address=command.ip_address,
    )
    return row


async def currencies_in(session: AsyncSession, period: str) -> list[str]:
    """The currencies the ledger moved money in during the month."""
    start, end = month_bounds(period)
    rows = await session.scalars(
        select(LedgerEntry.currency)
        .where(LedgerEntry.created_at >= start, LedgerEntry.created_at < end)
        .distinct()
        .order_by(LedgerEntry.currency)
    )
    return list(rows)


async def generate_previous_month(session: AsyncSession, today: date) -> list[FinancialReport]:
    """The monthly job: last month's report in each currency the ledger used, skipping
    those an admin already generated."""
    period = previous_month(today)
    made = []
    for currency in await currencies_in(session, period):
        exists = await session.scalar(
            select(FinancialReport.id).where(
                FinancialReport.period == period, FinancialReport.currency == currency
            )
        )
        if exists is None:
            made.append(await generate(session, None, NewReport(period, currency)))
    return made


# getFinancialReport, listFinancialReports through the generic operations (admins only).
REPORTS = Records(
    FinancialReport,
    "financialReport",
    may_read=policy.require_admin,
    order_by=lambda m: (m.period.desc(), m.currency, m.id),
)
