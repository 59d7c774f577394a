from typing import Literal

StripeAddPaymentMethodCardType = Literal["guest", "virtual"]

STRIPE_ADD_PAYMENT_METHOD_CARD_TYPE_VALUES: set[StripeAddPaymentMethodCardType] = {
    "guest",
    "virtual",
}


def check_stripe_add_payment_method_card_type(
    value: str,
) -> StripeAddPaymentMethodCardType:
    if value in STRIPE_ADD_PAYMENT_METHOD_CARD_TYPE_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {STRIPE_ADD_PAYMENT_METHOD_CARD_TYPE_VALUES!r}"
    )
