from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="TokenDetailsToken")


@_attrs_define
class TokenDetailsToken:
    """
    Attributes:
        owner_id (int | Unset):
        expires_in (int | Unset):
        created (datetime.datetime | Unset):
        scopes (list[str] | Unset):
        device_name (str | Unset):
        linked_properties (bool | Unset):
        only_property_id (int | None | Unset): If null the token can access all property. If an ID is specified the
            token can only access that property.
        white_list_only (bool | Unset):
        white_list (list[str] | Unset):
    """

    owner_id: int | Unset = UNSET
    expires_in: int | Unset = UNSET
    created: datetime.datetime | Unset = UNSET
    scopes: list[str] | Unset = UNSET
    device_name: str | Unset = UNSET
    linked_properties: bool | Unset = UNSET
    only_property_id: int | None | Unset = UNSET
    white_list_only: bool | Unset = UNSET
    white_list: list[str] | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        owner_id = self.owner_id

        expires_in = self.expires_in

        created: str | Unset = UNSET
        if not isinstance(self.created, Unset):
            created = self.created.isoformat()

        scopes: list[str] | Unset = UNSET
        if not isinstance(self.scopes, Unset):
            scopes = self.scopes

        device_name = self.device_name

        linked_properties = self.linked_properties

        only_property_id: int | None | Unset
        if isinstance(self.only_property_id, Unset):
            only_property_id = UNSET
        else:
            only_property_id = self.only_property_id

        white_list_only = self.white_list_only

        white_list: list[str] | Unset = UNSET
        if not isinstance(self.white_list, Unset):
            white_list = self.white_list

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if owner_id is not UNSET:
            field_dict["ownerId"] = owner_id
        if expires_in is not UNSET:
            field_dict["expiresIn"] = expires_in
        if created is not UNSET:
            field_dict["created"] = created
        if scopes is not UNSET:
            field_dict["scopes"] = scopes
        if device_name is not UNSET:
            field_dict["deviceName"] = device_name
        if linked_properties is not UNSET:
            field_dict["linkedProperties"] = linked_properties
        if only_property_id is not UNSET:
            field_dict["onlyPropertyId"] = only_property_id
        if white_list_only is not UNSET:
            field_dict["whiteListOnly"] = white_list_only
        if white_list is not UNSET:
            field_dict["whiteList"] = white_list

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        owner_id = d.pop("ownerId", UNSET)

        expires_in = d.pop("expiresIn", UNSET)

        _created = d.pop("created", UNSET)
        created: datetime.datetime | Unset
        if isinstance(_created, Unset):
            created = UNSET
        else:
            created = datetime.datetime.fromisoformat(_created)

        scopes = cast(list[str], d.pop("scopes", UNSET))

        device_name = d.pop("deviceName", UNSET)

        linked_properties = d.pop("linkedProperties", UNSET)

        def _parse_only_property_id(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        only_property_id = _parse_only_property_id(d.pop("onlyPropertyId", UNSET))

        white_list_only = d.pop("whiteListOnly", UNSET)

        white_list = cast(list[str], d.pop("whiteList", UNSET))

        token_details_token = cls(
            owner_id=owner_id,
            expires_in=expires_in,
            created=created,
            scopes=scopes,
            device_name=device_name,
            linked_properties=linked_properties,
            only_property_id=only_property_id,
            white_list_only=white_list_only,
            white_list=white_list,
        )

        token_details_token.additional_properties = d
        return token_details_token

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
