from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.stripe_payment_method_stripe_payment_method_billing_details import (
        StripePaymentMethodStripePaymentMethodBillingDetails,
    )


T = TypeVar("T", bound="StripePaymentMethodStripePaymentMethod")


@_attrs_define
class StripePaymentMethodStripePaymentMethod:
    """This object will contain other fields not specified here.

    Attributes:
        id (str | Unset):
        object_ (str | Unset):  Example: payment_method.
        billing_details (StripePaymentMethodStripePaymentMethodBillingDetails | Unset):
    """

    id: str | Unset = UNSET
    object_: str | Unset = UNSET
    billing_details: StripePaymentMethodStripePaymentMethodBillingDetails | Unset = (
        UNSET
    )
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        object_ = self.object_

        billing_details: dict[str, Any] | Unset = UNSET
        if not isinstance(self.billing_details, Unset):
            billing_details = self.billing_details.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if id is not UNSET:
            field_dict["id"] = id
        if object_ is not UNSET:
            field_dict["object"] = object_
        if billing_details is not UNSET:
            field_dict["billing_details"] = billing_details

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.stripe_payment_method_stripe_payment_method_billing_details import (
            StripePaymentMethodStripePaymentMethodBillingDetails,
        )

        d = dict(src_dict)
        id = d.pop("id", UNSET)

        object_ = d.pop("object", UNSET)

        _billing_details = d.pop("billing_details", UNSET)
        billing_details: StripePaymentMethodStripePaymentMethodBillingDetails | Unset
        if isinstance(_billing_details, Unset):
            billing_details = UNSET
        else:
            billing_details = (
                StripePaymentMethodStripePaymentMethodBillingDetails.from_dict(
                    _billing_details
                )
            )

        stripe_payment_method_stripe_payment_method = cls(
            id=id,
            object_=object_,
            billing_details=billing_details,
        )

        stripe_payment_method_stripe_payment_method.additional_properties = d
        return stripe_payment_method_stripe_payment_method

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
