from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="BookingReviewContent")


@_attrs_define
class BookingReviewContent:
    """
    Attributes:
        language_code (str | Unset):  Example: en.
        headline (str | Unset):  Example: A room on the canal....
        positive (str | Unset):  Example: It was great that ....
        negative (str | Unset):  Example: What I really didn't like was that ....
    """

    language_code: str | Unset = UNSET
    headline: str | Unset = UNSET
    positive: str | Unset = UNSET
    negative: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        language_code = self.language_code

        headline = self.headline

        positive = self.positive

        negative = self.negative

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if language_code is not UNSET:
            field_dict["language_code"] = language_code
        if headline is not UNSET:
            field_dict["headline"] = headline
        if positive is not UNSET:
            field_dict["positive"] = positive
        if negative is not UNSET:
            field_dict["negative"] = negative

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        language_code = d.pop("language_code", UNSET)

        headline = d.pop("headline", UNSET)

        positive = d.pop("positive", UNSET)

        negative = d.pop("negative", UNSET)

        booking_review_content = cls(
            language_code=language_code,
            headline=headline,
            positive=positive,
            negative=negative,
        )

        booking_review_content.additional_properties = d
        return booking_review_content

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
