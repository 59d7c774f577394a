from typing import Literal

PropertyPaymentGatewaysPaypalType = Literal["disable", "enable"]

PROPERTY_PAYMENT_GATEWAYS_PAYPAL_TYPE_VALUES: set[PropertyPaymentGatewaysPaypalType] = {
    "disable",
    "enable",
}


def check_property_payment_gateways_paypal_type(
    value: str,
) -> PropertyPaymentGatewaysPaypalType:
    if value in PROPERTY_PAYMENT_GATEWAYS_PAYPAL_TYPE_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {PROPERTY_PAYMENT_GATEWAYS_PAYPAL_TYPE_VALUES!r}"
    )
