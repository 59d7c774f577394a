from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.property_payment_collection_deposit_payment_1_variable_amount import (
        PropertyPaymentCollectionDepositPayment1VariableAmount,
    )


T = TypeVar("T", bound="PropertyPaymentCollectionDepositPayment1")


@_attrs_define
class PropertyPaymentCollectionDepositPayment1:
    """
    Attributes:
        fixed_amount (float | Unset):
        variable_amount (PropertyPaymentCollectionDepositPayment1VariableAmount | Unset):
    """

    fixed_amount: float | Unset = UNSET
    variable_amount: PropertyPaymentCollectionDepositPayment1VariableAmount | Unset = (
        UNSET
    )
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        fixed_amount = self.fixed_amount

        variable_amount: dict[str, Any] | Unset = UNSET
        if not isinstance(self.variable_amount, Unset):
            variable_amount = self.variable_amount.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if fixed_amount is not UNSET:
            field_dict["fixedAmount"] = fixed_amount
        if variable_amount is not UNSET:
            field_dict["variableAmount"] = variable_amount

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.property_payment_collection_deposit_payment_1_variable_amount import (
            PropertyPaymentCollectionDepositPayment1VariableAmount,
        )

        d = dict(src_dict)
        fixed_amount = d.pop("fixedAmount", UNSET)

        _variable_amount = d.pop("variableAmount", UNSET)
        variable_amount: PropertyPaymentCollectionDepositPayment1VariableAmount | Unset
        if isinstance(_variable_amount, Unset):
            variable_amount = UNSET
        else:
            variable_amount = (
                PropertyPaymentCollectionDepositPayment1VariableAmount.from_dict(
                    _variable_amount
                )
            )

        property_payment_collection_deposit_payment_1 = cls(
            fixed_amount=fixed_amount,
            variable_amount=variable_amount,
        )

        property_payment_collection_deposit_payment_1.additional_properties = d
        return property_payment_collection_deposit_payment_1

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
