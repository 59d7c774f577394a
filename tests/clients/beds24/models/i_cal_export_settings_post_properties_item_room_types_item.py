from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.i_cal_export_settings_post_properties_item_room_types_item_export import (
    ICalExportSettingsPostPropertiesItemRoomTypesItemExport,
    check_i_cal_export_settings_post_properties_item_room_types_item_export,
)
from ..types import UNSET, Unset

T = TypeVar("T", bound="ICalExportSettingsPostPropertiesItemRoomTypesItem")


@_attrs_define
class ICalExportSettingsPostPropertiesItemRoomTypesItem:
    """
    Attributes:
        id (int | Unset):
        i_cal_room_description (str | Unset):
        export (ICalExportSettingsPostPropertiesItemRoomTypesItemExport | Unset):
    """

    id: int | Unset = UNSET
    i_cal_room_description: str | Unset = UNSET
    export: ICalExportSettingsPostPropertiesItemRoomTypesItemExport | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        i_cal_room_description = self.i_cal_room_description

        export: str | Unset = UNSET
        if not isinstance(self.export, Unset):
            export = self.export

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if id is not UNSET:
            field_dict["id"] = id
        if i_cal_room_description is not UNSET:
            field_dict["iCalRoomDescription"] = i_cal_room_description
        if export is not UNSET:
            field_dict["export"] = export

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        id = d.pop("id", UNSET)

        i_cal_room_description = d.pop("iCalRoomDescription", UNSET)

        _export = d.pop("export", UNSET)
        export: ICalExportSettingsPostPropertiesItemRoomTypesItemExport | Unset
        if isinstance(_export, Unset):
            export = UNSET
        else:
            export = (
                check_i_cal_export_settings_post_properties_item_room_types_item_export(
                    _export
                )
            )

        i_cal_export_settings_post_properties_item_room_types_item = cls(
            id=id,
            i_cal_room_description=i_cal_room_description,
            export=export,
        )

        i_cal_export_settings_post_properties_item_room_types_item.additional_properties = d
        return i_cal_export_settings_post_properties_item_room_types_item

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
