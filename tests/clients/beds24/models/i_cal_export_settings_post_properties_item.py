from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.i_cal_export_settings_post_properties_item_room_types_item import (
        ICalExportSettingsPostPropertiesItemRoomTypesItem,
    )


T = TypeVar("T", bound="ICalExportSettingsPostPropertiesItem")


@_attrs_define
class ICalExportSettingsPostPropertiesItem:
    """
    Attributes:
        id (int | Unset):
        seed (str | Unset):
        i_cal_sumamry (str | Unset):
        i_cal_property_description (str | Unset):
        room_types (list[ICalExportSettingsPostPropertiesItemRoomTypesItem] | Unset):
    """

    id: int | Unset = UNSET
    seed: str | Unset = UNSET
    i_cal_sumamry: str | Unset = UNSET
    i_cal_property_description: str | Unset = UNSET
    room_types: list[ICalExportSettingsPostPropertiesItemRoomTypesItem] | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        seed = self.seed

        i_cal_sumamry = self.i_cal_sumamry

        i_cal_property_description = self.i_cal_property_description

        room_types: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.room_types, Unset):
            room_types = []
            for room_types_item_data in self.room_types:
                room_types_item = room_types_item_data.to_dict()
                room_types.append(room_types_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if id is not UNSET:
            field_dict["id"] = id
        if seed is not UNSET:
            field_dict["seed"] = seed
        if i_cal_sumamry is not UNSET:
            field_dict["iCalSumamry"] = i_cal_sumamry
        if i_cal_property_description is not UNSET:
            field_dict["iCalPropertyDescription"] = i_cal_property_description
        if room_types is not UNSET:
            field_dict["roomTypes"] = room_types

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.i_cal_export_settings_post_properties_item_room_types_item import (
            ICalExportSettingsPostPropertiesItemRoomTypesItem,
        )

        d = dict(src_dict)
        id = d.pop("id", UNSET)

        seed = d.pop("seed", UNSET)

        i_cal_sumamry = d.pop("iCalSumamry", UNSET)

        i_cal_property_description = d.pop("iCalPropertyDescription", UNSET)

        _room_types = d.pop("roomTypes", UNSET)
        room_types: list[ICalExportSettingsPostPropertiesItemRoomTypesItem] | Unset = (
            UNSET
        )
        if _room_types is not UNSET:
            room_types = []
            for room_types_item_data in _room_types:
                room_types_item = (
                    ICalExportSettingsPostPropertiesItemRoomTypesItem.from_dict(
                        room_types_item_data
                    )
                )

                room_types.append(room_types_item)

        i_cal_export_settings_post_properties_item = cls(
            id=id,
            seed=seed,
            i_cal_sumamry=i_cal_sumamry,
            i_cal_property_description=i_cal_property_description,
            room_types=room_types,
        )

        i_cal_export_settings_post_properties_item.additional_properties = d
        return i_cal_export_settings_post_properties_item

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
