"""The localization settings table (spec §7 LocalizationSetting).

A row offers a language (`language_code`, a BCP 47 tag), a currency (`currency_code`,
ISO 4217, offered while `is_currency_active`), or both, from `effective_from` to
`effective_to` (inclusive dates; None: open). The spec marks both codes required, but
a language and a currency are offered independently (the seed offers 184 languages and
53 currencies), so the database asks for at least one of them (migration 0026)."""

from __future__ import annotations

from datetime import date

from sqlalchemy import CheckConstraint, Index, String
from sqlalchemy.orm import Mapped, mapped_column

from staykit.core.models import Base, Record


class LocalizationSetting(Record, Base):
    __tablename__ = "localization_settings"
    __table_args__ = (
        CheckConstraint(
            "language_code IS NOT NULL OR currency_code IS NOT NULL", name="offers_something"
        ),
        CheckConstraint(
            "effective_from IS NULL OR effective_to IS NULL OR effective_from <= effective_to",
            name="period",
        ),
        CheckConstraint("currency_code IS NOT NULL OR NOT is_currency_active", name="currency"),
        # The catalog's checks: is this language / currency offered today?
        Index("ix_localization_settings_language", "language_code"),
        Index("ix_localization_settings_currency", "currency_code"),
    )

    language_code: Mapped[str | None] = mapped_column(String(20), default=None)
    currency_code: Mapped[str | None] = mapped_column(String(3), default=None)
    is_currency_active: Mapped[bool] = mapped_column(default=False)
    effective_from: Mapped[date | None] = mapped_column(default=None)
    effective_to: Mapped[date | None] = mapped_column(default=None)
