from typing import Literal

PropertyDiscountVouchersItemType = Literal[
    "compulsory",
    "extrasOnlyPercentage",
    "fixedAmount",
    "fixedAmountPerNight",
    "notUsed",
    "percentage",
    "roomOnlyPercentage",
]

PROPERTY_DISCOUNT_VOUCHERS_ITEM_TYPE_VALUES: set[PropertyDiscountVouchersItemType] = {
    "compulsory",
    "extrasOnlyPercentage",
    "fixedAmount",
    "fixedAmountPerNight",
    "notUsed",
    "percentage",
    "roomOnlyPercentage",
}


def check_property_discount_vouchers_item_type(
    value: str,
) -> PropertyDiscountVouchersItemType:
    if value in PROPERTY_DISCOUNT_VOUCHERS_ITEM_TYPE_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {PROPERTY_DISCOUNT_VOUCHERS_ITEM_TYPE_VALUES!r}"
    )
