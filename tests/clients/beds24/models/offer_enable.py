from typing import Literal

OfferEnable = Literal["always", "internal", "internalManual", "no", "onlyIfAvailable"]

OFFER_ENABLE_VALUES: set[OfferEnable] = {
    "always",
    "internal",
    "internalManual",
    "no",
    "onlyIfAvailable",
}


def check_offer_enable(value: str) -> OfferEnable:
    if value in OFFER_ENABLE_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {OFFER_ENABLE_VALUES!r}"
    )
