from typing import Literal

PriceRulesPriceForType = Literal["maxCapacity", "perPerson", "upToPerson"]

PRICE_RULES_PRICE_FOR_TYPE_VALUES: set[PriceRulesPriceForType] = {
    "maxCapacity",
    "perPerson",
    "upToPerson",
}


def check_price_rules_price_for_type(value: str) -> PriceRulesPriceForType:
    if value in PRICE_RULES_PRICE_FOR_TYPE_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {PRICE_RULES_PRICE_FOR_TYPE_VALUES!r}"
    )
