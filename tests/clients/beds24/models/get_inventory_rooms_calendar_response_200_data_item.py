from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.calendar_calendar_item import CalendarCalendarItem


T = TypeVar("T", bound="GetInventoryRoomsCalendarResponse200DataItem")


@_attrs_define
class GetInventoryRoomsCalendarResponse200DataItem:
    """
    Attributes:
        room_id (int | Unset):
        calendar (list[CalendarCalendarItem] | Unset): You must specify via query parameters the fields to be returned,
            otherwise calendar will be an empty array.
        property_id (int | Unset):
    """

    room_id: int | Unset = UNSET
    calendar: list[CalendarCalendarItem] | Unset = UNSET
    property_id: int | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        room_id = self.room_id

        calendar: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.calendar, Unset):
            calendar = []
            for calendar_item_data in self.calendar:
                calendar_item = calendar_item_data.to_dict()
                calendar.append(calendar_item)

        property_id = self.property_id

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if room_id is not UNSET:
            field_dict["roomId"] = room_id
        if calendar is not UNSET:
            field_dict["calendar"] = calendar
        if property_id is not UNSET:
            field_dict["propertyId"] = property_id

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.calendar_calendar_item import CalendarCalendarItem

        d = dict(src_dict)
        room_id = d.pop("roomId", UNSET)

        _calendar = d.pop("calendar", UNSET)
        calendar: list[CalendarCalendarItem] | Unset = UNSET
        if _calendar is not UNSET:
            calendar = []
            for calendar_item_data in _calendar:
                calendar_item = CalendarCalendarItem.from_dict(calendar_item_data)

                calendar.append(calendar_item)

        property_id = d.pop("propertyId", UNSET)

        get_inventory_rooms_calendar_response_200_data_item = cls(
            room_id=room_id,
            calendar=calendar,
            property_id=property_id,
        )

        get_inventory_rooms_calendar_response_200_data_item.additional_properties = d
        return get_inventory_rooms_calendar_response_200_data_item

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
