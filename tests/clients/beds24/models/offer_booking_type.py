from typing import Literal

OfferBookingType = Literal[
    "confirmedWithCreditCard",
    "confirmedWithDepositCollection1",
    "confirmedWithDepositCollection2",
    "default",
    "requestWithCreditCard",
    "requestWithManualConfirmation",
]

OFFER_BOOKING_TYPE_VALUES: set[OfferBookingType] = {
    "confirmedWithCreditCard",
    "confirmedWithDepositCollection1",
    "confirmedWithDepositCollection2",
    "default",
    "requestWithCreditCard",
    "requestWithManualConfirmation",
}


def check_offer_booking_type(value: str) -> OfferBookingType:
    if value in OFFER_BOOKING_TYPE_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {OFFER_BOOKING_TYPE_VALUES!r}"
    )
