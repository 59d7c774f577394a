from typing import Literal

PropertyPaymentGatewaysOfflinePaymentType = Literal["disable", "enable"]

PROPERTY_PAYMENT_GATEWAYS_OFFLINE_PAYMENT_TYPE_VALUES: set[
    PropertyPaymentGatewaysOfflinePaymentType
] = {
    "disable",
    "enable",
}


def check_property_payment_gateways_offline_payment_type(
    value: str,
) -> PropertyPaymentGatewaysOfflinePaymentType:
    if value in PROPERTY_PAYMENT_GATEWAYS_OFFLINE_PAYMENT_TYPE_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {PROPERTY_PAYMENT_GATEWAYS_OFFLINE_PAYMENT_TYPE_VALUES!r}"
    )
