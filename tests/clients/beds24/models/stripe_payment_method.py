from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.stripe_payment_method_stripe_payment_method import (
        StripePaymentMethodStripePaymentMethod,
    )


T = TypeVar("T", bound="StripePaymentMethod")


@_attrs_define
class StripePaymentMethod:
    """
    Attributes:
        stripe_payment_method (StripePaymentMethodStripePaymentMethod | Unset): This object will contain other fields
            not specified here.
    """

    stripe_payment_method: StripePaymentMethodStripePaymentMethod | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        stripe_payment_method: dict[str, Any] | Unset = UNSET
        if not isinstance(self.stripe_payment_method, Unset):
            stripe_payment_method = self.stripe_payment_method.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if stripe_payment_method is not UNSET:
            field_dict["stripePaymentMethod"] = stripe_payment_method

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.stripe_payment_method_stripe_payment_method import (
            StripePaymentMethodStripePaymentMethod,
        )

        d = dict(src_dict)
        _stripe_payment_method = d.pop("stripePaymentMethod", UNSET)
        stripe_payment_method: StripePaymentMethodStripePaymentMethod | Unset
        if isinstance(_stripe_payment_method, Unset):
            stripe_payment_method = UNSET
        else:
            stripe_payment_method = StripePaymentMethodStripePaymentMethod.from_dict(
                _stripe_payment_method
            )

        stripe_payment_method = cls(
            stripe_payment_method=stripe_payment_method,
        )

        stripe_payment_method.additional_properties = d
        return stripe_payment_method

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
