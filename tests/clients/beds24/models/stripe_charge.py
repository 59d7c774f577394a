from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.stripe_charge_stripe_charge import StripeChargeStripeCharge


T = TypeVar("T", bound="StripeCharge")


@_attrs_define
class StripeCharge:
    """
    Attributes:
        stripe_charge (StripeChargeStripeCharge | Unset): This object will contain other fields not specified here.
    """

    stripe_charge: StripeChargeStripeCharge | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        stripe_charge: dict[str, Any] | Unset = UNSET
        if not isinstance(self.stripe_charge, Unset):
            stripe_charge = self.stripe_charge.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if stripe_charge is not UNSET:
            field_dict["stripeCharge"] = stripe_charge

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.stripe_charge_stripe_charge import StripeChargeStripeCharge

        d = dict(src_dict)
        _stripe_charge = d.pop("stripeCharge", UNSET)
        stripe_charge: StripeChargeStripeCharge | Unset
        if isinstance(_stripe_charge, Unset):
            stripe_charge = UNSET
        else:
            stripe_charge = StripeChargeStripeCharge.from_dict(_stripe_charge)

        stripe_charge = cls(
            stripe_charge=stripe_charge,
        )

        stripe_charge.additional_properties = d
        return stripe_charge

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
