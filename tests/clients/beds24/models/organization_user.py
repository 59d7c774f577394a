from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.organization_user_properties_item import (
        OrganizationUserPropertiesItem,
    )


T = TypeVar("T", bound="OrganizationUser")


@_attrs_define
class OrganizationUser:
    """
    Attributes:
        owner_id (int | Unset):
        master_id (None | str | Unset):
        email (str | Unset):
        properties (list[OrganizationUserPropertiesItem] | Unset):
    """

    owner_id: int | Unset = UNSET
    master_id: None | str | Unset = UNSET
    email: str | Unset = UNSET
    properties: list[OrganizationUserPropertiesItem] | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        owner_id = self.owner_id

        master_id: None | str | Unset
        if isinstance(self.master_id, Unset):
            master_id = UNSET
        else:
            master_id = self.master_id

        email = self.email

        properties: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.properties, Unset):
            properties = []
            for properties_item_data in self.properties:
                properties_item = properties_item_data.to_dict()
                properties.append(properties_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if owner_id is not UNSET:
            field_dict["ownerId"] = owner_id
        if master_id is not UNSET:
            field_dict["masterId"] = master_id
        if email is not UNSET:
            field_dict["email"] = email
        if properties is not UNSET:
            field_dict["properties"] = properties

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.organization_user_properties_item import (
            OrganizationUserPropertiesItem,
        )

        d = dict(src_dict)
        owner_id = d.pop("ownerId", UNSET)

        def _parse_master_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        master_id = _parse_master_id(d.pop("masterId", UNSET))

        email = d.pop("email", UNSET)

        _properties = d.pop("properties", UNSET)
        properties: list[OrganizationUserPropertiesItem] | Unset = UNSET
        if _properties is not UNSET:
            properties = []
            for properties_item_data in _properties:
                properties_item = OrganizationUserPropertiesItem.from_dict(
                    properties_item_data
                )

                properties.append(properties_item)

        organization_user = cls(
            owner_id=owner_id,
            master_id=master_id,
            email=email,
            properties=properties,
        )

        organization_user.additional_properties = d
        return organization_user

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
