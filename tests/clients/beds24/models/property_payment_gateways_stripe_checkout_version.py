from typing import Literal

PropertyPaymentGatewaysStripeCheckoutVersion = Literal["embedded", "hosted"]

PROPERTY_PAYMENT_GATEWAYS_STRIPE_CHECKOUT_VERSION_VALUES: set[
    PropertyPaymentGatewaysStripeCheckoutVersion
] = {
    "embedded",
    "hosted",
}


def check_property_payment_gateways_stripe_checkout_version(
    value: str,
) -> PropertyPaymentGatewaysStripeCheckoutVersion:
    if value in PROPERTY_PAYMENT_GATEWAYS_STRIPE_CHECKOUT_VERSION_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {PROPERTY_PAYMENT_GATEWAYS_STRIPE_CHECKOUT_VERSION_VALUES!r}"
    )
