from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.property_payment_collection_deposit_payment_2_variable_amount_type import (
    PropertyPaymentCollectionDepositPayment2VariableAmountType,
    check_property_payment_collection_deposit_payment_2_variable_amount_type,
)
from ..types import UNSET, Unset

T = TypeVar("T", bound="PropertyPaymentCollectionDepositPayment2VariableAmount")


@_attrs_define
class PropertyPaymentCollectionDepositPayment2VariableAmount:
    """
    Attributes:
        type_ (PropertyPaymentCollectionDepositPayment2VariableAmountType | Unset):
        percentage_value (int | None | Unset): Used to specify the deposit percentage if type is set to percentage
    """

    type_: PropertyPaymentCollectionDepositPayment2VariableAmountType | Unset = UNSET
    percentage_value: int | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        type_: str | Unset = UNSET
        if not isinstance(self.type_, Unset):
            type_ = self.type_

        percentage_value: int | None | Unset
        if isinstance(self.percentage_value, Unset):
            percentage_value = UNSET
        else:
            percentage_value = self.percentage_value

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if type_ is not UNSET:
            field_dict["type"] = type_
        if percentage_value is not UNSET:
            field_dict["percentageValue"] = percentage_value

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        _type_ = d.pop("type", UNSET)
        type_: PropertyPaymentCollectionDepositPayment2VariableAmountType | Unset
        if isinstance(_type_, Unset):
            type_ = UNSET
        else:
            type_ = check_property_payment_collection_deposit_payment_2_variable_amount_type(
                _type_
            )

        def _parse_percentage_value(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        percentage_value = _parse_percentage_value(d.pop("percentageValue", UNSET))

        property_payment_collection_deposit_payment_2_variable_amount = cls(
            type_=type_,
            percentage_value=percentage_value,
        )

        property_payment_collection_deposit_payment_2_variable_amount.additional_properties = d
        return property_payment_collection_deposit_payment_2_variable_amount

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
