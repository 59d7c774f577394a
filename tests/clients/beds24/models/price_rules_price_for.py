from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.price_rules_price_for_type import (
    PriceRulesPriceForType,
    check_price_rules_price_for_type,
)
from ..types import UNSET, Unset

T = TypeVar("T", bound="PriceRulesPriceFor")


@_attrs_define
class PriceRulesPriceFor:
    """
    Attributes:
        type_ (PriceRulesPriceForType | Unset):  Example: upToPerson.
        up_to_person_value (int | None | Unset): Used to specifty the maximum occupancy if the priceType is set to
            upToPerson Example: 5.
    """

    type_: PriceRulesPriceForType | Unset = UNSET
    up_to_person_value: int | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        type_: str | Unset = UNSET
        if not isinstance(self.type_, Unset):
            type_ = self.type_

        up_to_person_value: int | None | Unset
        if isinstance(self.up_to_person_value, Unset):
            up_to_person_value = UNSET
        else:
            up_to_person_value = self.up_to_person_value

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if type_ is not UNSET:
            field_dict["type"] = type_
        if up_to_person_value is not UNSET:
            field_dict["upToPersonValue"] = up_to_person_value

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        _type_ = d.pop("type", UNSET)
        type_: PriceRulesPriceForType | Unset
        if isinstance(_type_, Unset):
            type_ = UNSET
        else:
            type_ = check_price_rules_price_for_type(_type_)

        def _parse_up_to_person_value(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        up_to_person_value = _parse_up_to_person_value(d.pop("upToPersonValue", UNSET))

        price_rules_price_for = cls(
            type_=type_,
            up_to_person_value=up_to_person_value,
        )

        price_rules_price_for.additional_properties = d
        return price_rules_price_for

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
