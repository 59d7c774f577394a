from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.offer_minimum_stay_type import (
    OfferMinimumStayType,
    check_offer_minimum_stay_type,
)
from ..types import UNSET, Unset

T = TypeVar("T", bound="OfferMinimumStay")


@_attrs_define
class OfferMinimumStay:
    """
    Attributes:
        type_ (OfferMinimumStayType | Unset):
        number_of_days_value (int | None | Unset): Used to specify the number of days if minimumStay is set to
            numberOfDays
    """

    type_: OfferMinimumStayType | Unset = UNSET
    number_of_days_value: int | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        type_: str | Unset = UNSET
        if not isinstance(self.type_, Unset):
            type_ = self.type_

        number_of_days_value: int | None | Unset
        if isinstance(self.number_of_days_value, Unset):
            number_of_days_value = UNSET
        else:
            number_of_days_value = self.number_of_days_value

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if type_ is not UNSET:
            field_dict["type"] = type_
        if number_of_days_value is not UNSET:
            field_dict["numberOfDaysValue"] = number_of_days_value

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        _type_ = d.pop("type", UNSET)
        type_: OfferMinimumStayType | Unset
        if isinstance(_type_, Unset):
            type_ = UNSET
        else:
            type_ = check_offer_minimum_stay_type(_type_)

        def _parse_number_of_days_value(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        number_of_days_value = _parse_number_of_days_value(
            d.pop("numberOfDaysValue", UNSET)
        )

        offer_minimum_stay = cls(
            type_=type_,
            number_of_days_value=number_of_days_value,
        )

        offer_minimum_stay.additional_properties = d
        return offer_minimum_stay

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
