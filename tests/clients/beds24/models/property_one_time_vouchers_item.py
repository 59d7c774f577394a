from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="PropertyOneTimeVouchersItem")


@_attrs_define
class PropertyOneTimeVouchersItem:
    """
    Attributes:
        phrase (str | Unset):
        discount (float | Unset):
    """

    phrase: str | Unset = UNSET
    discount: float | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        phrase = self.phrase

        discount = self.discount

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if phrase is not UNSET:
            field_dict["phrase"] = phrase
        if discount is not UNSET:
            field_dict["discount"] = discount

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        phrase = d.pop("phrase", UNSET)

        discount = d.pop("discount", UNSET)

        property_one_time_vouchers_item = cls(
            phrase=phrase,
            discount=discount,
        )

        property_one_time_vouchers_item.additional_properties = d
        return property_one_time_vouchers_item

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
