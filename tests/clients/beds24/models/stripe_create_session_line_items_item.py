from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.stripe_create_session_line_items_item_price_data import (
        StripeCreateSessionLineItemsItemPriceData,
    )


T = TypeVar("T", bound="StripeCreateSessionLineItemsItem")


@_attrs_define
class StripeCreateSessionLineItemsItem:
    """
    Attributes:
        price_data (StripeCreateSessionLineItemsItemPriceData | Unset):
        quantity (int | Unset):
    """

    price_data: StripeCreateSessionLineItemsItemPriceData | Unset = UNSET
    quantity: int | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        price_data: dict[str, Any] | Unset = UNSET
        if not isinstance(self.price_data, Unset):
            price_data = self.price_data.to_dict()

        quantity = self.quantity

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if price_data is not UNSET:
            field_dict["price_data"] = price_data
        if quantity is not UNSET:
            field_dict["quantity"] = quantity

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.stripe_create_session_line_items_item_price_data import (
            StripeCreateSessionLineItemsItemPriceData,
        )

        d = dict(src_dict)
        _price_data = d.pop("price_data", UNSET)
        price_data: StripeCreateSessionLineItemsItemPriceData | Unset
        if isinstance(_price_data, Unset):
            price_data = UNSET
        else:
            price_data = StripeCreateSessionLineItemsItemPriceData.from_dict(
                _price_data
            )

        quantity = d.pop("quantity", UNSET)

        stripe_create_session_line_items_item = cls(
            price_data=price_data,
            quantity=quantity,
        )

        stripe_create_session_line_items_item.additional_properties = d
        return stripe_create_session_line_items_item

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
