from typing import Literal

PropertyPaymentGatewaysGlobalPayments2Type = Literal["disable", "enable"]

PROPERTY_PAYMENT_GATEWAYS_GLOBAL_PAYMENTS_2_TYPE_VALUES: set[
    PropertyPaymentGatewaysGlobalPayments2Type
] = {
    "disable",
    "enable",
}


def check_property_payment_gateways_global_payments_2_type(
    value: str,
) -> PropertyPaymentGatewaysGlobalPayments2Type:
    if value in PROPERTY_PAYMENT_GATEWAYS_GLOBAL_PAYMENTS_2_TYPE_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {PROPERTY_PAYMENT_GATEWAYS_GLOBAL_PAYMENTS_2_TYPE_VALUES!r}"
    )
