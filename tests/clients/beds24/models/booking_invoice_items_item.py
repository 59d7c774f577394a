from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="BookingInvoiceItemsItem")


@_attrs_define
class BookingInvoiceItemsItem:
    """
    Attributes:
        invoice_id (int | None | Unset):
        sub_type (int | Unset): For legacy purposes. Not recommended for new projects.
            Known values are as follows, note the value may be an unknown integer not listed here.
            0: generic
            1: room price
            2: obligatory
            3: obligatory % tax
            4: optional upsell
            5: voucher
            6: added manually
            7: added by api
            8: channel manager gross
            9: channel manager net
            10: channel manager tax
            11: channel manager extra
            12: obligatory %
            14: refundable
            15: obligatory clean
            16: obligatory tax
            17: refundprotect fee
            18: poster
            20: auto action
            101: channel manager total price (charge)
            200: payment
            201: paypal
            202: channel collect payment
            203: stripe
            204: added by api
            205: asia pay
            206: virtual card
            208: manual prepayment
            210: auto action
            212: poster payment
            213: refund
    """

    invoice_id: int | None | Unset = UNSET
    sub_type: int | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        invoice_id: int | None | Unset
        if isinstance(self.invoice_id, Unset):
            invoice_id = UNSET
        else:
            invoice_id = self.invoice_id

        sub_type = self.sub_type

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if invoice_id is not UNSET:
            field_dict["invoiceId"] = invoice_id
        if sub_type is not UNSET:
            field_dict["subType"] = sub_type

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)

        def _parse_invoice_id(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        invoice_id = _parse_invoice_id(d.pop("invoiceId", UNSET))

        sub_type = d.pop("subType", UNSET)

        booking_invoice_items_item = cls(
            invoice_id=invoice_id,
            sub_type=sub_type,
        )

        booking_invoice_items_item.additional_properties = d
        return booking_invoice_items_item

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
