from typing import Literal

InvoiceItemPostType = Literal["charge", "payment"]

INVOICE_ITEM_POST_TYPE_VALUES: set[InvoiceItemPostType] = {
    "charge",
    "payment",
}


def check_invoice_item_post_type(value: str) -> InvoiceItemPostType:
    if value in INVOICE_ITEM_POST_TYPE_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {INVOICE_ITEM_POST_TYPE_VALUES!r}"
    )
