from typing import Literal

PropertyPaymentCollectionDepositNonPayment = Literal["cancel", "request"]

PROPERTY_PAYMENT_COLLECTION_DEPOSIT_NON_PAYMENT_VALUES: set[
    PropertyPaymentCollectionDepositNonPayment
] = {
    "cancel",
    "request",
}


def check_property_payment_collection_deposit_non_payment(
    value: str,
) -> PropertyPaymentCollectionDepositNonPayment:
    if value in PROPERTY_PAYMENT_COLLECTION_DEPOSIT_NON_PAYMENT_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {PROPERTY_PAYMENT_COLLECTION_DEPOSIT_NON_PAYMENT_VALUES!r}"
    )
