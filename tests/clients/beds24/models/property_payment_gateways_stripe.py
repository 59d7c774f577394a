from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.property_payment_gateways_stripe_checkout_version import (
    PropertyPaymentGatewaysStripeCheckoutVersion,
    check_property_payment_gateways_stripe_checkout_version,
)
from ..models.property_payment_gateways_stripe_type import (
    PropertyPaymentGatewaysStripeType,
    check_property_payment_gateways_stripe_type,
)
from ..types import UNSET, Unset

T = TypeVar("T", bound="PropertyPaymentGatewaysStripe")


@_attrs_define
class PropertyPaymentGatewaysStripe:
    """
    Attributes:
        type_ (PropertyPaymentGatewaysStripeType | Unset):
        priority (int | Unset):
        save_all_cards (bool | Unset):
        capture (bool | Unset):
        checkout_version (PropertyPaymentGatewaysStripeCheckoutVersion | Unset):
        payment_description (str | Unset):
    """

    type_: PropertyPaymentGatewaysStripeType | Unset = UNSET
    priority: int | Unset = UNSET
    save_all_cards: bool | Unset = UNSET
    capture: bool | Unset = UNSET
    checkout_version: PropertyPaymentGatewaysStripeCheckoutVersion | Unset = UNSET
    payment_description: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        type_: str | Unset = UNSET
        if not isinstance(self.type_, Unset):
            type_ = self.type_

        priority = self.priority

        save_all_cards = self.save_all_cards

        capture = self.capture

        checkout_version: str | Unset = UNSET
        if not isinstance(self.checkout_version, Unset):
            checkout_version = self.checkout_version

        payment_description = self.payment_description

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if type_ is not UNSET:
            field_dict["type"] = type_
        if priority is not UNSET:
            field_dict["priority"] = priority
        if save_all_cards is not UNSET:
            field_dict["saveAllCards"] = save_all_cards
        if capture is not UNSET:
            field_dict["capture"] = capture
        if checkout_version is not UNSET:
            field_dict["checkoutVersion"] = checkout_version
        if payment_description is not UNSET:
            field_dict["paymentDescription"] = payment_description

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        _type_ = d.pop("type", UNSET)
        type_: PropertyPaymentGatewaysStripeType | Unset
        if isinstance(_type_, Unset):
            type_ = UNSET
        else:
            type_ = check_property_payment_gateways_stripe_type(_type_)

        priority = d.pop("priority", UNSET)

        save_all_cards = d.pop("saveAllCards", UNSET)

        capture = d.pop("capture", UNSET)

        _checkout_version = d.pop("checkoutVersion", UNSET)
        checkout_version: PropertyPaymentGatewaysStripeCheckoutVersion | Unset
        if isinstance(_checkout_version, Unset):
            checkout_version = UNSET
        else:
            checkout_version = check_property_payment_gateways_stripe_checkout_version(
                _checkout_version
            )

        payment_description = d.pop("paymentDescription", UNSET)

        property_payment_gateways_stripe = cls(
            type_=type_,
            priority=priority,
            save_all_cards=save_all_cards,
            capture=capture,
            checkout_version=checkout_version,
            payment_description=payment_description,
        )

        property_payment_gateways_stripe.additional_properties = d
        return property_payment_gateways_stripe

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
