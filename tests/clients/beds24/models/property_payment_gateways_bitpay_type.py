from typing import Literal

PropertyPaymentGatewaysBitpayType = Literal["disable", "enable"]

PROPERTY_PAYMENT_GATEWAYS_BITPAY_TYPE_VALUES: set[PropertyPaymentGatewaysBitpayType] = {
    "disable",
    "enable",
}


def check_property_payment_gateways_bitpay_type(
    value: str,
) -> PropertyPaymentGatewaysBitpayType:
    if value in PROPERTY_PAYMENT_GATEWAYS_BITPAY_TYPE_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {PROPERTY_PAYMENT_GATEWAYS_BITPAY_TYPE_VALUES!r}"
    )
