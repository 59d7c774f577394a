from typing import Literal

PropertyPaymentGatewaysPaymillType = Literal["disable", "enable"]

PROPERTY_PAYMENT_GATEWAYS_PAYMILL_TYPE_VALUES: set[
    PropertyPaymentGatewaysPaymillType
] = {
    "disable",
    "enable",
}


def check_property_payment_gateways_paymill_type(
    value: str,
) -> PropertyPaymentGatewaysPaymillType:
    if value in PROPERTY_PAYMENT_GATEWAYS_PAYMILL_TYPE_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {PROPERTY_PAYMENT_GATEWAYS_PAYMILL_TYPE_VALUES!r}"
    )
