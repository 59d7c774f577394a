"""Localization settings through the generic records operations, their audit rows, and
the catalog's questions: is this currency / language offered today?

An admin creates and updates settings (each change writes an audit row with the before
and after); anyone may list them. A setting offers its language while it is active and
in effect (effective_from <= today <= effective_to, either end open), and its currency
while, besides, `is_currency_active` holds. A language tag is offered when its own tag
or its primary language subtag is ("pt-BR" by "pt-BR" or by "pt"), case-insensitively.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlalchemy import ColumnElement, and_, func, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from staykit.core import money
from staykit.core.clock import utcnow
from staykit.core.errors import InvalidInput
from staykit.domain.access.principal import Principal
from staykit.domain.audit.service import record_audit
from staykit.domain.auth import policy
from staykit.domain.localization.models import LocalizationSetting
from staykit.domain.records import Records

# BCP 47 as the catalog accepts it: a 2-3 letter ISO 639 language, then subtags.
LANGUAGE_TAG = re.compile(r"^[A-Za-z]{2,3}([-_][A-Za-z0-9]{2,8})*$")


@dataclass(frozen=True, slots=True)
class NewSetting:
    language_code: str | None = None
    currency_code: str | None = None
    is_currency_active: bool | None = None
    effective_from: date | None = None
    effective_to: date | None = None
    ip_address: str | None = None


@dataclass(frozen=True, slots=True)
class SettingChanges:
    values: dict[str, Any] = field(default_factory=dict)  # only what the caller sent
    ip_address: str | None = None
    before: dict[str, Any] = field(default_factory=dict)  # filled in for the audit row


def _check_language(code: str | None) -> str | None:
    if code is None:
        return None
    if not LANGUAGE_TAG.match(code) or len(code) > 20:
        raise InvalidInput(
            f"{code!r} is not a BCP 47 language tag (an ISO 639 language like 'pt', "
            "optionally with subtags like 'pt-BR').",
            code="languageCodeIsInvalid",
            field="language_code",
        )
    return code


def _check_currency(code: str | None) -> str | None:
    if code is None:
        return None
    if not money.is_currency(code):
        raise InvalidInput(
            f"{code!r} is not an ISO 4217 currency staykit handles (upper case, e.g. 'EUR').",
            code="currencyCodeIsInvalid",
            field="currency_code",
        )
    return code


def _check_row(row: LocalizationSetting) -> None:
    """The rules the database also enforces, as 400s naming the field."""
    if row.language_code is None and row.currency_code is None:
        raise InvalidInput(
            "A setting offers a language, a currency or both: send languageCode or currencyCode.",
            code="languageCodeIsRequired",
            field="language_code",
        )
    if row.is_currency_active and row.currency_code is None:
        raise InvalidInput(
            "isCurrencyActive needs a currencyCode.",
            code="currencyCodeIsRequired",
            field="currency_code",
        )
    start, end = row.effective_from, row.effective_to
    if start is not None and end is not None and start > end:
        raise InvalidInput(
            f"effectiveFrom ({start}) must not be after effectiveTo ({end}).",
            code="effectiveToIsInvalid",
            field="effective_to",
        )


def summary(row: LocalizationSetting) -> dict[str, Any]:
    """What an audit row keeps of a setting."""
    return {
        "languageCode": row.language_code,
        "currencyCode": row.currency_code,
        "isCurrencyActive": row.is_currency_active,
        "effectiveFrom": None if row.effective_from is None else row.effective_from.isoformat(),
        "effectiveTo": None if row.effective_to is None else row.effective_to.isoformat(),
        "isActive": row.is_active,
    }


async def _build(
    _session: AsyncSession, _actor: Principal | None, data: NewSetting
) -> LocalizationSetting:
    row = LocalizationSetting(
        language_code=_check_language(data.language_code),
        currency_code=_check_currency(data.currency_code),
        is_currency_active=(
            data.currency_code is not None
            if data.is_currency_active is None
            else data.is_currency_active
        ),
        effective_from=data.effective_from,
        effective_to=data.effective_to,
    )
    _check_row(row)
    return row


async def _after_create(
    session: AsyncSession, actor: Principal | None, row: LocalizationSetting, data: NewSetting
) -> None:
    await record_audit(
        session,
        actor,
        action_type="localizationSetting.create",
        action_object="localizationSetting",
        object_id=row.id,
        before=None,
        after=summary(row),
        ip_address=data.ip_address,
    )


def _apply(row: LocalizationSetting, changes: SettingChanges) -> None:
    values = dict(changes.values)
    if "language_code" in values:
        values["language_code"] = _check_language(values["language_code"])
    if "currency_code" in values:
        values["currency_code"] = _check_currency(values["currency_code"])
    if values.get("is_currency_active", False) is None:
        raise InvalidInput(
            "isCurrencyActive may be left out but not set to null.",
            code="isCurrencyActiveIsInvalid",
            field="is_currency_active",
        )
    if "currency_code" in values and values["currency_code"] is None:
        values.setdefault("is_currency_active", False)
    for key, value in values.items():
        setattr(row, key, value)
    _check_row(row)


async def _before_update(
    _session: AsyncSession, _actor: Principal | None, row: LocalizationSetting, changes: Any
) -> None:
    changes.before.update(summary(row))


async def _after_update(
    session: AsyncSession, actor: Principal | None, row: LocalizationSetting, changes: Any
) -> None:
    await record_audit(
        session,
        actor,
        action_type="localizationSetting.update",
        action_object="localizationSetting",
        object_id=row.id,
        before=changes.before,
        after=summary(row),
        ip_address=changes.ip_address,
    )


SETTINGS = Records(
    LocalizationSetting,
    "localizationSetting",
    may_create=policy.require_admin,
    may_update=policy.require_admin,
    may_delete=policy.require_admin,
    build=_build,
    after_create=_after_create,
    before_update=_before_update,
    apply=_apply,
    after_update=_after_update,
    order_by=lambda m: (m.created_at.desc(), m.id.desc()),
)


# --- what the catalog asks -------------------------------------------------------------------


def _in_effect(today: date) -> ColumnElement[bool]:
    s = LocalizationSetting
    return and_(
        s.is_active,
        or_(s.effective_from.is_(None), s.effective_from <= today),
        or_(s.effective_to.is_(None), s.effective_to >= today),
    )


async def currency_offered(session: AsyncSession, code: str, today: date | None = None) -> bool:
    s = LocalizationSetting
    found = await session.scalar(
        select(s.id)
        .where(s.currency_code == code, s.is_currency_active, _in_effect(today or utcnow().date()))
        .limit(1)
    )
    return found is not None


async def language_offered(session: AsyncSession, tag: str, today: date | None = None) -> bool:
    s = LocalizationSetting
    primary = re.split(r"[-_]", tag, maxsplit=1)[0]
    wanted = {tag.lower().replace("_", "-"), primary.lower()}
    found = await session.scalar(
        select(s.id)
        .where(
            func.lower(func.replace(s.language_code, "_", "-")).in_(wanted),
            _in_effect(today or utcnow().date()),
        )
        .limit(1)
    )
    return found is not None


async def require_currency(session: AsyncSession, code: str, *, field: str = "currency") -> None:
    """400 naming `field` unless the platform offers the currency today."""
    if not await currency_offered(session, code):
        raise InvalidInput(
            f"{code} is not a currency the platform offers (its localization settings).",
            code="currencyIsNotOffered",
            field=field,
        )


async def require_language(
    session: AsyncSession, tag: str, *, field: str = "language_code"
) -> None:
    """400 naming `field` unless the platform offers the language today."""
    if not await language_offered(session, tag):
        raise InvalidInput(
            f"{tag!r} is not a language the platform offers (its localization settings).",
            code="languageCodeIsNotOffered",
            field=field,
        )
