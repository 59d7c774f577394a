from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.property_booking_questions_custom_question_6_type import (
    PropertyBookingQuestionsCustomQuestion6Type,
    check_property_booking_questions_custom_question_6_type,
)
from ..models.property_booking_questions_custom_question_6_usage import (
    PropertyBookingQuestionsCustomQuestion6Usage,
    check_property_booking_questions_custom_question_6_usage,
)
from ..types import UNSET, Unset

T = TypeVar("T", bound="PropertyBookingQuestionsCustomQuestion6")


@_attrs_define
class PropertyBookingQuestionsCustomQuestion6:
    """
    Attributes:
        order (int | Unset):
        usage (PropertyBookingQuestionsCustomQuestion6Usage | Unset):
        type_ (PropertyBookingQuestionsCustomQuestion6Type | Unset):
    """

    order: int | Unset = UNSET
    usage: PropertyBookingQuestionsCustomQuestion6Usage | Unset = UNSET
    type_: PropertyBookingQuestionsCustomQuestion6Type | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        order = self.order

        usage: str | Unset = UNSET
        if not isinstance(self.usage, Unset):
            usage = self.usage

        type_: str | Unset = UNSET
        if not isinstance(self.type_, Unset):
            type_ = self.type_

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if order is not UNSET:
            field_dict["order"] = order
        if usage is not UNSET:
            field_dict["usage"] = usage
        if type_ is not UNSET:
            field_dict["type"] = type_

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        order = d.pop("order", UNSET)

        _usage = d.pop("usage", UNSET)
        usage: PropertyBookingQuestionsCustomQuestion6Usage | Unset
        if isinstance(_usage, Unset):
            usage = UNSET
        else:
            usage = check_property_booking_questions_custom_question_6_usage(_usage)

        _type_ = d.pop("type", UNSET)
        type_: PropertyBookingQuestionsCustomQuestion6Type | Unset
        if isinstance(_type_, Unset):
            type_ = UNSET
        else:
            type_ = check_property_booking_questions_custom_question_6_type(_type_)

        property_booking_questions_custom_question_6 = cls(
            order=order,
            usage=usage,
            type_=type_,
        )

        property_booking_questions_custom_question_6.additional_properties = d
        return property_booking_questions_custom_question_6

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
