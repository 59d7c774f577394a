from typing import Literal

PropertyPaymentGatewaysStripeType = Literal["disable", "enable", "internal"]

PROPERTY_PAYMENT_GATEWAYS_STRIPE_TYPE_VALUES: set[PropertyPaymentGatewaysStripeType] = {
    "disable",
    "enable",
    "internal",
}


def check_property_payment_gateways_stripe_type(
    value: str,
) -> PropertyPaymentGatewaysStripeType:
    if value in PROPERTY_PAYMENT_GATEWAYS_STRIPE_TYPE_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {PROPERTY_PAYMENT_GATEWAYS_STRIPE_TYPE_VALUES!r}"
    )
