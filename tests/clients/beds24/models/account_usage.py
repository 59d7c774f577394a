from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.account_usage_channel_links import AccountUsageChannelLinks


T = TypeVar("T", bound="AccountUsage")


@_attrs_define
class AccountUsage:
    """
    Attributes:
        num_properties (int | Unset):
        num_rooms (int | Unset):
        num_room_types (int | Unset):
        num_activities (int | Unset):
        num_links (int | Unset):
        channel_links (AccountUsageChannelLinks | Unset): Channels with no active links will not be shown here
    """

    num_properties: int | Unset = UNSET
    num_rooms: int | Unset = UNSET
    num_room_types: int | Unset = UNSET
    num_activities: int | Unset = UNSET
    num_links: int | Unset = UNSET
    channel_links: AccountUsageChannelLinks | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        num_properties = self.num_properties

        num_rooms = self.num_rooms

        num_room_types = self.num_room_types

        num_activities = self.num_activities

        num_links = self.num_links

        channel_links: dict[str, Any] | Unset = UNSET
        if not isinstance(self.channel_links, Unset):
            channel_links = self.channel_links.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if num_properties is not UNSET:
            field_dict["numProperties"] = num_properties
        if num_rooms is not UNSET:
            field_dict["numRooms"] = num_rooms
        if num_room_types is not UNSET:
            field_dict["numRoomTypes"] = num_room_types
        if num_activities is not UNSET:
            field_dict["numActivities"] = num_activities
        if num_links is not UNSET:
            field_dict["numLinks"] = num_links
        if channel_links is not UNSET:
            field_dict["channelLinks"] = channel_links

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.account_usage_channel_links import AccountUsageChannelLinks

        d = dict(src_dict)
        num_properties = d.pop("numProperties", UNSET)

        num_rooms = d.pop("numRooms", UNSET)

        num_room_types = d.pop("numRoomTypes", UNSET)

        num_activities = d.pop("numActivities", UNSET)

        num_links = d.pop("numLinks", UNSET)

        _channel_links = d.pop("channelLinks", UNSET)
        channel_links: AccountUsageChannelLinks | Unset
        if isinstance(_channel_links, Unset):
            channel_links = UNSET
        else:
            channel_links = AccountUsageChannelLinks.from_dict(_channel_links)

        account_usage = cls(
            num_properties=num_properties,
            num_rooms=num_rooms,
            num_room_types=num_room_types,
            num_activities=num_activities,
            num_links=num_links,
            channel_links=channel_links,
        )

        account_usage.additional_properties = d
        return account_usage

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
