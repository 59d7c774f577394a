from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.post_channels_airbnb_body_item_action import (
    PostChannelsAirbnbBodyItemAction,
    check_post_channels_airbnb_body_item_action,
)
from ..models.post_channels_airbnb_body_item_connect import (
    PostChannelsAirbnbBodyItemConnect,
    check_post_channels_airbnb_body_item_connect,
)
from ..types import UNSET, Unset

T = TypeVar("T", bound="PostChannelsAirbnbBodyItem")


@_attrs_define
class PostChannelsAirbnbBodyItem:
    """
    Attributes:
        airbnb_user_id (None | str | Unset):
        airbnb_listing_id (str | Unset):
        room_id (str | Unset):
        property_id (str | Unset):
        action (PostChannelsAirbnbBodyItemAction | Unset):
        connect (PostChannelsAirbnbBodyItemConnect | Unset):
        import_blocked_dates (bool | Unset):
        import_bookings (bool | Unset):
    """

    airbnb_user_id: None | str | Unset = UNSET
    airbnb_listing_id: str | Unset = UNSET
    room_id: str | Unset = UNSET
    property_id: str | Unset = UNSET
    action: PostChannelsAirbnbBodyItemAction | Unset = UNSET
    connect: PostChannelsAirbnbBodyItemConnect | Unset = UNSET
    import_blocked_dates: bool | Unset = UNSET
    import_bookings: bool | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        airbnb_user_id: None | str | Unset
        if isinstance(self.airbnb_user_id, Unset):
            airbnb_user_id = UNSET
        else:
            airbnb_user_id = self.airbnb_user_id

        airbnb_listing_id = self.airbnb_listing_id

        room_id = self.room_id

        property_id = self.property_id

        action: str | Unset = UNSET
        if not isinstance(self.action, Unset):
            action = self.action

        connect: str | Unset = UNSET
        if not isinstance(self.connect, Unset):
            connect = self.connect

        import_blocked_dates = self.import_blocked_dates

        import_bookings = self.import_bookings

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if airbnb_user_id is not UNSET:
            field_dict["airbnbUserId"] = airbnb_user_id
        if airbnb_listing_id is not UNSET:
            field_dict["airbnbListingId"] = airbnb_listing_id
        if room_id is not UNSET:
            field_dict["roomId"] = room_id
        if property_id is not UNSET:
            field_dict["propertyId"] = property_id
        if action is not UNSET:
            field_dict["action"] = action
        if connect is not UNSET:
            field_dict["connect"] = connect
        if import_blocked_dates is not UNSET:
            field_dict["importBlockedDates"] = import_blocked_dates
        if import_bookings is not UNSET:
            field_dict["importBookings"] = import_bookings

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)

        def _parse_airbnb_user_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        airbnb_user_id = _parse_airbnb_user_id(d.pop("airbnbUserId", UNSET))

        airbnb_listing_id = d.pop("airbnbListingId", UNSET)

        room_id = d.pop("roomId", UNSET)

        property_id = d.pop("propertyId", UNSET)

        _action = d.pop("action", UNSET)
        action: PostChannelsAirbnbBodyItemAction | Unset
        if isinstance(_action, Unset):
            action = UNSET
        else:
            action = check_post_channels_airbnb_body_item_action(_action)

        _connect = d.pop("connect", UNSET)
        connect: PostChannelsAirbnbBodyItemConnect | Unset
        if isinstance(_connect, Unset):
            connect = UNSET
        else:
            connect = check_post_channels_airbnb_body_item_connect(_connect)

        import_blocked_dates = d.pop("importBlockedDates", UNSET)

        import_bookings = d.pop("importBookings", UNSET)

        post_channels_airbnb_body_item = cls(
            airbnb_user_id=airbnb_user_id,
            airbnb_listing_id=airbnb_listing_id,
            room_id=room_id,
            property_id=property_id,
            action=action,
            connect=connect,
            import_blocked_dates=import_blocked_dates,
            import_bookings=import_bookings,
        )

        post_channels_airbnb_body_item.additional_properties = d
        return post_channels_airbnb_body_item

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
