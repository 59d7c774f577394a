from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.nuki_settings_get_properties import NukiSettingsGetProperties


T = TypeVar("T", bound="NukiSettingsGet")


@_attrs_define
class NukiSettingsGet:
    """
    Attributes:
        channel (str | Unset):  Example: nuki.
        properties (NukiSettingsGetProperties | Unset):
    """

    channel: str | Unset = UNSET
    properties: NukiSettingsGetProperties | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        channel = self.channel

        properties: dict[str, Any] | Unset = UNSET
        if not isinstance(self.properties, Unset):
            properties = self.properties.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if channel is not UNSET:
            field_dict["channel"] = channel
        if properties is not UNSET:
            field_dict["properties"] = properties

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.nuki_settings_get_properties import NukiSettingsGetProperties

        d = dict(src_dict)
        channel = d.pop("channel", UNSET)

        _properties = d.pop("properties", UNSET)
        properties: NukiSettingsGetProperties | Unset
        if isinstance(_properties, Unset):
            properties = UNSET
        else:
            properties = NukiSettingsGetProperties.from_dict(_properties)

        nuki_settings_get = cls(
            channel=channel,
            properties=properties,
        )

        nuki_settings_get.additional_properties = d
        return nuki_settings_get

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
