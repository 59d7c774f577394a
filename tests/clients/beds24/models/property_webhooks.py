from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.property_webhooks_additional_data import (
    PropertyWebhooksAdditionalData,
    check_property_webhooks_additional_data,
)
from ..models.property_webhooks_version import (
    PropertyWebhooksVersion,
    check_property_webhooks_version,
)
from ..types import UNSET, Unset

T = TypeVar("T", bound="PropertyWebhooks")


@_attrs_define
class PropertyWebhooks:
    """
    Attributes:
        version (PropertyWebhooksVersion | Unset):
        url (str | Unset):
        additional_data (PropertyWebhooksAdditionalData | Unset):
        custom_header (str | Unset): To use multiple headers, place each header on a new line Example: header-name:
            header-value.
    """

    version: PropertyWebhooksVersion | Unset = UNSET
    url: str | Unset = UNSET
    additional_data: PropertyWebhooksAdditionalData | Unset = UNSET
    custom_header: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        version: str | Unset = UNSET
        if not isinstance(self.version, Unset):
            version = self.version

        url = self.url

        additional_data: str | Unset = UNSET
        if not isinstance(self.additional_data, Unset):
            additional_data = self.additional_data

        custom_header = self.custom_header

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if version is not UNSET:
            field_dict["version"] = version
        if url is not UNSET:
            field_dict["url"] = url
        if additional_data is not UNSET:
            field_dict["additionalData"] = additional_data
        if custom_header is not UNSET:
            field_dict["customHeader"] = custom_header

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        _version = d.pop("version", UNSET)
        version: PropertyWebhooksVersion | Unset
        if isinstance(_version, Unset):
            version = UNSET
        else:
            version = check_property_webhooks_version(_version)

        url = d.pop("url", UNSET)

        _additional_data = d.pop("additionalData", UNSET)
        additional_data: PropertyWebhooksAdditionalData | Unset
        if isinstance(_additional_data, Unset):
            additional_data = UNSET
        else:
            additional_data = check_property_webhooks_additional_data(_additional_data)

        custom_header = d.pop("customHeader", UNSET)

        property_webhooks = cls(
            version=version,
            url=url,
            additional_data=additional_data,
            custom_header=custom_header,
        )

        property_webhooks.additional_properties = d
        return property_webhooks

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
