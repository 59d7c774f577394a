from typing import Literal

FixedPriceChannelManagement = Literal["exportPrice", "normalPrice", "notUsed"]

FIXED_PRICE_CHANNEL_MANAGEMENT_VALUES: set[FixedPriceChannelManagement] = {
    "exportPrice",
    "normalPrice",
    "notUsed",
}


def check_fixed_price_channel_management(value: str) -> FixedPriceChannelManagement:
    if value in FIXED_PRICE_CHANNEL_MANAGEMENT_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {FIXED_PRICE_CHANNEL_MANAGEMENT_VALUES!r}"
    )
