from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.stripe_add_payment_method_card_type import (
    StripeAddPaymentMethodCardType,
    check_stripe_add_payment_method_card_type,
)
from ..types import UNSET, Unset

T = TypeVar("T", bound="StripeAddPaymentMethodCard")


@_attrs_define
class StripeAddPaymentMethodCard:
    """
    Attributes:
        number (str | Unset):
        expiry_month (str | Unset):
        expiry_year (str | Unset):
        name (str | Unset):
        cvc (str | Unset):
        type_ (StripeAddPaymentMethodCardType | Unset):
    """

    number: str | Unset = UNSET
    expiry_month: str | Unset = UNSET
    expiry_year: str | Unset = UNSET
    name: str | Unset = UNSET
    cvc: str | Unset = UNSET
    type_: StripeAddPaymentMethodCardType | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        number = self.number

        expiry_month = self.expiry_month

        expiry_year = self.expiry_year

        name = self.name

        cvc = self.cvc

        type_: str | Unset = UNSET
        if not isinstance(self.type_, Unset):
            type_ = self.type_

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if number is not UNSET:
            field_dict["number"] = number
        if expiry_month is not UNSET:
            field_dict["expiryMonth"] = expiry_month
        if expiry_year is not UNSET:
            field_dict["expiryYear"] = expiry_year
        if name is not UNSET:
            field_dict["name"] = name
        if cvc is not UNSET:
            field_dict["cvc"] = cvc
        if type_ is not UNSET:
            field_dict["type"] = type_

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        number = d.pop("number", UNSET)

        expiry_month = d.pop("expiryMonth", UNSET)

        expiry_year = d.pop("expiryYear", UNSET)

        name = d.pop("name", UNSET)

        cvc = d.pop("cvc", UNSET)

        _type_ = d.pop("type", UNSET)
        type_: StripeAddPaymentMethodCardType | Unset
        if isinstance(_type_, Unset):
            type_ = UNSET
        else:
            type_ = check_stripe_add_payment_method_card_type(_type_)

        stripe_add_payment_method_card = cls(
            number=number,
            expiry_month=expiry_month,
            expiry_year=expiry_year,
            name=name,
            cvc=cvc,
            type_=type_,
        )

        stripe_add_payment_method_card.additional_properties = d
        return stripe_add_payment_method_card

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
