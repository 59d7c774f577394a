from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="AirbnbListingAirbnbListingAmenitiesItemAMENITYNAME")


@_attrs_define
class AirbnbListingAirbnbListingAmenitiesItemAMENITYNAME:
    """
    Attributes:
        instruction (str | Unset):
        is_present (bool | Unset):
    """

    instruction: str | Unset = UNSET
    is_present: bool | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        instruction = self.instruction

        is_present = self.is_present

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if instruction is not UNSET:
            field_dict["instruction"] = instruction
        if is_present is not UNSET:
            field_dict["is_present"] = is_present

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        instruction = d.pop("instruction", UNSET)

        is_present = d.pop("is_present", UNSET)

        airbnb_listing_airbnb_listing_amenities_item_amenityname = cls(
            instruction=instruction,
            is_present=is_present,
        )

        airbnb_listing_airbnb_listing_amenities_item_amenityname.additional_properties = d
        return airbnb_listing_airbnb_listing_amenities_item_amenityname

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
