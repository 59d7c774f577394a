from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.unit_bookings_unit_bookings import UnitBookingsUnitBookings


T = TypeVar("T", bound="UnitBookings")


@_attrs_define
class UnitBookings:
    """
    Attributes:
        room_id (int | Unset):
        property_id (int | Unset):
        name (str | Unset):
        qty (int | Unset):
        unit_bookings (UnitBookingsUnitBookings | Unset): Contains dates as keys
    """

    room_id: int | Unset = UNSET
    property_id: int | Unset = UNSET
    name: str | Unset = UNSET
    qty: int | Unset = UNSET
    unit_bookings: UnitBookingsUnitBookings | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        room_id = self.room_id

        property_id = self.property_id

        name = self.name

        qty = self.qty

        unit_bookings: dict[str, Any] | Unset = UNSET
        if not isinstance(self.unit_bookings, Unset):
            unit_bookings = self.unit_bookings.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if room_id is not UNSET:
            field_dict["roomId"] = room_id
        if property_id is not UNSET:
            field_dict["propertyId"] = property_id
        if name is not UNSET:
            field_dict["name"] = name
        if qty is not UNSET:
            field_dict["qty"] = qty
        if unit_bookings is not UNSET:
            field_dict["unitBookings"] = unit_bookings

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.unit_bookings_unit_bookings import UnitBookingsUnitBookings

        d = dict(src_dict)
        room_id = d.pop("roomId", UNSET)

        property_id = d.pop("propertyId", UNSET)

        name = d.pop("name", UNSET)

        qty = d.pop("qty", UNSET)

        _unit_bookings = d.pop("unitBookings", UNSET)
        unit_bookings: UnitBookingsUnitBookings | Unset
        if isinstance(_unit_bookings, Unset):
            unit_bookings = UNSET
        else:
            unit_bookings = UnitBookingsUnitBookings.from_dict(_unit_bookings)

        unit_bookings = cls(
            room_id=room_id,
            property_id=property_id,
            name=name,
            qty=qty,
            unit_bookings=unit_bookings,
        )

        unit_bookings.additional_properties = d
        return unit_bookings

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
