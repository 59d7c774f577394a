from typing import Literal

OfferMinimumStayType = Literal["default", "numberOfDays"]

OFFER_MINIMUM_STAY_TYPE_VALUES: set[OfferMinimumStayType] = {
    "default",
    "numberOfDays",
}


def check_offer_minimum_stay_type(value: str) -> OfferMinimumStayType:
    if value in OFFER_MINIMUM_STAY_TYPE_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {OFFER_MINIMUM_STAY_TYPE_VALUES!r}"
    )
