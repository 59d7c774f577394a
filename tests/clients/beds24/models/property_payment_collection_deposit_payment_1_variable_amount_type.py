from typing import Literal

PropertyPaymentCollectionDepositPayment1VariableAmountType = Literal[
    "firstNight", "percentage"
]

PROPERTY_PAYMENT_COLLECTION_DEPOSIT_PAYMENT_1_VARIABLE_AMOUNT_TYPE_VALUES: set[
    PropertyPaymentCollectionDepositPayment1VariableAmountType
] = {
    "firstNight",
    "percentage",
}


def check_property_payment_collection_deposit_payment_1_variable_amount_type(
    value: str,
) -> PropertyPaymentCollectionDepositPayment1VariableAmountType:
    if (
        value
        in PROPERTY_PAYMENT_COLLECTION_DEPOSIT_PAYMENT_1_VARIABLE_AMOUNT_TYPE_VALUES
    ):
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {PROPERTY_PAYMENT_COLLECTION_DEPOSIT_PAYMENT_1_VARIABLE_AMOUNT_TYPE_VALUES!r}"
    )
