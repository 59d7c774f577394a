"""Money in a currency's minor units: the one conversion between Decimal amounts and the
integers payment providers count in."""

from __future__ import annotations

from decimal import Decimal

import pytest

from staykit.core import money
from staykit.core.money import from_minor_units, to_minor_units


@pytest.mark.parametrize(
    ("amount", "currency", "exponent", "units"),
    [
        ("12.34", "EUR", None, 1234),
        ("0.01", "USD", None, 1),
        ("500", "JPY", None, 500),
        ("1.234", "KWD", None, 1234),
        ("12.3", "EUR", None, 1230),
        ("7000", "ISK", 2, 700000),  # a provider counting ISK in hundredths
        ("1000", "VND", 0, 1000),  # a provider counting VND whole
        ("-3.50", "EUR", None, -350),
    ],
)
def test_amounts_become_whole_minor_units_and_back(
    amount: str, currency: str, exponent: int | None, units: int
) -> None:
    assert to_minor_units(Decimal(amount), currency, exponent=exponent) == units
    back = from_minor_units(units, currency, exponent=exponent)
    assert back == Decimal(amount)


def test_back_from_minor_units_is_written_with_the_currencys_decimals() -> None:
    assert str(from_minor_units(1230, "EUR")) == "12.30"
    assert str(from_minor_units(5, "JPY")) == "5"
    assert str(from_minor_units(700000, "ISK", exponent=2)) == "7000"


@pytest.mark.parametrize(
    ("amount", "currency", "exponent"),
    [("12.345", "EUR", None), ("0.5", "JPY", None), ("10.50", "VND", 0)],
)
def test_an_amount_finer_than_the_unit_is_refused_not_rounded(
    amount: str, currency: str, exponent: int | None
) -> None:
    with pytest.raises(ValueError, match="decimals"):
        to_minor_units(Decimal(amount), currency, exponent=exponent)


def test_a_provider_amount_finer_than_staykits_unit_is_refused() -> None:
    with pytest.raises(ValueError, match="decimals"):
        from_minor_units(700050, "ISK", exponent=2)  # 7000.50 ISK: staykit keeps ISK whole


def test_an_amount_too_large_or_not_finite_fits_no_currency() -> None:
    assert money.fits(Decimal("7.010278696302023E+119"), "USD") is False
    assert money.fits(Decimal("NaN"), "EUR") is False
    assert money.fits(Decimal("Infinity"), "JPY") is False
    assert money.fits(Decimal("10000000.00"), "USD") is True
