from typing import Literal

PropertyPaymentGatewaysCustomGatewayType = Literal["disable", "enable"]

PROPERTY_PAYMENT_GATEWAYS_CUSTOM_GATEWAY_TYPE_VALUES: set[
    PropertyPaymentGatewaysCustomGatewayType
] = {
    "disable",
    "enable",
}


def check_property_payment_gateways_custom_gateway_type(
    value: str,
) -> PropertyPaymentGatewaysCustomGatewayType:
    if value in PROPERTY_PAYMENT_GATEWAYS_CUSTOM_GATEWAY_TYPE_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {PROPERTY_PAYMENT_GATEWAYS_CUSTOM_GATEWAY_TYPE_VALUES!r}"
    )
