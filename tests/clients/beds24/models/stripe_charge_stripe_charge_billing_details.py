from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.stripe_charge_stripe_charge_billing_details_address import (
        StripeChargeStripeChargeBillingDetailsAddress,
    )


T = TypeVar("T", bound="StripeChargeStripeChargeBillingDetails")


@_attrs_define
class StripeChargeStripeChargeBillingDetails:
    """
    Attributes:
        address (StripeChargeStripeChargeBillingDetailsAddress | Unset):
        email (str | Unset):
        name (str | Unset):
        phone (str | Unset):
    """

    address: StripeChargeStripeChargeBillingDetailsAddress | Unset = UNSET
    email: str | Unset = UNSET
    name: str | Unset = UNSET
    phone: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        address: dict[str, Any] | Unset = UNSET
        if not isinstance(self.address, Unset):
            address = self.address.to_dict()

        email = self.email

        name = self.name

        phone = self.phone

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if address is not UNSET:
            field_dict["address"] = address
        if email is not UNSET:
            field_dict["email"] = email
        if name is not UNSET:
            field_dict["name"] = name
        if phone is not UNSET:
            field_dict["phone"] = phone

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.stripe_charge_stripe_charge_billing_details_address import (
            StripeChargeStripeChargeBillingDetailsAddress,
        )

        d = dict(src_dict)
        _address = d.pop("address", UNSET)
        address: StripeChargeStripeChargeBillingDetailsAddress | Unset
        if isinstance(_address, Unset):
            address = UNSET
        else:
            address = StripeChargeStripeChargeBillingDetailsAddress.from_dict(_address)

        email = d.pop("email", UNSET)

        name = d.pop("name", UNSET)

        phone = d.pop("phone", UNSET)

        stripe_charge_stripe_charge_billing_details = cls(
            address=address,
            email=email,
            name=name,
            phone=phone,
        )

        stripe_charge_stripe_charge_billing_details.additional_properties = d
        return stripe_charge_stripe_charge_billing_details

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
