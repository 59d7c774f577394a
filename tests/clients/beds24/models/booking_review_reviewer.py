from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="BookingReviewReviewer")


@_attrs_define
class BookingReviewReviewer:
    """
    Attributes:
        country_code (str | Unset):  Example: fr.
        name (str | Unset):  Example: John.
        is_genius (bool | Unset):
    """

    country_code: str | Unset = UNSET
    name: str | Unset = UNSET
    is_genius: bool | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        country_code = self.country_code

        name = self.name

        is_genius = self.is_genius

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if country_code is not UNSET:
            field_dict["country_code"] = country_code
        if name is not UNSET:
            field_dict["name"] = name
        if is_genius is not UNSET:
            field_dict["is_genius"] = is_genius

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        country_code = d.pop("country_code", UNSET)

        name = d.pop("name", UNSET)

        is_genius = d.pop("is_genius", UNSET)

        booking_review_reviewer = cls(
            country_code=country_code,
            name=name,
            is_genius=is_genius,
        )

        booking_review_reviewer.additional_properties = d
        return booking_review_reviewer

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
