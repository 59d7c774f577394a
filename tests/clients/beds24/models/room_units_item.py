from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="RoomUnitsItem")


@_attrs_define
class RoomUnitsItem:
    """
    Attributes:
        id (int | Unset):
        name (str | Unset):
        name2 (str | Unset):
        name3 (str | Unset):
        name4 (str | Unset):
        name5 (str | Unset):
        name6 (str | Unset):
        name7 (str | Unset):
        name8 (str | Unset):
        status_color (str | Unset):
        status_text (str | Unset):
        note (str | Unset):
    """

    id: int | Unset = UNSET
    name: str | Unset = UNSET
    name2: str | Unset = UNSET
    name3: str | Unset = UNSET
    name4: str | Unset = UNSET
    name5: str | Unset = UNSET
    name6: str | Unset = UNSET
    name7: str | Unset = UNSET
    name8: str | Unset = UNSET
    status_color: str | Unset = UNSET
    status_text: str | Unset = UNSET
    note: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        name = self.name

        name2 = self.name2

        name3 = self.name3

        name4 = self.name4

        name5 = self.name5

        name6 = self.name6

        name7 = self.name7

        name8 = self.name8

        status_color = self.status_color

        status_text = self.status_text

        note = self.note

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if id is not UNSET:
            field_dict["id"] = id
        if name is not UNSET:
            field_dict["name"] = name
        if name2 is not UNSET:
            field_dict["name2"] = name2
        if name3 is not UNSET:
            field_dict["name3"] = name3
        if name4 is not UNSET:
            field_dict["name4"] = name4
        if name5 is not UNSET:
            field_dict["name5"] = name5
        if name6 is not UNSET:
            field_dict["name6"] = name6
        if name7 is not UNSET:
            field_dict["name7"] = name7
        if name8 is not UNSET:
            field_dict["name8"] = name8
        if status_color is not UNSET:
            field_dict["statusColor"] = status_color
        if status_text is not UNSET:
            field_dict["statusText"] = status_text
        if note is not UNSET:
            field_dict["note"] = note

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        id = d.pop("id", UNSET)

        name = d.pop("name", UNSET)

        name2 = d.pop("name2", UNSET)

        name3 = d.pop("name3", UNSET)

        name4 = d.pop("name4", UNSET)

        name5 = d.pop("name5", UNSET)

        name6 = d.pop("name6", UNSET)

        name7 = d.pop("name7", UNSET)

        name8 = d.pop("name8", UNSET)

        status_color = d.pop("statusColor", UNSET)

        status_text = d.pop("statusText", UNSET)

        note = d.pop("note", UNSET)

        room_units_item = cls(
            id=id,
            name=name,
            name2=name2,
            name3=name3,
            name4=name4,
            name5=name5,
            name6=name6,
            name7=name7,
            name8=name8,
            status_color=status_color,
            status_text=status_text,
            note=note,
        )

        room_units_item.additional_properties = d
        return room_units_item

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
