from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.property_discount_vouchers_item_type import (
    PropertyDiscountVouchersItemType,
    check_property_discount_vouchers_item_type,
)
from ..types import UNSET, Unset

T = TypeVar("T", bound="PropertyDiscountVouchersItem")


@_attrs_define
class PropertyDiscountVouchersItem:
    """
    Attributes:
        number (int | Unset):
        phrase (str | Unset):
        discount (float | Unset):
        type_ (PropertyDiscountVouchersItemType | Unset):
    """

    number: int | Unset = UNSET
    phrase: str | Unset = UNSET
    discount: float | Unset = UNSET
    type_: PropertyDiscountVouchersItemType | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        number = self.number

        phrase = self.phrase

        discount = self.discount

        type_: str | Unset = UNSET
        if not isinstance(self.type_, Unset):
            type_ = self.type_

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if number is not UNSET:
            field_dict["number"] = number
        if phrase is not UNSET:
            field_dict["phrase"] = phrase
        if discount is not UNSET:
            field_dict["discount"] = discount
        if type_ is not UNSET:
            field_dict["type"] = type_

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        number = d.pop("number", UNSET)

        phrase = d.pop("phrase", UNSET)

        discount = d.pop("discount", UNSET)

        _type_ = d.pop("type", UNSET)
        type_: PropertyDiscountVouchersItemType | Unset
        if isinstance(_type_, Unset):
            type_ = UNSET
        else:
            type_ = check_property_discount_vouchers_item_type(_type_)

        property_discount_vouchers_item = cls(
            number=number,
            phrase=phrase,
            discount=discount,
            type_=type_,
        )

        property_discount_vouchers_item.additional_properties = d
        return property_discount_vouchers_item

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
