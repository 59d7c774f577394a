"""The price split: the parts sum exactly to what the guest pays, in the currency's minor
units, none negative, for any total, city tax, fee percentages and currency."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from staykit.core import money
from staykit.core.config import Settings
from staykit.core.errors import InvalidInput
from staykit.domain.payments.split import split_for, split_price

CURRENCIES = sorted(money.MINOR_UNITS)


@st.composite
def reservations(draw: st.DrawFn) -> tuple[Decimal, Decimal, str, Decimal, Decimal]:
    currency = draw(st.sampled_from(CURRENCIES))
    places = money.exponent(currency)
    units = draw(st.integers(min_value=0, max_value=10**11))
    total = Decimal(units).scaleb(-places)
    tax_units = draw(st.integers(min_value=0, max_value=units))
    city_tax = Decimal(tax_units).scaleb(-places)
    percent = st.decimals(min_value=0, max_value=100, places=3, allow_nan=False)
    guest = draw(percent)
    host = draw(percent.filter(lambda p: p < 100))
    return total, city_tax, currency, guest, host


@settings(max_examples=500, deadline=None)
@given(reservations())
def test_the_parts_always_sum_to_the_guest_total_and_none_is_negative(
    case: tuple[Decimal, Decimal, str, Decimal, Decimal],
) -> None:
    total, city_tax, currency, guest_percent, host_percent = case
    s = split_price(
        total, city_tax, currency, guest_fee_percent=guest_percent, host_fee_percent=host_percent
    )
    parts = (s.guest_service_fee, s.host_fee, s.city_tax, s.host_payout, s.platform_fee)
    assert s.guest_total == s.platform_fee + s.host_payout
    assert s.guest_total == s.stay_price + s.guest_service_fee + s.city_tax
    assert s.platform_fee == s.guest_service_fee + s.host_fee
    assert s.host_payout == s.stay_price - s.host_fee + s.city_tax
    assert s.stay_price + s.city_tax == total
    assert all(p >= 0 for p in parts)
    assert s.host_payout >= s.city_tax  # the tax always reaches the host whole
    assert all(money.fits(p, currency) for p in (*parts, s.guest_total))


def test_a_worked_example_in_euros_yen_and_dinars() -> None:
    eur = split_price(
        Decimal("330.00"),
        Decimal("30.00"),
        "EUR",
        guest_fee_percent=Decimal("14"),
        host_fee_percent=Decimal("3"),
    )
    assert (eur.stay_price, eur.guest_service_fee, eur.host_fee) == (
        Decimal("300.00"),
        Decimal("42.00"),
        Decimal("9.00"),
    )
    assert (eur.guest_total, eur.platform_fee, eur.host_payout) == (
        Decimal("372.00"),
        Decimal("51.00"),
        Decimal("321.00"),
    )
    # 14.1% of 333 yen is 46.953: whole yen, rounded half-even.
    jpy = split_price(
        Decimal("333"),
        Decimal("0"),
        "JPY",
        guest_fee_percent=Decimal("14.1"),
        host_fee_percent=Decimal("3"),
    )
    assert (jpy.guest_service_fee, jpy.host_fee, jpy.host_payout) == (
        Decimal("47"),
        Decimal("10"),
        Decimal("323"),
    )
    kwd = split_price(
        Decimal("10.005"),
        Decimal("0"),
        "KWD",
        guest_fee_percent=Decimal("10"),
        host_fee_percent=Decimal("0"),
    )
    assert kwd.guest_service_fee == Decimal("1.000")  # 1.0005 half-even to the fils


def test_the_platforms_settings_give_the_percentages() -> None:
    s = split_for(Decimal("100.00"), Decimal("0"), "EUR", Settings(_env_file=None))  # type: ignore[call-arg]
    assert (s.guest_service_fee, s.host_fee) == (Decimal("14.00"), Decimal("3.00"))


@pytest.mark.parametrize(
    ("total", "tax", "currency", "guest", "host", "field"),
    [
        ("10.001", "0", "EUR", "14", "3", "total"),
        ("-1", "0", "EUR", "14", "3", "total"),
        ("10", "11", "EUR", "14", "3", "city_tax"),
        ("10", "0", "XXX", "14", "3", "currency"),
        ("10", "0", "EUR", "14", "100", "fee_percent"),
        ("10", "0", "EUR", "-1", "3", "fee_percent"),
    ],
)
def test_inputs_the_split_cannot_honour_are_refused(
    total: str, tax: str, currency: str, guest: str, host: str, field: str
) -> None:
    with pytest.raises(InvalidInput) as caught:
        split_price(
            Decimal(total),
            Decimal(tax),
            currency,
            guest_fee_percent=Decimal(guest),
            host_fee_percent=Decimal(host),
        )
    assert caught.value.field == field
