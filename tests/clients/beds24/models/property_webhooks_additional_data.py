from typing import Literal

PropertyWebhooksAdditionalData = Literal["CVC", "CVCAndToken", "none", "token"]

PROPERTY_WEBHOOKS_ADDITIONAL_DATA_VALUES: set[PropertyWebhooksAdditionalData] = {
    "CVC",
    "CVCAndToken",
    "none",
    "token",
}


def check_property_webhooks_additional_data(
    value: str,
) -> PropertyWebhooksAdditionalData:
    if value in PROPERTY_WEBHOOKS_ADDITIONAL_DATA_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {PROPERTY_WEBHOOKS_ADDITIONAL_DATA_VALUES!r}"
    )
