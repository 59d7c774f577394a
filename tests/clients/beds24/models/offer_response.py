from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="OfferResponse")


@_attrs_define
class OfferResponse:
    """
    Attributes:
        offer_id (int | Unset):
        offer_name (str | Unset):
        price (float | Unset):
        units_available (int | Unset):
    """

    offer_id: int | Unset = UNSET
    offer_name: str | Unset = UNSET
    price: float | Unset = UNSET
    units_available: int | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        offer_id = self.offer_id

        offer_name = self.offer_name

        price = self.price

        units_available = self.units_available

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if offer_id is not UNSET:
            field_dict["offerId"] = offer_id
        if offer_name is not UNSET:
            field_dict["offerName"] = offer_name
        if price is not UNSET:
            field_dict["price"] = price
        if units_available is not UNSET:
            field_dict["unitsAvailable"] = units_available

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        offer_id = d.pop("offerId", UNSET)

        offer_name = d.pop("offerName", UNSET)

        price = d.pop("price", UNSET)

        units_available = d.pop("unitsAvailable", UNSET)

        offer_response = cls(
            offer_id=offer_id,
            offer_name=offer_name,
            price=price,
            units_available=units_available,
        )

        offer_response.additional_properties = d
        return offer_response

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
