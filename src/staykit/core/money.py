"""Money: Decimal amounts in a currency's minor units (ISO 4217). Never float."""

from __future__ import annotations

from decimal import ROUND_HALF_EVEN, Decimal

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
    """True when the amount has no more decimals than the currency allows."""
    return amount == quantize(amount, currency)
