from typing import Literal

FixedPriceBookingType = Literal[
    "confirmedWithCreditCard",
    "confirmedWithDepositCollection1",
    "confirmedWithDepositCollection2",
    "default",
    "requestWithCreditCard",
    "requestWithManualConfirmation",
]

FIXED_PRICE_BOOKING_TYPE_VALUES: set[FixedPriceBookingType] = {
    "confirmedWithCreditCard",
    "confirmedWithDepositCollection1",
    "confirmedWithDepositCollection2",
    "default",
    "requestWithCreditCard",
    "requestWithManualConfirmation",
}


def check_fixed_price_booking_type(value: str) -> FixedPriceBookingType:
    if value in FIXED_PRICE_BOOKING_TYPE_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {FIXED_PRICE_BOOKING_TYPE_VALUES!r}"
    )
