from typing import Literal

OfferAllowCancellationType = Literal[
    "always", "daysBeforeArrival", "never", "propertyRule"
]

OFFER_ALLOW_CANCELLATION_TYPE_VALUES: set[OfferAllowCancellationType] = {
    "always",
    "daysBeforeArrival",
    "never",
    "propertyRule",
}


def check_offer_allow_cancellation_type(value: str) -> OfferAllowCancellationType:
    if value in OFFER_ALLOW_CANCELLATION_TYPE_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {OFFER_ALLOW_CANCELLATION_TYPE_VALUES!r}"
    )
