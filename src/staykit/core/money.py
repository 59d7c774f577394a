"""Money: Decimal amounts in a currency's minor units (ISO 4217). Never float."""

from __future__ import annotations

from decimal import ROUND_HALF_EVEN, Decimal, InvalidOperation

# Minor units per ISO 4217 for the currencies staykit accepts. 2 is the common case.
MINOR_UNITS: dict[str, int] = {
    **{
        c: 2
        for c in (
            "AED AUD BGN BRL CAD CHF CNY COP CZK DKK EGP EUR GBP GEL HKD HUF IDR ILS INR "
            "KES MAD MXN MYR NOK NZD PEN PHP PLN QAR RON RSD SAR SEK SGD THB TRY TWD UAH USD "
            "ZAR ARS CRC DOP GTQ LKR NGN PKR VND"
        ).split()
    },
    **{c: 0 for c in ("JPY", "KRW", "CLP", "ISK", "XOF", "XAF", "UGX", "PYG")},
    **{c: 3 for c in ("BHD", "JOD", "KWD", "OMR", "TND")},
}
# VND and IDR have minor units in the standard but are quoted whole; keep the standard.


def is_currency(code: str) -> bool:
    return code in MINOR_UNITS


def exponent(currency: str) -> int:
    return MINOR_UNITS[currency]


def quantize(amount: Decimal, currency: str) -> Decimal:
    """Round half-even to the currency's minor unit."""
    return amount.quantize(Decimal(1).scaleb(-exponent(currency)), rounding=ROUND_HALF_EVEN)


def fits(amount: Decimal, currency: str) -> bool:
    """True when the amount has no more decimals than the currency allows (an amount too
    large for decimal arithmetic, or not finite, fits no currency)."""
    if not amount.is_finite():
        return False
    try:
        return amount == quantize(amount, currency)
    except InvalidOperation:
        return False


def to_minor_units(amount: Decimal, currency: str, *, exponent: int | None = None) -> int:
    """The amount as a whole number of the currency's minor unit (EUR 12.34 -> 1234,
    JPY 500 -> 500): what payment providers take. `exponent` overrides the currency's own
    where a provider counts differently (Stripe counts ISK in hundredths). Refuses an
    amount finer than that unit instead of rounding money away."""
    places = MINOR_UNITS[currency] if exponent is None else exponent
    scaled = amount.scaleb(places)
    if scaled != scaled.to_integral_value():
        raise ValueError(f"{amount} {currency} has more than {places} decimals")
    return int(scaled)


def from_minor_units(units: int, currency: str, *, exponent: int | None = None) -> Decimal:
    """The inverse of `to_minor_units`: 1234 EUR minor units -> Decimal('12.34'), written
    with the currency's own decimals (staykit's), whichever exponent the provider counted
    in. Refuses a value finer than staykit's unit for the currency (ISK 12.50 from a
    provider counting ISK in hundredths) rather than rounding it."""
    places = MINOR_UNITS[currency] if exponent is None else exponent
    amount = Decimal(units).scaleb(-places)
    if not fits(amount, currency):
        raise ValueError(f"{amount} {currency} has more decimals than {currency} has")
    return quantize(amount, currency)
