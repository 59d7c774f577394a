from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="ICalExportSettingsGetPropertiesItemRoomTypesItem")


@_attrs_define
class ICalExportSettingsGetPropertiesItemRoomTypesItem:
    """
    Attributes:
        i_cal_uri (str | Unset):
        property_description_i_cal_uri (str | Unset):
        room_description_i_cal_uri (str | Unset):
        property_and_room_description_i_cal_uri (str | Unset):
    """

    i_cal_uri: str | Unset = UNSET
    property_description_i_cal_uri: str | Unset = UNSET
    room_description_i_cal_uri: str | Unset = UNSET
    property_and_room_description_i_cal_uri: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        i_cal_uri = self.i_cal_uri

        property_description_i_cal_uri = self.property_description_i_cal_uri

        room_description_i_cal_uri = self.room_description_i_cal_uri

        property_and_room_description_i_cal_uri = (
            self.property_and_room_description_i_cal_uri
        )

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if i_cal_uri is not UNSET:
            field_dict["iCalUri"] = i_cal_uri
        if property_description_i_cal_uri is not UNSET:
            field_dict["propertyDescriptionICalUri"] = property_description_i_cal_uri
        if room_description_i_cal_uri is not UNSET:
            field_dict["roomDescriptionICalUri"] = room_description_i_cal_uri
        if property_and_room_description_i_cal_uri is not UNSET:
            field_dict["propertyAndRoomDescriptionICalUri"] = (
                property_and_room_description_i_cal_uri
            )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        i_cal_uri = d.pop("iCalUri", UNSET)

        property_description_i_cal_uri = d.pop("propertyDescriptionICalUri", UNSET)

        room_description_i_cal_uri = d.pop("roomDescriptionICalUri", UNSET)

        property_and_room_description_i_cal_uri = d.pop(
            "propertyAndRoomDescriptionICalUri", UNSET
        )

        i_cal_export_settings_get_properties_item_room_types_item = cls(
            i_cal_uri=i_cal_uri,
            property_description_i_cal_uri=property_description_i_cal_uri,
            room_description_i_cal_uri=room_description_i_cal_uri,
            property_and_room_description_i_cal_uri=property_and_room_description_i_cal_uri,
        )

        i_cal_export_settings_get_properties_item_room_types_item.additional_properties = d
        return i_cal_export_settings_get_properties_item_room_types_item

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
