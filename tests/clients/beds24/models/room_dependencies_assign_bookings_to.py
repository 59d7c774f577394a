from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.room_dependencies_assign_bookings_to_type import (
    RoomDependenciesAssignBookingsToType,
    check_room_dependencies_assign_bookings_to_type,
)
from ..types import UNSET, Unset

T = TypeVar("T", bound="RoomDependenciesAssignBookingsTo")


@_attrs_define
class RoomDependenciesAssignBookingsTo:
    """
    Attributes:
        type_ (RoomDependenciesAssignBookingsToType | Unset):
        room_id_value (int | Unset): used to specify the room id when type is set to roomId
    """

    type_: RoomDependenciesAssignBookingsToType | Unset = UNSET
    room_id_value: int | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        type_: str | Unset = UNSET
        if not isinstance(self.type_, Unset):
            type_ = self.type_

        room_id_value = self.room_id_value

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if type_ is not UNSET:
            field_dict["type"] = type_
        if room_id_value is not UNSET:
            field_dict["roomIdValue"] = room_id_value

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        _type_ = d.pop("type", UNSET)
        type_: RoomDependenciesAssignBookingsToType | Unset
        if isinstance(_type_, Unset):
            type_ = UNSET
        else:
            type_ = check_room_dependencies_assign_bookings_to_type(_type_)

        room_id_value = d.pop("roomIdValue", UNSET)

        room_dependencies_assign_bookings_to = cls(
            type_=type_,
            room_id_value=room_id_value,
        )

        room_dependencies_assign_bookings_to.additional_properties = d
        return room_dependencies_assign_bookings_to

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
