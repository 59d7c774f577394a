from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.property_booking_questions_guest_country_text_usage import (
    PropertyBookingQuestionsGuestCountryTextUsage,
    check_property_booking_questions_guest_country_text_usage,
)
from ..types import UNSET, Unset

T = TypeVar("T", bound="PropertyBookingQuestionsGuestCountryText")


@_attrs_define
class PropertyBookingQuestionsGuestCountryText:
    """
    Attributes:
        order (int | Unset):
        usage (PropertyBookingQuestionsGuestCountryTextUsage | Unset):
    """

    order: int | Unset = UNSET
    usage: PropertyBookingQuestionsGuestCountryTextUsage | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        order = self.order

        usage: str | Unset = UNSET
        if not isinstance(self.usage, Unset):
            usage = self.usage

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if order is not UNSET:
            field_dict["order"] = order
        if usage is not UNSET:
            field_dict["usage"] = usage

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        order = d.pop("order", UNSET)

        _usage = d.pop("usage", UNSET)
        usage: PropertyBookingQuestionsGuestCountryTextUsage | Unset
        if isinstance(_usage, Unset):
            usage = UNSET
        else:
            usage = check_property_booking_questions_guest_country_text_usage(_usage)

        property_booking_questions_guest_country_text = cls(
            order=order,
            usage=usage,
        )

        property_booking_questions_guest_country_text.additional_properties = d
        return property_booking_questions_guest_country_text

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
