from typing import Literal

PropertyPaymentCollectionDepositPayment2VariableAmountType = Literal[
    "firstNight", "percentage"
]

PROPERTY_PAYMENT_COLLECTION_DEPOSIT_PAYMENT_2_VARIABLE_AMOUNT_TYPE_VALUES: set[
    PropertyPaymentCollectionDepositPayment2VariableAmountType
] = {
    "firstNight",
    "percentage",
}


def check_property_payment_collection_deposit_payment_2_variable_amount_type(
    value: str,
) -> PropertyPaymentCollectionDepositPayment2VariableAmountType:
    if (
        value
        in PROPERTY_PAYMENT_COLLECTION_DEPOSIT_PAYMENT_2_VARIABLE_AMOUNT_TYPE_VALUES
    ):
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {PROPERTY_PAYMENT_COLLECTION_DEPOSIT_PAYMENT_2_VARIABLE_AMOUNT_TYPE_VALUES!r}"
    )
