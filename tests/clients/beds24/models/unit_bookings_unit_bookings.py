from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.unit_bookings_unit_bookings_20210101 import (
        UnitBookingsUnitBookings20210101,
    )


T = TypeVar("T", bound="UnitBookingsUnitBookings")


@_attrs_define
class UnitBookingsUnitBookings:
    """Contains dates as keys

    Attributes:
        field_2021_01_01 (UnitBookingsUnitBookings20210101 | Unset): Contains unit IDs (starting from 1) and
            'unassigned' bookings
    """

    field_2021_01_01: UnitBookingsUnitBookings20210101 | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        field_2021_01_01: dict[str, Any] | Unset = UNSET
        if not isinstance(self.field_2021_01_01, Unset):
            field_2021_01_01 = self.field_2021_01_01.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if field_2021_01_01 is not UNSET:
            field_dict["2021-01-01"] = field_2021_01_01

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.unit_bookings_unit_bookings_20210101 import (
            UnitBookingsUnitBookings20210101,
        )

        d = dict(src_dict)
        _field_2021_01_01 = d.pop("2021-01-01", UNSET)
        field_2021_01_01: UnitBookingsUnitBookings20210101 | Unset
        if isinstance(_field_2021_01_01, Unset):
            field_2021_01_01 = UNSET
        else:
            field_2021_01_01 = UnitBookingsUnitBookings20210101.from_dict(
                _field_2021_01_01
            )

        unit_bookings_unit_bookings = cls(
            field_2021_01_01=field_2021_01_01,
        )

        unit_bookings_unit_bookings.additional_properties = d
        return unit_bookings_unit_bookings

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
