from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.nuki_settings_post_properties_room_types_item import (
        NukiSettingsPostPropertiesRoomTypesItem,
    )


T = TypeVar("T", bound="NukiSettingsPostProperties")


@_attrs_define
class NukiSettingsPostProperties:
    """
    Attributes:
        id (int | Unset):
        common_lock (int | Unset):
        start_time (str | Unset):  Example: 08:30.
        end_time (str | Unset):  Example: 1065.
        days_in_advance (int | Unset):
        auto_check_in (bool | Unset):
        room_types (list[NukiSettingsPostPropertiesRoomTypesItem] | Unset):
    """

    id: int | Unset = UNSET
    common_lock: int | Unset = UNSET
    start_time: str | Unset = UNSET
    end_time: str | Unset = UNSET
    days_in_advance: int | Unset = UNSET
    auto_check_in: bool | Unset = UNSET
    room_types: list[NukiSettingsPostPropertiesRoomTypesItem] | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        common_lock = self.common_lock

        start_time = self.start_time

        end_time = self.end_time

        days_in_advance = self.days_in_advance

        auto_check_in = self.auto_check_in

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
        if common_lock is not UNSET:
            field_dict["commonLock"] = common_lock
        if start_time is not UNSET:
            field_dict["startTime"] = start_time
        if end_time is not UNSET:
            field_dict["endTime"] = end_time
        if days_in_advance is not UNSET:
            field_dict["daysInAdvance"] = days_in_advance
        if auto_check_in is not UNSET:
            field_dict["autoCheckIn"] = auto_check_in
        if room_types is not UNSET:
            field_dict["roomTypes"] = room_types

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.nuki_settings_post_properties_room_types_item import (
            NukiSettingsPostPropertiesRoomTypesItem,
        )

        d = dict(src_dict)
        id = d.pop("id", UNSET)

        common_lock = d.pop("commonLock", UNSET)

        start_time = d.pop("startTime", UNSET)

        end_time = d.pop("endTime", UNSET)

        days_in_advance = d.pop("daysInAdvance", UNSET)

        auto_check_in = d.pop("autoCheckIn", UNSET)

        _room_types = d.pop("roomTypes", UNSET)
        room_types: list[NukiSettingsPostPropertiesRoomTypesItem] | Unset = UNSET
        if _room_types is not UNSET:
            room_types = []
            for room_types_item_data in _room_types:
                room_types_item = NukiSettingsPostPropertiesRoomTypesItem.from_dict(
                    room_types_item_data
                )

                room_types.append(room_types_item)

        nuki_settings_post_properties = cls(
            id=id,
            common_lock=common_lock,
            start_time=start_time,
            end_time=end_time,
            days_in_advance=days_in_advance,
            auto_check_in=auto_check_in,
            room_types=room_types,
        )

        nuki_settings_post_properties.additional_properties = d
        return nuki_settings_post_properties

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
