from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="UnitBookingsUnitBookings20210101")


@_attrs_define
class UnitBookingsUnitBookings20210101:
    """Contains unit IDs (starting from 1) and 'unassigned' bookings

    Attributes:
        field_1 (int | Unset): The ID of a unit and the number of bookings assigned to it on a date Example: 0.
        field_2 (int | Unset): The ID of a unit and the number of bookings assigned to it on a date Example: 3.
        unassigned (int | Unset): The number of bookings not assigned to a unit on a date
    """

    field_1: int | Unset = UNSET
    field_2: int | Unset = UNSET
    unassigned: int | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        field_1 = self.field_1

        field_2 = self.field_2

        unassigned = self.unassigned

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if field_1 is not UNSET:
            field_dict["1"] = field_1
        if field_2 is not UNSET:
            field_dict["2"] = field_2
        if unassigned is not UNSET:
            field_dict["unassigned"] = unassigned

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        field_1 = d.pop("1", UNSET)

        field_2 = d.pop("2", UNSET)

        unassigned = d.pop("unassigned", UNSET)

        unit_bookings_unit_bookings_20210101 = cls(
            field_1=field_1,
            field_2=field_2,
            unassigned=unassigned,
        )

        unit_bookings_unit_bookings_20210101.additional_properties = d
        return unit_bookings_unit_bookings_20210101

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
