from typing import Literal

PropertyPaymentGatewaysGlobalPayments1Type = Literal["disable", "enable"]

PROPERTY_PAYMENT_GATEWAYS_GLOBAL_PAYMENTS_1_TYPE_VALUES: set[
    PropertyPaymentGatewaysGlobalPayments1Type
] = {
    "disable",
    "enable",
}


def check_property_payment_gateways_global_payments_1_type(
    value: str,
) -> PropertyPaymentGatewaysGlobalPayments1Type:
    if value in PROPERTY_PAYMENT_GATEWAYS_GLOBAL_PAYMENTS_1_TYPE_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {PROPERTY_PAYMENT_GATEWAYS_GLOBAL_PAYMENTS_1_TYPE_VALUES!r}"
    )
