from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.property_upsell_items_item_per import (
    PropertyUpsellItemsItemPer,
    check_property_upsell_items_item_per,
)
from ..models.property_upsell_items_item_period import (
    PropertyUpsellItemsItemPeriod,
    check_property_upsell_items_item_period,
)
from ..models.property_upsell_items_item_type import (
    PropertyUpsellItemsItemType,
    check_property_upsell_items_item_type,
)
from ..types import UNSET, Unset

T = TypeVar("T", bound="PropertyUpsellItemsItem")


@_attrs_define
class PropertyUpsellItemsItem:
    """
    Attributes:
        index (int | Unset):
        enable (bool | Unset):
        type_ (PropertyUpsellItemsItemType | Unset):
        amount (float | Unset):
        per (PropertyUpsellItemsItemPer | Unset):
        period (PropertyUpsellItemsItemPeriod | Unset):
        vat (float | Unset):
    """

    index: int | Unset = UNSET
    enable: bool | Unset = UNSET
    type_: PropertyUpsellItemsItemType | Unset = UNSET
    amount: float | Unset = UNSET
    per: PropertyUpsellItemsItemPer | Unset = UNSET
    period: PropertyUpsellItemsItemPeriod | Unset = UNSET
    vat: float | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        index = self.index

        enable = self.enable

        type_: str | Unset = UNSET
        if not isinstance(self.type_, Unset):
            type_ = self.type_

        amount = self.amount

        per: str | Unset = UNSET
        if not isinstance(self.per, Unset):
            per = self.per

        period: str | Unset = UNSET
        if not isinstance(self.period, Unset):
            period = self.period

        vat = self.vat

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if index is not UNSET:
            field_dict["index"] = index
        if enable is not UNSET:
            field_dict["enable"] = enable
        if type_ is not UNSET:
            field_dict["type"] = type_
        if amount is not UNSET:
            field_dict["amount"] = amount
        if per is not UNSET:
            field_dict["per"] = per
        if period is not UNSET:
            field_dict["period"] = period
        if vat is not UNSET:
            field_dict["vat"] = vat

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        index = d.pop("index", UNSET)

        enable = d.pop("enable", UNSET)

        _type_ = d.pop("type", UNSET)
        type_: PropertyUpsellItemsItemType | Unset
        if isinstance(_type_, Unset):
            type_ = UNSET
        else:
            type_ = check_property_upsell_items_item_type(_type_)

        amount = d.pop("amount", UNSET)

        _per = d.pop("per", UNSET)
        per: PropertyUpsellItemsItemPer | Unset
        if isinstance(_per, Unset):
            per = UNSET
        else:
            per = check_property_upsell_items_item_per(_per)

        _period = d.pop("period", UNSET)
        period: PropertyUpsellItemsItemPeriod | Unset
        if isinstance(_period, Unset):
            period = UNSET
        else:
            period = check_property_upsell_items_item_period(_period)

        vat = d.pop("vat", UNSET)

        property_upsell_items_item = cls(
            index=index,
            enable=enable,
            type_=type_,
            amount=amount,
            per=per,
            period=period,
            vat=vat,
        )

        property_upsell_items_item.additional_properties = d
        return property_upsell_items_item

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
