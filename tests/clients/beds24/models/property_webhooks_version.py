from typing import Literal

PropertyWebhooksVersion = Literal["one", "twoNoPersonalData", "twoWithPersonalData"]

PROPERTY_WEBHOOKS_VERSION_VALUES: set[PropertyWebhooksVersion] = {
    "one",
    "twoNoPersonalData",
    "twoWithPersonalData",
}


def check_property_webhooks_version(value: str) -> PropertyWebhooksVersion:
    if value in PROPERTY_WEBHOOKS_VERSION_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {PROPERTY_WEBHOOKS_VERSION_VALUES!r}"
    )
