"""The financial reports table (spec §7 FinancialReport): one immutable row per month
(`period`, "2026-11") and currency, its totals summed from the ledger by the server.

Insert-only like the ledger: a trigger refuses UPDATE and DELETE (migration 0026); a
report of a period is never regenerated, and (period, currency) is unique."""

from __future__ import annotations

import uuid
from datetime import datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import CheckConstraint, Numeric, String, UniqueConstraint
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import Mapped, mapped_column

from staykit.core.clock import utcnow
from staykit.core.models import Base, Record

Money = Numeric(16, 3)


class FinancialReport(Record, Base):
    __tablename__ = "financial_reports"
    __table_args__ = (
        UniqueConstraint("period", "currency", name="uq_financial_reports_period_currency"),
        CheckConstraint("period ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'", name="period"),
    )

    period: Mapped[str] = mapped_column(String(7))
    currency: Mapped[str] = mapped_column(String(3))
    total_revenue: Mapped[Decimal] = mapped_column(Money)  # guest payments received
    total_refunds: Mapped[Decimal] = mapped_column(Money)
    total_payouts: Mapped[Decimal] = mapped_column(Money)  # sent to hosts
    total_platform_fees: Mapped[Decimal] = mapped_column(Money)
    total_city_tax: Mapped[Decimal] = mapped_column(Money)
    # {"Lisbon, PT": "12.30", ...}: city tax charged, by the property's city and country.
    city_tax_by_location: Mapped[dict[str, Any]] = mapped_column(JSONB)
    entry_count: Mapped[int] = mapped_column()  # ledger rows the totals sum
    generated_at: Mapped[datetime] = mapped_column(default=utcnow)
    # The admin who asked, None for the monthly job (the audit row says which credential).
    created_by: Mapped[uuid.UUID | None] = mapped_column(default=None)
