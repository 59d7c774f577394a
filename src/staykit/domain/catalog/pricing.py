"""Nightly prices: pure functions that resolve what one night of a rate costs.

Precedence, highest first:
1. the rate's RateDay.price for that date, when set;
2. the last seasonal rule of the unit type that matches the date (later rules win). For the
   default rate a rule either sets `pricePerNight` or adjusts the base price by
   `adjustmentPercent`; other rates only follow `adjustmentPercent` rules, applied to their
   own base price (a fixed seasonal price was set for the default rate, not for them);
3. the rate's base price.

Every price is quantized to the currency's minor units (half-even), so the nightly prices
add up to exactly the subtotal a guest sees.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from staykit.core import money

WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
HUNDRED = Decimal(100)


@dataclass(frozen=True, slots=True)
class SeasonalRule:
    """One parsed rule of UnitType.seasonal_pricing: nights from `start` to `end` (both
    included), on `weekdays` (0 = Monday; None = every day)."""

    start: date
    end: date
    weekdays: frozenset[int] | None
    price: Decimal | None
    percent: Decimal | None

    def matches(self, night: date) -> bool:
        if not self.start <= night <= self.end:
            return False
        return self.weekdays is None or night.weekday() in self.weekdays


def as_decimal(value: Any) -> Decimal | None:
    if value is None or isinstance(value, bool):
        return None
    try:
        # str() first: a JSON float such as 0.1 must become Decimal("0.1"), not its binary value
        result = Decimal(str(value))
    except (InvalidOperation, ValueError):
        return None
    return result if result.is_finite() else None


def _date(value: Any) -> date | None:
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value))
    except ValueError:
        return None


def parse_rules(seasonal_pricing: Mapping[str, Any] | None) -> list[SeasonalRule]:
    """The rules stored on a unit type, in their stored order.

    The stored JSON was validated on the way in (schemas.SeasonalPricing); a rule that is
    nevertheless unreadable (a hand-edited row) is skipped rather than failing every quote.
    """
    rules: list[SeasonalRule] = []
    raw_rules = (seasonal_pricing or {}).get("rules") or []
    if not isinstance(raw_rules, list):
        return rules
    for raw in raw_rules:
        if not isinstance(raw, Mapping):
            continue
        start, end = _date(raw.get("startDate")), _date(raw.get("endDate"))
        price, percent = (
            as_decimal(raw.get("pricePerNight")),
            as_decimal(raw.get("adjustmentPercent")),
        )
        if start is None or end is None or (price is None and percent is None):
            continue
        days = raw.get("weekdays")
        weekdays = (
            frozenset(WEEKDAYS.index(d) for d in days if d in WEEKDAYS)
            if isinstance(days, list)
            else None
        )
        rules.append(SeasonalRule(start, end, weekdays, price, percent))
    return rules


def seasonal_price(
    rules: Sequence[SeasonalRule], night: date, base_price: Decimal, *, default_rate: bool
) -> Decimal | None:
    """The price the last matching rule gives `night`, or None when no rule applies."""
    for rule in reversed(rules):  # later rules win: the first match from the end
        if not rule.matches(night):
            continue
        if rule.price is not None:
            if default_rate:
                return rule.price
            continue  # a fixed seasonal price belongs to the default rate only
        assert rule.percent is not None
        return base_price * (HUNDRED + rule.percent) / HUNDRED
    return None


def nightly_price(
    night: date,
    *,
    base_price: Decimal,
    currency: str,
    rules: Sequence[SeasonalRule] = (),
    day_price: Decimal | None = None,
    default_rate: bool = True,
) -> Decimal:
    """What `night` costs on a rate, quantized to the currency (see the module docstring)."""
    if day_price is not None:
        return money.quantize(day_price, currency)
    price = seasonal_price(rules, night, base_price, default_rate=default_rate)
    return money.quantize(base_price if price is None else price, currency)


def nightly_prices(
    nights: Iterable[date],
    *,
    base_price: Decimal,
    currency: str,
    seasonal_pricing: Mapping[str, Any] | None = None,
    day_prices: Mapping[date, Decimal | None] | None = None,
    default_rate: bool = True,
) -> list[tuple[date, Decimal]]:
    """[(night, price)] for every night, each resolved by `nightly_price`."""
    rules = parse_rules(seasonal_pricing)
    day_prices = day_prices or {}
    return [
        (
            night,
            nightly_price(
                night,
                base_price=base_price,
                currency=currency,
                rules=rules,
                day_price=day_prices.get(night),
                default_rate=default_rate,
            ),
        )
        for night in nights
    ]
