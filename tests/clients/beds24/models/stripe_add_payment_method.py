from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.stripe_add_payment_method_card import StripeAddPaymentMethodCard


T = TypeVar("T", bound="StripeAddPaymentMethod")


@_attrs_define
class StripeAddPaymentMethod:
    """
    Attributes:
        action (str | Unset):
        booking_id (int | Unset):
        card (StripeAddPaymentMethodCard | Unset):
    """

    action: str | Unset = UNSET
    booking_id: int | Unset = UNSET
    card: StripeAddPaymentMethodCard | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        action = self.action

        booking_id = self.booking_id

        card: dict[str, Any] | Unset = UNSET
        if not isinstance(self.card, Unset):
            card = self.card.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if action is not UNSET:
            field_dict["action"] = action
        if booking_id is not UNSET:
            field_dict["bookingId"] = booking_id
        if card is not UNSET:
            field_dict["card"] = card

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.stripe_add_payment_method_card import StripeAddPaymentMethodCard

        d = dict(src_dict)
        action = d.pop("action", UNSET)

        booking_id = d.pop("bookingId", UNSET)

        _card = d.pop("card", UNSET)
        card: StripeAddPaymentMethodCard | Unset
        if isinstance(_card, Unset):
            card = UNSET
        else:
            card = StripeAddPaymentMethodCard.from_dict(_card)

        stripe_add_payment_method = cls(
            action=action,
            booking_id=booking_id,
            card=card,
        )

        stripe_add_payment_method.additional_properties = d
        return stripe_add_payment_method

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
