from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="StripeChargePaymentMethod")


@_attrs_define
class StripeChargePaymentMethod:
    """
    Attributes:
        action (str | Unset):
        booking_id (int | Unset):
        stripe_payment_method_id (str | Unset):
        capture (bool | Unset):
        amount (float | Unset):
        currency (str | Unset):
        description (str | Unset):
        moto (bool | Unset):
        source (str | Unset):
    """

    action: str | Unset = UNSET
    booking_id: int | Unset = UNSET
    stripe_payment_method_id: str | Unset = UNSET
    capture: bool | Unset = UNSET
    amount: float | Unset = UNSET
    currency: str | Unset = UNSET
    description: str | Unset = UNSET
    moto: bool | Unset = UNSET
    source: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        action = self.action

        booking_id = self.booking_id

        stripe_payment_method_id = self.stripe_payment_method_id

        capture = self.capture

        amount = self.amount

        currency = self.currency

        description = self.description

        moto = self.moto

        source = self.source

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if action is not UNSET:
            field_dict["action"] = action
        if booking_id is not UNSET:
            field_dict["bookingId"] = booking_id
        if stripe_payment_method_id is not UNSET:
            field_dict["stripePaymentMethodId"] = stripe_payment_method_id
        if capture is not UNSET:
            field_dict["capture"] = capture
        if amount is not UNSET:
            field_dict["amount"] = amount
        if currency is not UNSET:
            field_dict["currency"] = currency
        if description is not UNSET:
            field_dict["description"] = description
        if moto is not UNSET:
            field_dict["moto"] = moto
        if source is not UNSET:
            field_dict["source"] = source

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        action = d.pop("action", UNSET)

        booking_id = d.pop("bookingId", UNSET)

        stripe_payment_method_id = d.pop("stripePaymentMethodId", UNSET)

        capture = d.pop("capture", UNSET)

        amount = d.pop("amount", UNSET)

        currency = d.pop("currency", UNSET)

        description = d.pop("description", UNSET)

        moto = d.pop("moto", UNSET)

        source = d.pop("source", UNSET)

        stripe_charge_payment_method = cls(
            action=action,
            booking_id=booking_id,
            stripe_payment_method_id=stripe_payment_method_id,
            capture=capture,
            amount=amount,
            currency=currency,
            description=description,
            moto=moto,
            source=source,
        )

        stripe_charge_payment_method.additional_properties = d
        return stripe_charge_payment_method

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
