from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="FixedPriceDiscountsItem")


@_attrs_define
class FixedPriceDiscountsItem:
    """
    Attributes:
        index (int | Unset):
        nights (int | Unset):
        percent (float | Unset):
        per_night (float | Unset):
        once_off (float | Unset):
        price_cap (float | Unset):
    """

    index: int | Unset = UNSET
    nights: int | Unset = UNSET
    percent: float | Unset = UNSET
    per_night: float | Unset = UNSET
    once_off: float | Unset = UNSET
    price_cap: float | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        index = self.index

        nights = self.nights

        percent = self.percent

        per_night = self.per_night

        once_off = self.once_off

        price_cap = self.price_cap

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if index is not UNSET:
            field_dict["index"] = index
        if nights is not UNSET:
            field_dict["nights"] = nights
        if percent is not UNSET:
            field_dict["percent"] = percent
        if per_night is not UNSET:
            field_dict["perNight"] = per_night
        if once_off is not UNSET:
            field_dict["onceOff"] = once_off
        if price_cap is not UNSET:
            field_dict["priceCap"] = price_cap

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        index = d.pop("index", UNSET)

        nights = d.pop("nights", UNSET)

        percent = d.pop("percent", UNSET)

        per_night = d.pop("perNight", UNSET)

        once_off = d.pop("onceOff", UNSET)

        price_cap = d.pop("priceCap", UNSET)

        fixed_price_discounts_item = cls(
            index=index,
            nights=nights,
            percent=percent,
            per_night=per_night,
            once_off=once_off,
            price_cap=price_cap,
        )

        fixed_price_discounts_item.additional_properties = d
        return fixed_price_discounts_item

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
