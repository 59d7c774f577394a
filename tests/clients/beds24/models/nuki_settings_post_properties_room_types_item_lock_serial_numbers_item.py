from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="NukiSettingsPostPropertiesRoomTypesItemLockSerialNumbersItem")


@_attrs_define
class NukiSettingsPostPropertiesRoomTypesItemLockSerialNumbersItem:
    """
    Attributes:
        number (int | Unset):
        serial (int | Unset):
    """

    number: int | Unset = UNSET
    serial: int | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        number = self.number

        serial = self.serial

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if number is not UNSET:
            field_dict["number"] = number
        if serial is not UNSET:
            field_dict["serial"] = serial

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        number = d.pop("number", UNSET)

        serial = d.pop("serial", UNSET)

        nuki_settings_post_properties_room_types_item_lock_serial_numbers_item = cls(
            number=number,
            serial=serial,
        )

        nuki_settings_post_properties_room_types_item_lock_serial_numbers_item.additional_properties = d
        return nuki_settings_post_properties_room_types_item_lock_serial_numbers_item

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
