from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="NewBookingInfoItemsItem")


@_attrs_define
class NewBookingInfoItemsItem:
    """
    Attributes:
        code (str | Unset):
        text (str | Unset):
        booking_id (int | Unset):
    """

    code: str | Unset = UNSET
    text: str | Unset = UNSET
    booking_id: int | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        code = self.code

        text = self.text

        booking_id = self.booking_id

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if code is not UNSET:
            field_dict["code"] = code
        if text is not UNSET:
            field_dict["text"] = text
        if booking_id is not UNSET:
            field_dict["bookingId"] = booking_id

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        code = d.pop("code", UNSET)

        text = d.pop("text", UNSET)

        booking_id = d.pop("bookingId", UNSET)

        new_booking_info_items_item = cls(
            code=code,
            text=text,
            booking_id=booking_id,
        )

        new_booking_info_items_item.additional_properties = d
        return new_booking_info_items_item

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
