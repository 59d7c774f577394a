from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="CalendarCalendarItemChannelsGoibibo")


@_attrs_define
class CalendarCalendarItemChannelsGoibibo:
    """
    Attributes:
        max_bookings (int | None | Unset):
    """

    max_bookings: int | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        max_bookings: int | None | Unset
        if isinstance(self.max_bookings, Unset):
            max_bookings = UNSET
        else:
            max_bookings = self.max_bookings

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if max_bookings is not UNSET:
            field_dict["maxBookings"] = max_bookings

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)

        def _parse_max_bookings(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        max_bookings = _parse_max_bookings(d.pop("maxBookings", UNSET))

        calendar_calendar_item_channels_goibibo = cls(
            max_bookings=max_bookings,
        )

        calendar_calendar_item_channels_goibibo.additional_properties = d
        return calendar_calendar_item_channels_goibibo

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
