from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.channel_settings_template_properties_room_types_item import (
        ChannelSettingsTemplatePropertiesRoomTypesItem,
    )


T = TypeVar("T", bound="ChannelSettingsTemplateProperties")


@_attrs_define
class ChannelSettingsTemplateProperties:
    """
    Attributes:
        id (int | Unset):
        room_types (list[ChannelSettingsTemplatePropertiesRoomTypesItem] | Unset):
    """

    id: int | Unset = UNSET
    room_types: list[ChannelSettingsTemplatePropertiesRoomTypesItem] | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

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
        if room_types is not UNSET:
            field_dict["roomTypes"] = room_types

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.channel_settings_template_properties_room_types_item import (
            ChannelSettingsTemplatePropertiesRoomTypesItem,
        )

        d = dict(src_dict)
        id = d.pop("id", UNSET)

        _room_types = d.pop("roomTypes", UNSET)
        room_types: list[ChannelSettingsTemplatePropertiesRoomTypesItem] | Unset = UNSET
        if _room_types is not UNSET:
            room_types = []
            for room_types_item_data in _room_types:
                room_types_item = (
                    ChannelSettingsTemplatePropertiesRoomTypesItem.from_dict(
                        room_types_item_data
                    )
                )

                room_types.append(room_types_item)

        channel_settings_template_properties = cls(
            id=id,
            room_types=room_types,
        )

        channel_settings_template_properties.additional_properties = d
        return channel_settings_template_properties

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
