from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.post_channels_booking_body_item_action import (
    PostChannelsBookingBodyItemAction,
    check_post_channels_booking_body_item_action,
)
from ..types import UNSET, Unset

T = TypeVar("T", bound="PostChannelsBookingBodyItem")


@_attrs_define
class PostChannelsBookingBodyItem:
    """
    Attributes:
        booking_id (int | Unset):
        action (PostChannelsBookingBodyItemAction | Unset): reportInvalidCard: Report an invalid card to Booking.com.
            Only available before check in
            reportNoShow: Report a no show to Booking.com. Only available from check in for 2 days
            reportCancel: Report a cancellation request to Booking.com. The booking will only be cancelled if all
            prerequisites have been fulfilled
    """

    booking_id: int | Unset = UNSET
    action: PostChannelsBookingBodyItemAction | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        booking_id = self.booking_id

        action: str | Unset = UNSET
        if not isinstance(self.action, Unset):
            action = self.action

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if booking_id is not UNSET:
            field_dict["bookingId"] = booking_id
        if action is not UNSET:
            field_dict["action"] = action

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        booking_id = d.pop("bookingId", UNSET)

        _action = d.pop("action", UNSET)
        action: PostChannelsBookingBodyItemAction | Unset
        if isinstance(_action, Unset):
            action = UNSET
        else:
            action = check_post_channels_booking_body_item_action(_action)

        post_channels_booking_body_item = cls(
            booking_id=booking_id,
            action=action,
        )

        post_channels_booking_body_item.additional_properties = d
        return post_channels_booking_body_item

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
