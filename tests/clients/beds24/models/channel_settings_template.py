from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.channel_settings_template_properties import (
        ChannelSettingsTemplateProperties,
    )


T = TypeVar("T", bound="ChannelSettingsTemplate")


@_attrs_define
class ChannelSettingsTemplate:
    """
    Attributes:
        channel (str | Unset):  Example: nuki.
        properties (ChannelSettingsTemplateProperties | Unset):
    """

    channel: str | Unset = UNSET
    properties: ChannelSettingsTemplateProperties | Unset = UNSET
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
        from ..models.channel_settings_template_properties import (
            ChannelSettingsTemplateProperties,
        )

        d = dict(src_dict)
        channel = d.pop("channel", UNSET)

        _properties = d.pop("properties", UNSET)
        properties: ChannelSettingsTemplateProperties | Unset
        if isinstance(_properties, Unset):
            properties = UNSET
        else:
            properties = ChannelSettingsTemplateProperties.from_dict(_properties)

        channel_settings_template = cls(
            channel=channel,
            properties=properties,
        )

        channel_settings_template.additional_properties = d
        return channel_settings_template

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
