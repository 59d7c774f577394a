from typing import Literal

PropertyOfferType = Literal["perProperty", "perRoom"]

PROPERTY_OFFER_TYPE_VALUES: set[PropertyOfferType] = {
    "perProperty",
    "perRoom",
}


def check_property_offer_type(value: str) -> PropertyOfferType:
    if value in PROPERTY_OFFER_TYPE_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {PROPERTY_OFFER_TYPE_VALUES!r}"
    )
