from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.calendar_calendar_item_override import (
    CalendarCalendarItemOverride,
    check_calendar_calendar_item_override,
)
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.calendar_calendar_item_channels import CalendarCalendarItemChannels


T = TypeVar("T", bound="CalendarCalendarItem")


@_attrs_define
class CalendarCalendarItem:
    """To remove any property, set the value to null.

    Attributes:
        from_ (datetime.date | Unset):
        to (datetime.date | Unset):
        num_avail (int | Unset): Note that this may be negative in some circumstances, such as if a room is overbooked.
            If you change override from blackout to none without setting numAvail, numAvail will change to the maximum
            possible
        min_stay (int | Unset):
        max_stay (int | Unset):
        multiplier (float | Unset):  Default: 1.0.
        override (CalendarCalendarItemOverride | Unset): If you change override from blackout to none without setting
            numAvail, numAvail will change to the maximum possible
        price1 (float | Unset):
        price2 (float | Unset):
        price3 (float | Unset):
        price4 (float | Unset):
        price5 (float | Unset):
        price6 (float | Unset):
        price7 (float | Unset):
        price8 (float | Unset):
        price9 (float | Unset):
        price10 (float | Unset):
        price11 (float | Unset):
        price12 (float | Unset):
        price13 (float | Unset):
        price14 (float | Unset):
        price15 (float | Unset):
        price16 (float | Unset):
        channels (CalendarCalendarItemChannels | Unset): Maximum number of bookings allowed for specific channels. Can
            be set to null to remove the limit.
    """

    from_: datetime.date | Unset = UNSET
    to: datetime.date | Unset = UNSET
    num_avail: int | Unset = UNSET
    min_stay: int | Unset = UNSET
    max_stay: int | Unset = UNSET
    multiplier: float | Unset = 1.0
    override: CalendarCalendarItemOverride | Unset = UNSET
    price1: float | Unset = UNSET
    price2: float | Unset = UNSET
    price3: float | Unset = UNSET
    price4: float | Unset = UNSET
    price5: float | Unset = UNSET
    price6: float | Unset = UNSET
    price7: float | Unset = UNSET
    price8: float | Unset = UNSET
    price9: float | Unset = UNSET
    price10: float | Unset = UNSET
    price11: float | Unset = UNSET
    price12: float | Unset = UNSET
    price13: float | Unset = UNSET
    price14: float | Unset = UNSET
    price15: float | Unset = UNSET
    price16: float | Unset = UNSET
    channels: CalendarCalendarItemChannels | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from_: str | Unset = UNSET
        if not isinstance(self.from_, Unset):
            from_ = self.from_.isoformat()

        to: str | Unset = UNSET
        if not isinstance(self.to, Unset):
            to = self.to.isoformat()

        num_avail = self.num_avail

        min_stay = self.min_stay

        max_stay = self.max_stay

        multiplier = self.multiplier

        override: str | Unset = UNSET
        if not isinstance(self.override, Unset):
            override = self.override

        price1 = self.price1

        price2 = self.price2

        price3 = self.price3

        price4 = self.price4

        price5 = self.price5

        price6 = self.price6

        price7 = self.price7

        price8 = self.price8

        price9 = self.price9

        price10 = self.price10

        price11 = self.price11

        price12 = self.price12

        price13 = self.price13

        price14 = self.price14

        price15 = self.price15

        price16 = self.price16

        channels: dict[str, Any] | Unset = UNSET
        if not isinstance(self.channels, Unset):
            channels = self.channels.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if from_ is not UNSET:
            field_dict["from"] = from_
        if to is not UNSET:
            field_dict["to"] = to
        if num_avail is not UNSET:
            field_dict["numAvail"] = num_avail
        if min_stay is not UNSET:
            field_dict["minStay"] = min_stay
        if max_stay is not UNSET:
            field_dict["maxStay"] = max_stay
        if multiplier is not UNSET:
            field_dict["multiplier"] = multiplier
        if override is not UNSET:
            field_dict["override"] = override
        if price1 is not UNSET:
            field_dict["price1"] = price1
        if price2 is not UNSET:
            field_dict["price2"] = price2
        if price3 is not UNSET:
            field_dict["price3"] = price3
        if price4 is not UNSET:
            field_dict["price4"] = price4
        if price5 is not UNSET:
            field_dict["price5"] = price5
        if price6 is not UNSET:
            field_dict["price6"] = price6
        if price7 is not UNSET:
            field_dict["price7"] = price7
        if price8 is not UNSET:
            field_dict["price8"] = price8
        if price9 is not UNSET:
            field_dict["price9"] = price9
        if price10 is not UNSET:
            field_dict["price10"] = price10
        if price11 is not UNSET:
            field_dict["price11"] = price11
        if price12 is not UNSET:
            field_dict["price12"] = price12
        if price13 is not UNSET:
            field_dict["price13"] = price13
        if price14 is not UNSET:
            field_dict["price14"] = price14
        if price15 is not UNSET:
            field_dict["price15"] = price15
        if price16 is not UNSET:
            field_dict["price16"] = price16
        if channels is not UNSET:
            field_dict["channels"] = channels

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.calendar_calendar_item_channels import (
            CalendarCalendarItemChannels,
        )

        d = dict(src_dict)
        _from_ = d.pop("from", UNSET)
        from_: datetime.date | Unset
        if isinstance(_from_, Unset):
            from_ = UNSET
        else:
            from_ = datetime.date.fromisoformat(_from_)

        _to = d.pop("to", UNSET)
        to: datetime.date | Unset
        if isinstance(_to, Unset):
            to = UNSET
        else:
            to = datetime.date.fromisoformat(_to)

        num_avail = d.pop("numAvail", UNSET)

        min_stay = d.pop("minStay", UNSET)

        max_stay = d.pop("maxStay", UNSET)

        multiplier = d.pop("multiplier", UNSET)

        _override = d.pop("override", UNSET)
        override: CalendarCalendarItemOverride | Unset
        if isinstance(_override, Unset):
            override = UNSET
        else:
            override = check_calendar_calendar_item_override(_override)

        price1 = d.pop("price1", UNSET)

        price2 = d.pop("price2", UNSET)

        price3 = d.pop("price3", UNSET)

        price4 = d.pop("price4", UNSET)

        price5 = d.pop("price5", UNSET)

        price6 = d.pop("price6", UNSET)

        price7 = d.pop("price7", UNSET)

        price8 = d.pop("price8", UNSET)

        price9 = d.pop("price9", UNSET)

        price10 = d.pop("price10", UNSET)

        price11 = d.pop("price11", UNSET)

        price12 = d.pop("price12", UNSET)

        price13 = d.pop("price13", UNSET)

        price14 = d.pop("price14", UNSET)

        price15 = d.pop("price15", UNSET)

        price16 = d.pop("price16", UNSET)

        _channels = d.pop("channels", UNSET)
        channels: CalendarCalendarItemChannels | Unset
        if isinstance(_channels, Unset):
            channels = UNSET
        else:
            channels = CalendarCalendarItemChannels.from_dict(_channels)

        calendar_calendar_item = cls(
            from_=from_,
            to=to,
            num_avail=num_avail,
            min_stay=min_stay,
            max_stay=max_stay,
            multiplier=multiplier,
            override=override,
            price1=price1,
            price2=price2,
            price3=price3,
            price4=price4,
            price5=price5,
            price6=price6,
            price7=price7,
            price8=price8,
            price9=price9,
            price10=price10,
            price11=price11,
            price12=price12,
            price13=price13,
            price14=price14,
            price15=price15,
            price16=price16,
            channels=channels,
        )

        calendar_calendar_item.additional_properties = d
        return calendar_calendar_item

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
