from typing import Literal

FixedPriceStrategy = Literal["default", "noLowerPriceOrShorterStays", "noOtherPrices"]

FIXED_PRICE_STRATEGY_VALUES: set[FixedPriceStrategy] = {
    "default",
    "noLowerPriceOrShorterStays",
    "noOtherPrices",
}


def check_fixed_price_strategy(value: str) -> FixedPriceStrategy:
    if value in FIXED_PRICE_STRATEGY_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {FIXED_PRICE_STRATEGY_VALUES!r}"
    )
