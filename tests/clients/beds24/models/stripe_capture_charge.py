from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="StripeCaptureCharge")


@_attrs_define
class StripeCaptureCharge:
    """
    Attributes:
        action (str | Unset):
        booking_id (int | Unset):
        stripe_charge_id (str | Unset):
        amount (float | Unset):
    """

    action: str | Unset = UNSET
    booking_id: int | Unset = UNSET
    stripe_charge_id: str | Unset = UNSET
    amount: float | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        action = self.action

        booking_id = self.booking_id

        stripe_charge_id = self.stripe_charge_id

        amount = self.amount

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if action is not UNSET:
            field_dict["action"] = action
        if booking_id is not UNSET:
            field_dict["bookingId"] = booking_id
        if stripe_charge_id is not UNSET:
            field_dict["stripeChargeId"] = stripe_charge_id
        if amount is not UNSET:
            field_dict["amount"] = amount

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        action = d.pop("action", UNSET)

        booking_id = d.pop("bookingId", UNSET)

        stripe_charge_id = d.pop("stripeChargeId", UNSET)

        amount = d.pop("amount", UNSET)

        stripe_capture_charge = cls(
            action=action,
            booking_id=booking_id,
            stripe_charge_id=stripe_charge_id,
            amount=amount,
        )

        stripe_capture_charge.additional_properties = d
        return stripe_capture_charge

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
