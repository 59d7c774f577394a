from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.availability_availability import AvailabilityAvailability


T = TypeVar("T", bound="Availability")


@_attrs_define
class Availability:
    """
    Attributes:
        room_id (int | Unset):
        property_id (int | Unset):
        name (str | Unset):
        availability (AvailabilityAvailability | Unset):  Example: {'2021-01-01': True}.
    """

    room_id: int | Unset = UNSET
    property_id: int | Unset = UNSET
    name: str | Unset = UNSET
    availability: AvailabilityAvailability | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        room_id = self.room_id

        property_id = self.property_id

        name = self.name

        availability: dict[str, Any] | Unset = UNSET
        if not isinstance(self.availability, Unset):
            availability = self.availability.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if room_id is not UNSET:
            field_dict["roomId"] = room_id
        if property_id is not UNSET:
            field_dict["propertyId"] = property_id
        if name is not UNSET:
            field_dict["name"] = name
        if availability is not UNSET:
            field_dict["availability"] = availability

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.availability_availability import AvailabilityAvailability

        d = dict(src_dict)
        room_id = d.pop("roomId", UNSET)

        property_id = d.pop("propertyId", UNSET)

        name = d.pop("name", UNSET)

        _availability = d.pop("availability", UNSET)
        availability: AvailabilityAvailability | Unset
        if isinstance(_availability, Unset):
            availability = UNSET
        else:
            availability = AvailabilityAvailability.from_dict(_availability)

        availability = cls(
            room_id=room_id,
            property_id=property_id,
            name=name,
            availability=availability,
        )

        availability.additional_properties = d
        return availability

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
