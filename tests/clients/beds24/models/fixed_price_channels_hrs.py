from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.fixed_price_channels_hrs_rate_code import (
    FixedPriceChannelsHrsRateCode,
    check_fixed_price_channels_hrs_rate_code,
)
from ..types import UNSET, Unset

T = TypeVar("T", bound="FixedPriceChannelsHrs")


@_attrs_define
class FixedPriceChannelsHrs:
    """
    Attributes:
        enabled (bool | Unset):
        rate_code (FixedPriceChannelsHrsRateCode | Unset):
    """

    enabled: bool | Unset = UNSET
    rate_code: FixedPriceChannelsHrsRateCode | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        enabled = self.enabled

        rate_code: str | Unset = UNSET
        if not isinstance(self.rate_code, Unset):
            rate_code = self.rate_code

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if enabled is not UNSET:
            field_dict["enabled"] = enabled
        if rate_code is not UNSET:
            field_dict["rateCode"] = rate_code

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        enabled = d.pop("enabled", UNSET)

        _rate_code = d.pop("rateCode", UNSET)
        rate_code: FixedPriceChannelsHrsRateCode | Unset
        if isinstance(_rate_code, Unset):
            rate_code = UNSET
        else:
            rate_code = check_fixed_price_channels_hrs_rate_code(_rate_code)

        fixed_price_channels_hrs = cls(
            enabled=enabled,
            rate_code=rate_code,
        )

        fixed_price_channels_hrs.additional_properties = d
        return fixed_price_channels_hrs

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
