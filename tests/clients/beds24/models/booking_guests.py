from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.booking_guests_guests_item import BookingGuestsGuestsItem


T = TypeVar("T", bound="BookingGuests")


@_attrs_define
class BookingGuests:
    """
    Attributes:
        guests (list[BookingGuestsGuestsItem] | Unset): Coming soon - Requires the bookings-personal scope
    """

    guests: list[BookingGuestsGuestsItem] | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        guests: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.guests, Unset):
            guests = []
            for guests_item_data in self.guests:
                guests_item = guests_item_data.to_dict()
                guests.append(guests_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if guests is not UNSET:
            field_dict["guests"] = guests

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.booking_guests_guests_item import BookingGuestsGuestsItem

        d = dict(src_dict)
        _guests = d.pop("guests", UNSET)
        guests: list[BookingGuestsGuestsItem] | Unset = UNSET
        if _guests is not UNSET:
            guests = []
            for guests_item_data in _guests:
                guests_item = BookingGuestsGuestsItem.from_dict(guests_item_data)

                guests.append(guests_item)

        booking_guests = cls(
            guests=guests,
        )

        booking_guests.additional_properties = d
        return booking_guests

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
