from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="PriceRulesPriceLinking")


@_attrs_define
class PriceRulesPriceLinking:
    """Used to link this price to another price

    Attributes:
        room_id (int | None | Unset):
        price_id (int | None | Unset): Set to null to disable the link
        offset_multiplier (float | None | Unset):  Default: 1.0.
        offset_amount (float | None | Unset):
    """

    room_id: int | None | Unset = UNSET
    price_id: int | None | Unset = UNSET
    offset_multiplier: float | None | Unset = 1.0
    offset_amount: float | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        room_id: int | None | Unset
        if isinstance(self.room_id, Unset):
            room_id = UNSET
        else:
            room_id = self.room_id

        price_id: int | None | Unset
        if isinstance(self.price_id, Unset):
            price_id = UNSET
        else:
            price_id = self.price_id

        offset_multiplier: float | None | Unset
        if isinstance(self.offset_multiplier, Unset):
            offset_multiplier = UNSET
        else:
            offset_multiplier = self.offset_multiplier

        offset_amount: float | None | Unset
        if isinstance(self.offset_amount, Unset):
            offset_amount = UNSET
        else:
            offset_amount = self.offset_amount

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if room_id is not UNSET:
            field_dict["roomId"] = room_id
        if price_id is not UNSET:
            field_dict["priceId"] = price_id
        if offset_multiplier is not UNSET:
            field_dict["offsetMultiplier"] = offset_multiplier
        if offset_amount is not UNSET:
            field_dict["offsetAmount"] = offset_amount

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)

        def _parse_room_id(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        room_id = _parse_room_id(d.pop("roomId", UNSET))

        def _parse_price_id(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        price_id = _parse_price_id(d.pop("priceId", UNSET))

        def _parse_offset_multiplier(data: object) -> float | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(float | None | Unset, data)

        offset_multiplier = _parse_offset_multiplier(d.pop("offsetMultiplier", UNSET))

        def _parse_offset_amount(data: object) -> float | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(float | None | Unset, data)

        offset_amount = _parse_offset_amount(d.pop("offsetAmount", UNSET))

        price_rules_price_linking = cls(
            room_id=room_id,
            price_id=price_id,
            offset_multiplier=offset_multiplier,
            offset_amount=offset_amount,
        )

        price_rules_price_linking.additional_properties = d
        return price_rules_price_linking

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
