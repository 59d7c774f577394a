from typing import Literal

PropertyPaymentGatewaysAsiapayType = Literal["disable", "enable"]

PROPERTY_PAYMENT_GATEWAYS_ASIAPAY_TYPE_VALUES: set[
    PropertyPaymentGatewaysAsiapayType
] = {
    "disable",
    "enable",
}


def check_property_payment_gateways_asiapay_type(
    value: str,
) -> PropertyPaymentGatewaysAsiapayType:
    if value in PROPERTY_PAYMENT_GATEWAYS_ASIAPAY_TYPE_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {PROPERTY_PAYMENT_GATEWAYS_ASIAPAY_TYPE_VALUES!r}"
    )
