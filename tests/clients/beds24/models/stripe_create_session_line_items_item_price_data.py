from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.stripe_create_session_line_items_item_price_data_product_data import (
        StripeCreateSessionLineItemsItemPriceDataProductData,
    )


T = TypeVar("T", bound="StripeCreateSessionLineItemsItemPriceData")


@_attrs_define
class StripeCreateSessionLineItemsItemPriceData:
    """
    Attributes:
        currency (str | Unset):
        product_data (StripeCreateSessionLineItemsItemPriceDataProductData | Unset):
        unit_amount (int | Unset):
    """

    currency: str | Unset = UNSET
    product_data: StripeCreateSessionLineItemsItemPriceDataProductData | Unset = UNSET
    unit_amount: int | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        currency = self.currency

        product_data: dict[str, Any] | Unset = UNSET
        if not isinstance(self.product_data, Unset):
            product_data = self.product_data.to_dict()

        unit_amount = self.unit_amount

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if currency is not UNSET:
            field_dict["currency"] = currency
        if product_data is not UNSET:
            field_dict["product_data"] = product_data
        if unit_amount is not UNSET:
            field_dict["unit_amount"] = unit_amount

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.stripe_create_session_line_items_item_price_data_product_data import (
            StripeCreateSessionLineItemsItemPriceDataProductData,
        )

        d = dict(src_dict)
        currency = d.pop("currency", UNSET)

        _product_data = d.pop("product_data", UNSET)
        product_data: StripeCreateSessionLineItemsItemPriceDataProductData | Unset
        if isinstance(_product_data, Unset):
            product_data = UNSET
        else:
            product_data = (
                StripeCreateSessionLineItemsItemPriceDataProductData.from_dict(
                    _product_data
                )
            )

        unit_amount = d.pop("unit_amount", UNSET)

        stripe_create_session_line_items_item_price_data = cls(
            currency=currency,
            product_data=product_data,
            unit_amount=unit_amount,
        )

        stripe_create_session_line_items_item_price_data.additional_properties = d
        return stripe_create_session_line_items_item_price_data

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
