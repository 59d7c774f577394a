"""The price split of a reservation (a pure function): who gets what of the guest's money.

The split-fee model, as Airbnb publishes it: the host's price for the stay (nights,
extra guests, cleaning) is what the quote totals before city tax. The guest pays it plus
a guest service fee (a percentage of it) plus the city tax; the host gives up a host fee
(a percentage of it) and receives the rest with the city tax passed through (the host
remits it; the platform takes no fee on tax); the platform keeps both fees.

    guest_total = stay_price + guest_service_fee + city_tax
    platform_fee = guest_service_fee + host_fee
    host_payout = stay_price - host_fee + city_tax
    guest_total == platform_fee + host_payout       (exactly, always)

The fees are rounded half-even to the currency's minor unit and the payout is what
remains, so the parts always sum to the guest total to the cent, and none is negative.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from staykit.core import money
from staykit.core.config import Settings
from staykit.core.errors import InvalidInput

HUNDRED = Decimal(100)


@dataclass(frozen=True, slots=True)
class PriceSplit:
    currency: str
    stay_price: Decimal  # the host's price: the reservation total without city tax
    guest_service_fee: Decimal
    host_fee: Decimal
    city_tax: Decimal  # passed through to the host, inside host_payout
    guest_total: Decimal  # what the guest pays
    platform_fee: Decimal  # what the platform keeps
    host_payout: Decimal  # what the host receives, city tax included


def split_price(
    total: Decimal,
    city_tax: Decimal,
    currency: str,
    *,
    guest_fee_percent: Decimal,
    host_fee_percent: Decimal,
) -> PriceSplit:
    """Split a reservation's `total` (city tax included, as the quote computes it)."""
    if not money.is_currency(currency):
        raise InvalidInput(f"Unknown currency {currency!r}.", field="currency")
    for name, value in (("total", total), ("city_tax", city_tax)):
        if value < 0 or not money.fits(value, currency):
            raise InvalidInput(
                f"{name} must be a non-negative amount in {currency}'s minor units.", field=name
            )
    if city_tax > total:
        raise InvalidInput("The city tax cannot exceed the total.", field="city_tax")
    if not (0 <= guest_fee_percent <= HUNDRED and 0 <= host_fee_percent < HUNDRED):
        raise InvalidInput("Fee percentages must be within 0..100.", field="fee_percent")
    stay = total - city_tax
    guest_fee = money.quantize(stay * guest_fee_percent / HUNDRED, currency)
    host_fee = money.quantize(stay * host_fee_percent / HUNDRED, currency)
    guest_total = total + guest_fee
    platform_fee = guest_fee + host_fee
    return PriceSplit(
        currency=currency,
        stay_price=stay,
        guest_service_fee=guest_fee,
        host_fee=host_fee,
        city_tax=city_tax,
        guest_total=guest_total,
        platform_fee=platform_fee,
        host_payout=guest_total - platform_fee,
    )


def split_for(total: Decimal, city_tax: Decimal, currency: str, settings: Settings) -> PriceSplit:
    """`split_price` with the platform's configured fee percentages."""
    return split_price(
        total,
        city_tax,
        currency,
        guest_fee_percent=settings.guest_service_fee_percent,
        host_fee_percent=settings.host_service_fee_percent,
    )
