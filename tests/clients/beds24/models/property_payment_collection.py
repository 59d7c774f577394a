from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.property_payment_collection_deposit_non_payment import (
    PropertyPaymentCollectionDepositNonPayment,
    check_property_payment_collection_deposit_non_payment,
)
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.property_payment_collection_deposit_payment_1 import (
        PropertyPaymentCollectionDepositPayment1,
    )
    from ..models.property_payment_collection_deposit_payment_2 import (
        PropertyPaymentCollectionDepositPayment2,
    )


T = TypeVar("T", bound="PropertyPaymentCollection")


@_attrs_define
class PropertyPaymentCollection:
    """
    Attributes:
        deposit_non_payment (PropertyPaymentCollectionDepositNonPayment | Unset):
        deposit_payment_1 (PropertyPaymentCollectionDepositPayment1 | Unset):
        deposit_payment_2 (PropertyPaymentCollectionDepositPayment2 | Unset):
    """

    deposit_non_payment: PropertyPaymentCollectionDepositNonPayment | Unset = UNSET
    deposit_payment_1: PropertyPaymentCollectionDepositPayment1 | Unset = UNSET
    deposit_payment_2: PropertyPaymentCollectionDepositPayment2 | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        deposit_non_payment: str | Unset = UNSET
        if not isinstance(self.deposit_non_payment, Unset):
            deposit_non_payment = self.deposit_non_payment

        deposit_payment_1: dict[str, Any] | Unset = UNSET
        if not isinstance(self.deposit_payment_1, Unset):
            deposit_payment_1 = self.deposit_payment_1.to_dict()

        deposit_payment_2: dict[str, Any] | Unset = UNSET
        if not isinstance(self.deposit_payment_2, Unset):
            deposit_payment_2 = self.deposit_payment_2.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if deposit_non_payment is not UNSET:
            field_dict["depositNonPayment"] = deposit_non_payment
        if deposit_payment_1 is not UNSET:
            field_dict["depositPayment1"] = deposit_payment_1
        if deposit_payment_2 is not UNSET:
            field_dict["depositPayment2"] = deposit_payment_2

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.property_payment_collection_deposit_payment_1 import (
            PropertyPaymentCollectionDepositPayment1,
        )
        from ..models.property_payment_collection_deposit_payment_2 import (
            PropertyPaymentCollectionDepositPayment2,
        )

        d = dict(src_dict)
        _deposit_non_payment = d.pop("depositNonPayment", UNSET)
        deposit_non_payment: PropertyPaymentCollectionDepositNonPayment | Unset
        if isinstance(_deposit_non_payment, Unset):
            deposit_non_payment = UNSET
        else:
            deposit_non_payment = check_property_payment_collection_deposit_non_payment(
                _deposit_non_payment
            )

        _deposit_payment_1 = d.pop("depositPayment1", UNSET)
        deposit_payment_1: PropertyPaymentCollectionDepositPayment1 | Unset
        if isinstance(_deposit_payment_1, Unset):
            deposit_payment_1 = UNSET
        else:
            deposit_payment_1 = PropertyPaymentCollectionDepositPayment1.from_dict(
                _deposit_payment_1
            )

        _deposit_payment_2 = d.pop("depositPayment2", UNSET)
        deposit_payment_2: PropertyPaymentCollectionDepositPayment2 | Unset
        if isinstance(_deposit_payment_2, Unset):
            deposit_payment_2 = UNSET
        else:
            deposit_payment_2 = PropertyPaymentCollectionDepositPayment2.from_dict(
                _deposit_payment_2
            )

        property_payment_collection = cls(
            deposit_non_payment=deposit_non_payment,
            deposit_payment_1=deposit_payment_1,
            deposit_payment_2=deposit_payment_2,
        )

        property_payment_collection.additional_properties = d
        return property_payment_collection

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
