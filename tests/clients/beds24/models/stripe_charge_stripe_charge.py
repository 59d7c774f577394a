from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.stripe_charge_stripe_charge_billing_details import (
        StripeChargeStripeChargeBillingDetails,
    )


T = TypeVar("T", bound="StripeChargeStripeCharge")


@_attrs_define
class StripeChargeStripeCharge:
    """This object will contain other fields not specified here.

    Attributes:
        id (str | Unset):
        object_ (str | Unset):  Example: charge.
        amount (int | Unset):
        amount_captured (int | Unset):
        amount_refunded (int | Unset):
        billing_details (StripeChargeStripeChargeBillingDetails | Unset):
        currency (str | Unset):
        paid (bool | Unset):
        payment_intent (str | Unset):
        payment_method (str | Unset):
    """

    id: str | Unset = UNSET
    object_: str | Unset = UNSET
    amount: int | Unset = UNSET
    amount_captured: int | Unset = UNSET
    amount_refunded: int | Unset = UNSET
    billing_details: StripeChargeStripeChargeBillingDetails | Unset = UNSET
    currency: str | Unset = UNSET
    paid: bool | Unset = UNSET
    payment_intent: str | Unset = UNSET
    payment_method: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        object_ = self.object_

        amount = self.amount

        amount_captured = self.amount_captured

        amount_refunded = self.amount_refunded

        billing_details: dict[str, Any] | Unset = UNSET
        if not isinstance(self.billing_details, Unset):
            billing_details = self.billing_details.to_dict()

        currency = self.currency

        paid = self.paid

        payment_intent = self.payment_intent

        payment_method = self.payment_method

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if id is not UNSET:
            field_dict["id"] = id
        if object_ is not UNSET:
            field_dict["object"] = object_
        if amount is not UNSET:
            field_dict["amount"] = amount
        if amount_captured is not UNSET:
            field_dict["amount_captured"] = amount_captured
        if amount_refunded is not UNSET:
            field_dict["amount_refunded"] = amount_refunded
        if billing_details is not UNSET:
            field_dict["billing_details"] = billing_details
        if currency is not UNSET:
            field_dict["currency"] = currency
        if paid is not UNSET:
            field_dict["paid"] = paid
        if payment_intent is not UNSET:
            field_dict["payment_intent"] = payment_intent
        if payment_method is not UNSET:
            field_dict["payment_method"] = payment_method

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.stripe_charge_stripe_charge_billing_details import (
            StripeChargeStripeChargeBillingDetails,
        )

        d = dict(src_dict)
        id = d.pop("id", UNSET)

        object_ = d.pop("object", UNSET)

        amount = d.pop("amount", UNSET)

        amount_captured = d.pop("amount_captured", UNSET)

        amount_refunded = d.pop("amount_refunded", UNSET)

        _billing_details = d.pop("billing_details", UNSET)
        billing_details: StripeChargeStripeChargeBillingDetails | Unset
        if isinstance(_billing_details, Unset):
            billing_details = UNSET
        else:
            billing_details = StripeChargeStripeChargeBillingDetails.from_dict(
                _billing_details
            )

        currency = d.pop("currency", UNSET)

        paid = d.pop("paid", UNSET)

        payment_intent = d.pop("payment_intent", UNSET)

        payment_method = d.pop("payment_method", UNSET)

        stripe_charge_stripe_charge = cls(
            id=id,
            object_=object_,
            amount=amount,
            amount_captured=amount_captured,
            amount_refunded=amount_refunded,
            billing_details=billing_details,
            currency=currency,
            paid=paid,
            payment_intent=payment_intent,
            payment_method=payment_method,
        )

        stripe_charge_stripe_charge.additional_properties = d
        return stripe_charge_stripe_charge

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
