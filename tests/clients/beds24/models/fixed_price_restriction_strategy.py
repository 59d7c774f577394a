from typing import Literal

FixedPriceRestrictionStrategy = Literal["arrival", "gapFill", "stayThrough"]

FIXED_PRICE_RESTRICTION_STRATEGY_VALUES: set[FixedPriceRestrictionStrategy] = {
    "arrival",
    "gapFill",
    "stayThrough",
}


def check_fixed_price_restriction_strategy(value: str) -> FixedPriceRestrictionStrategy:
    if value in FIXED_PRICE_RESTRICTION_STRATEGY_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {FIXED_PRICE_RESTRICTION_STRATEGY_VALUES!r}"
    )
