from typing import Literal

PropertyPaymentGatewaysBorgunType = Literal["disable", "enable"]

PROPERTY_PAYMENT_GATEWAYS_BORGUN_TYPE_VALUES: set[PropertyPaymentGatewaysBorgunType] = {
    "disable",
    "enable",
}


def check_property_payment_gateways_borgun_type(
    value: str,
) -> PropertyPaymentGatewaysBorgunType:
    if value in PROPERTY_PAYMENT_GATEWAYS_BORGUN_TYPE_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {PROPERTY_PAYMENT_GATEWAYS_BORGUN_TYPE_VALUES!r}"
    )
