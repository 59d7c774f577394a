from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="BookingReviewReply")


@_attrs_define
class BookingReviewReply:
    """
    Attributes:
        text (str | Unset):  Example: Thank you for your review!.
        last_change_timestamp (str | Unset):  Example: 2018-05-15T10:23:57.
    """

    text: str | Unset = UNSET
    last_change_timestamp: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        text = self.text

        last_change_timestamp = self.last_change_timestamp

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if text is not UNSET:
            field_dict["text"] = text
        if last_change_timestamp is not UNSET:
            field_dict["last_change_timestamp"] = last_change_timestamp

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        text = d.pop("text", UNSET)

        last_change_timestamp = d.pop("last_change_timestamp", UNSET)

        booking_review_reply = cls(
            text=text,
            last_change_timestamp=last_change_timestamp,
        )

        booking_review_reply.additional_properties = d
        return booking_review_reply

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
