from typing import Literal

PropertyPaymentGatewaysCreditCardType = Literal["disable", "enable"]

PROPERTY_PAYMENT_GATEWAYS_CREDIT_CARD_TYPE_VALUES: set[
    PropertyPaymentGatewaysCreditCardType
] = {
    "disable",
    "enable",
}


def check_property_payment_gateways_credit_card_type(
    value: str,
) -> PropertyPaymentGatewaysCreditCardType:
    if value in PROPERTY_PAYMENT_GATEWAYS_CREDIT_CARD_TYPE_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {PROPERTY_PAYMENT_GATEWAYS_CREDIT_CARD_TYPE_VALUES!r}"
    )
