from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.property_booking_rules_allow_guest_cancellation_type import (
    PropertyBookingRulesAllowGuestCancellationType,
    check_property_booking_rules_allow_guest_cancellation_type,
)
from ..types import UNSET, Unset

T = TypeVar("T", bound="PropertyBookingRulesAllowGuestCancellation")


@_attrs_define
class PropertyBookingRulesAllowGuestCancellation:
    """
    Attributes:
        type_ (PropertyBookingRulesAllowGuestCancellationType | Unset):
        days_before_arrival_value (int | None | Unset): Used to specify the number of days if type is set to
            daysBeforeArrival
    """

    type_: PropertyBookingRulesAllowGuestCancellationType | Unset = UNSET
    days_before_arrival_value: int | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        type_: str | Unset = UNSET
        if not isinstance(self.type_, Unset):
            type_ = self.type_

        days_before_arrival_value: int | None | Unset
        if isinstance(self.days_before_arrival_value, Unset):
            days_before_arrival_value = UNSET
        else:
            days_before_arrival_value = self.days_before_arrival_value

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if type_ is not UNSET:
            field_dict["type"] = type_
        if days_before_arrival_value is not UNSET:
            field_dict["daysBeforeArrivalValue"] = days_before_arrival_value

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        _type_ = d.pop("type", UNSET)
        type_: PropertyBookingRulesAllowGuestCancellationType | Unset
        if isinstance(_type_, Unset):
            type_ = UNSET
        else:
            type_ = check_property_booking_rules_allow_guest_cancellation_type(_type_)

        def _parse_days_before_arrival_value(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        days_before_arrival_value = _parse_days_before_arrival_value(
            d.pop("daysBeforeArrivalValue", UNSET)
        )

        property_booking_rules_allow_guest_cancellation = cls(
            type_=type_,
            days_before_arrival_value=days_before_arrival_value,
        )

        property_booking_rules_allow_guest_cancellation.additional_properties = d
        return property_booking_rules_allow_guest_cancellation

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
