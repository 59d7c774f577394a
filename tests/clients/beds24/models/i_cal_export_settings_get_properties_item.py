from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.i_cal_export_settings_get_properties_item_room_types_item import (
        ICalExportSettingsGetPropertiesItemRoomTypesItem,
    )


T = TypeVar("T", bound="ICalExportSettingsGetPropertiesItem")


@_attrs_define
class ICalExportSettingsGetPropertiesItem:
    """
    Attributes:
        room_types (list[ICalExportSettingsGetPropertiesItemRoomTypesItem] | Unset):
    """

    room_types: list[ICalExportSettingsGetPropertiesItemRoomTypesItem] | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        room_types: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.room_types, Unset):
            room_types = []
            for room_types_item_data in self.room_types:
                room_types_item = room_types_item_data.to_dict()
                room_types.append(room_types_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if room_types is not UNSET:
            field_dict["roomTypes"] = room_types

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.i_cal_export_settings_get_properties_item_room_types_item import (
            ICalExportSettingsGetPropertiesItemRoomTypesItem,
        )

        d = dict(src_dict)
        _room_types = d.pop("roomTypes", UNSET)
        room_types: list[ICalExportSettingsGetPropertiesItemRoomTypesItem] | Unset = (
            UNSET
        )
        if _room_types is not UNSET:
            room_types = []
            for room_types_item_data in _room_types:
                room_types_item = (
                    ICalExportSettingsGetPropertiesItemRoomTypesItem.from_dict(
                        room_types_item_data
                    )
                )

                room_types.append(room_types_item)

        i_cal_export_settings_get_properties_item = cls(
            room_types=room_types,
        )

        i_cal_export_settings_get_properties_item.additional_properties = d
        return i_cal_export_settings_get_properties_item

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
