from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="PropertyCardSettings")


@_attrs_define
class PropertyCardSettings:
    """
    Attributes:
        card_require_cvv (bool | Unset):
        card_accept_amex (bool | Unset):
        card_accept_diners (bool | Unset):
        card_accept_discover (bool | Unset):
        card_accept_enroute (bool | Unset):
        card_accept_jcb (bool | Unset):
        card_accept_maestro (bool | Unset):
        card_accept_master (bool | Unset):
        card_accept_unionpay (bool | Unset):
        card_accept_visa (bool | Unset):
        card_accept_voyager (bool | Unset):
    """

    card_require_cvv: bool | Unset = UNSET
    card_accept_amex: bool | Unset = UNSET
    card_accept_diners: bool | Unset = UNSET
    card_accept_discover: bool | Unset = UNSET
    card_accept_enroute: bool | Unset = UNSET
    card_accept_jcb: bool | Unset = UNSET
    card_accept_maestro: bool | Unset = UNSET
    card_accept_master: bool | Unset = UNSET
    card_accept_unionpay: bool | Unset = UNSET
    card_accept_visa: bool | Unset = UNSET
    card_accept_voyager: bool | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        card_require_cvv = self.card_require_cvv

        card_accept_amex = self.card_accept_amex

        card_accept_diners = self.card_accept_diners

        card_accept_discover = self.card_accept_discover

        card_accept_enroute = self.card_accept_enroute

        card_accept_jcb = self.card_accept_jcb

        card_accept_maestro = self.card_accept_maestro

        card_accept_master = self.card_accept_master

        card_accept_unionpay = self.card_accept_unionpay

        card_accept_visa = self.card_accept_visa

        card_accept_voyager = self.card_accept_voyager

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if card_require_cvv is not UNSET:
            field_dict["cardRequireCVV"] = card_require_cvv
        if card_accept_amex is not UNSET:
            field_dict["cardAcceptAmex"] = card_accept_amex
        if card_accept_diners is not UNSET:
            field_dict["cardAcceptDiners"] = card_accept_diners
        if card_accept_discover is not UNSET:
            field_dict["cardAcceptDiscover"] = card_accept_discover
        if card_accept_enroute is not UNSET:
            field_dict["cardAcceptEnroute"] = card_accept_enroute
        if card_accept_jcb is not UNSET:
            field_dict["cardAcceptJcb"] = card_accept_jcb
        if card_accept_maestro is not UNSET:
            field_dict["cardAcceptMaestro"] = card_accept_maestro
        if card_accept_master is not UNSET:
            field_dict["cardAcceptMaster"] = card_accept_master
        if card_accept_unionpay is not UNSET:
            field_dict["cardAcceptUnionpay"] = card_accept_unionpay
        if card_accept_visa is not UNSET:
            field_dict["cardAcceptVisa"] = card_accept_visa
        if card_accept_voyager is not UNSET:
            field_dict["cardAcceptVoyager"] = card_accept_voyager

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        card_require_cvv = d.pop("cardRequireCVV", UNSET)

        card_accept_amex = d.pop("cardAcceptAmex", UNSET)

        card_accept_diners = d.pop("cardAcceptDiners", UNSET)

        card_accept_discover = d.pop("cardAcceptDiscover", UNSET)

        card_accept_enroute = d.pop("cardAcceptEnroute", UNSET)

        card_accept_jcb = d.pop("cardAcceptJcb", UNSET)

        card_accept_maestro = d.pop("cardAcceptMaestro", UNSET)

        card_accept_master = d.pop("cardAcceptMaster", UNSET)

        card_accept_unionpay = d.pop("cardAcceptUnionpay", UNSET)

        card_accept_visa = d.pop("cardAcceptVisa", UNSET)

        card_accept_voyager = d.pop("cardAcceptVoyager", UNSET)

        property_card_settings = cls(
            card_require_cvv=card_require_cvv,
            card_accept_amex=card_accept_amex,
            card_accept_diners=card_accept_diners,
            card_accept_discover=card_accept_discover,
            card_accept_enroute=card_accept_enroute,
            card_accept_jcb=card_accept_jcb,
            card_accept_maestro=card_accept_maestro,
            card_accept_master=card_accept_master,
            card_accept_unionpay=card_accept_unionpay,
            card_accept_visa=card_accept_visa,
            card_accept_voyager=card_accept_voyager,
        )

        property_card_settings.additional_properties = d
        return property_card_settings

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
