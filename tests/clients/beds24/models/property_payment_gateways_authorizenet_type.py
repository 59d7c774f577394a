from typing import Literal

PropertyPaymentGatewaysAuthorizenetType = Literal["disable", "enable"]

PROPERTY_PAYMENT_GATEWAYS_AUTHORIZENET_TYPE_VALUES: set[
    PropertyPaymentGatewaysAuthorizenetType
] = {
    "disable",
    "enable",
}


def check_property_payment_gateways_authorizenet_type(
    value: str,
) -> PropertyPaymentGatewaysAuthorizenetType:
    if value in PROPERTY_PAYMENT_GATEWAYS_AUTHORIZENET_TYPE_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {PROPERTY_PAYMENT_GATEWAYS_AUTHORIZENET_TYPE_VALUES!r}"
    )
