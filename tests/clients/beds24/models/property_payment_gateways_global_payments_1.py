from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.property_payment_gateways_global_payments_1_type import (
    PropertyPaymentGatewaysGlobalPayments1Type,
    check_property_payment_gateways_global_payments_1_type,
)
from ..types import UNSET, Unset

T = TypeVar("T", bound="PropertyPaymentGatewaysGlobalPayments1")


@_attrs_define
class PropertyPaymentGatewaysGlobalPayments1:
    """
    Attributes:
        type_ (PropertyPaymentGatewaysGlobalPayments1Type | Unset):
        priority (int | Unset):
    """

    type_: PropertyPaymentGatewaysGlobalPayments1Type | Unset = UNSET
    priority: int | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        type_: str | Unset = UNSET
        if not isinstance(self.type_, Unset):
            type_ = self.type_

        priority = self.priority

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if type_ is not UNSET:
            field_dict["type"] = type_
        if priority is not UNSET:
            field_dict["priority"] = priority

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        _type_ = d.pop("type", UNSET)
        type_: PropertyPaymentGatewaysGlobalPayments1Type | Unset
        if isinstance(_type_, Unset):
            type_ = UNSET
        else:
            type_ = check_property_payment_gateways_global_payments_1_type(_type_)

        priority = d.pop("priority", UNSET)

        property_payment_gateways_global_payments_1 = cls(
            type_=type_,
            priority=priority,
        )

        property_payment_gateways_global_payments_1.additional_properties = d
        return property_payment_gateways_global_payments_1

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
