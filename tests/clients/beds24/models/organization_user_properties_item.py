from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.organization_user_properties_item_room_types_item import (
        OrganizationUserPropertiesItemRoomTypesItem,
    )


T = TypeVar("T", bound="OrganizationUserPropertiesItem")


@_attrs_define
class OrganizationUserPropertiesItem:
    """
    Attributes:
        id (int | Unset):
        name (str | Unset):
        country (str | Unset):
        currency (str | Unset):
        room_types (list[OrganizationUserPropertiesItemRoomTypesItem] | Unset):
    """

    id: int | Unset = UNSET
    name: str | Unset = UNSET
    country: str | Unset = UNSET
    currency: str | Unset = UNSET
    room_types: list[OrganizationUserPropertiesItemRoomTypesItem] | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        name = self.name

        country = self.country

        currency = self.currency

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
        if name is not UNSET:
            field_dict["name"] = name
        if country is not UNSET:
            field_dict["country"] = country
        if currency is not UNSET:
            field_dict["currency"] = currency
        if room_types is not UNSET:
            field_dict["roomTypes"] = room_types

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.organization_user_properties_item_room_types_item import (
            OrganizationUserPropertiesItemRoomTypesItem,
        )

        d = dict(src_dict)
        id = d.pop("id", UNSET)

        name = d.pop("name", UNSET)

        country = d.pop("country", UNSET)

        currency = d.pop("currency", UNSET)

        _room_types = d.pop("roomTypes", UNSET)
        room_types: list[OrganizationUserPropertiesItemRoomTypesItem] | Unset = UNSET
        if _room_types is not UNSET:
            room_types = []
            for room_types_item_data in _room_types:
                room_types_item = OrganizationUserPropertiesItemRoomTypesItem.from_dict(
                    room_types_item_data
                )

                room_types.append(room_types_item)

        organization_user_properties_item = cls(
            id=id,
            name=name,
            country=country,
            currency=currency,
            room_types=room_types,
        )

        organization_user_properties_item.additional_properties = d
        return organization_user_properties_item

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
