from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.airbnb_settings_post_properties_item import (
        AirbnbSettingsPostPropertiesItem,
    )


T = TypeVar("T", bound="AirbnbSettingsPost")


@_attrs_define
class AirbnbSettingsPost:
    """
    Attributes:
        channel (str | Unset):  Example: airbnb.
        properties (list[AirbnbSettingsPostPropertiesItem] | Unset):
    """

    channel: str | Unset = UNSET
    properties: list[AirbnbSettingsPostPropertiesItem] | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        channel = self.channel

        properties: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.properties, Unset):
            properties = []
            for properties_item_data in self.properties:
                properties_item = properties_item_data.to_dict()
                properties.append(properties_item)

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
        from ..models.airbnb_settings_post_properties_item import (
            AirbnbSettingsPostPropertiesItem,
        )

        d = dict(src_dict)
        channel = d.pop("channel", UNSET)

        _properties = d.pop("properties", UNSET)
        properties: list[AirbnbSettingsPostPropertiesItem] | Unset = UNSET
        if _properties is not UNSET:
            properties = []
            for properties_item_data in _properties:
                properties_item = AirbnbSettingsPostPropertiesItem.from_dict(
                    properties_item_data
                )

                properties.append(properties_item)

        airbnb_settings_post = cls(
            channel=channel,
            properties=properties,
        )

        airbnb_settings_post.additional_properties = d
        return airbnb_settings_post

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
