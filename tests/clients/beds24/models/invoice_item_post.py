from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.invoice_item_post_type import (
    InvoiceItemPostType,
    check_invoice_item_post_type,
)
from ..types import UNSET, Unset

T = TypeVar("T", bound="InvoiceItemPost")


@_attrs_define
class InvoiceItemPost:
    """
    Attributes:
        id (int | Unset):
        type_ (InvoiceItemPostType | Unset):
        booking_id (int | Unset):
        invoicee_id (int | None | Unset):  Example: 1234567.
        description (str | Unset):
        status (str | Unset):
        qty (int | Unset): Can be negative
        amount (float | Unset):
        vat_rate (float | Unset):
        created_by (int | Unset):
    """

    id: int | Unset = UNSET
    type_: InvoiceItemPostType | Unset = UNSET
    booking_id: int | Unset = UNSET
    invoicee_id: int | None | Unset = UNSET
    description: str | Unset = UNSET
    status: str | Unset = UNSET
    qty: int | Unset = UNSET
    amount: float | Unset = UNSET
    vat_rate: float | Unset = UNSET
    created_by: int | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        type_: str | Unset = UNSET
        if not isinstance(self.type_, Unset):
            type_ = self.type_

        booking_id = self.booking_id

        invoicee_id: int | None | Unset
        if isinstance(self.invoicee_id, Unset):
            invoicee_id = UNSET
        else:
            invoicee_id = self.invoicee_id

        description = self.description

        status = self.status

        qty = self.qty

        amount = self.amount

        vat_rate = self.vat_rate

        created_by = self.created_by

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if id is not UNSET:
            field_dict["id"] = id
        if type_ is not UNSET:
            field_dict["type"] = type_
        if booking_id is not UNSET:
            field_dict["bookingId"] = booking_id
        if invoicee_id is not UNSET:
            field_dict["invoiceeId"] = invoicee_id
        if description is not UNSET:
            field_dict["description"] = description
        if status is not UNSET:
            field_dict["status"] = status
        if qty is not UNSET:
            field_dict["qty"] = qty
        if amount is not UNSET:
            field_dict["amount"] = amount
        if vat_rate is not UNSET:
            field_dict["vatRate"] = vat_rate
        if created_by is not UNSET:
            field_dict["createdBy"] = created_by

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        id = d.pop("id", UNSET)

        _type_ = d.pop("type", UNSET)
        type_: InvoiceItemPostType | Unset
        if isinstance(_type_, Unset):
            type_ = UNSET
        else:
            type_ = check_invoice_item_post_type(_type_)

        booking_id = d.pop("bookingId", UNSET)

        def _parse_invoicee_id(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        invoicee_id = _parse_invoicee_id(d.pop("invoiceeId", UNSET))

        description = d.pop("description", UNSET)

        status = d.pop("status", UNSET)

        qty = d.pop("qty", UNSET)

        amount = d.pop("amount", UNSET)

        vat_rate = d.pop("vatRate", UNSET)

        created_by = d.pop("createdBy", UNSET)

        invoice_item_post = cls(
            id=id,
            type_=type_,
            booking_id=booking_id,
            invoicee_id=invoicee_id,
            description=description,
            status=status,
            qty=qty,
            amount=amount,
            vat_rate=vat_rate,
            created_by=created_by,
        )

        invoice_item_post.additional_properties = d
        return invoice_item_post

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties
