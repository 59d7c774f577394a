from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.host_message_attachment_mime_type import (
    HostMessageAttachmentMimeType,
    check_host_message_attachment_mime_type,
)
from ..models.host_message_source import HostMessageSource, check_host_message_source
from ..types import UNSET, Unset

T = TypeVar("T", bound="Message")


@_attrs_define
class Message:
    """There are 4 kinds of messages: Messages from the guest to the host 'source: guest', messages from the host to the
    guest 'source: host', messages from a us, the API or a third party OTA to the host 'source: system', and internal
    notes from the host 'source: internalNotes'

        Attributes:
            id (int | Unset):
            booking_id (int | Unset):
            read (bool | None | Unset):
            message (str | Unset):
            attachment (None | str | Unset):
            attachment_name (None | str | Unset):
            attachment_mime_type (HostMessageAttachmentMimeType | Unset): Supported mime types by channel:

                Airbnb - jpeg, png and gif

                Booking.com - jpeg, png

                VRBO - jpeg, png, gif, pdf
            source (HostMessageSource | Unset):
            room_id (int | Unset): The ID of the room that the message's booking is currently in.
            property_id (int | Unset): The ID of the property that the message's booking is currently in.
            time (datetime.datetime | Unset):
            author_owner_id (int | Unset): The ID of the owner who sent a host message or internalNote
    """

    id: int | Unset = UNSET
    booking_id: int | Unset = UNSET
    read: bool | None | Unset = UNSET
    message: str | Unset = UNSET
    attachment: None | str | Unset = UNSET
    attachment_name: None | str | Unset = UNSET
    attachment_mime_type: HostMessageAttachmentMimeType | Unset = UNSET
    source: HostMessageSource | Unset = UNSET
    room_id: int | Unset = UNSET
    property_id: int | Unset = UNSET
    time: datetime.datetime | Unset = UNSET
    author_owner_id: int | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        booking_id = self.booking_id

        read: bool | None | Unset
        if isinstance(self.read, Unset):
            read = UNSET
        else:
            read = self.read

        message = self.message

        attachment: None | str | Unset
        if isinstance(self.attachment, Unset):
            attachment = UNSET
        else:
            attachment = self.attachment

        attachment_name: None | str | Unset
        if isinstance(self.attachment_name, Unset):
            attachment_name = UNSET
        else:
            attachment_name = self.attachment_name

        attachment_mime_type: str | Unset = UNSET
        if not isinstance(self.attachment_mime_type, Unset):
            attachment_mime_type = self.attachment_mime_type

        source: str | Unset = UNSET
        if not isinstance(self.source, Unset):
            source = self.source

        room_id = self.room_id

        property_id = self.property_id

        time: str | Unset = UNSET
        if not isinstance(self.time, Unset):
            time = self.time.isoformat()

        author_owner_id = self.author_owner_id

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if id is not UNSET:
            field_dict["id"] = id
        if booking_id is not UNSET:
            field_dict["bookingId"] = booking_id
        if read is not UNSET:
            field_dict["read"] = read
        if message is not UNSET:
            field_dict["message"] = message
        if attachment is not UNSET:
            field_dict["attachment"] = attachment
        if attachment_name is not UNSET:
            field_dict["attachmentName"] = attachment_name
        if attachment_mime_type is not UNSET:
            field_dict["attachmentMimeType"] = attachment_mime_type
        if source is not UNSET:
            field_dict["source"] = source
        if room_id is not UNSET:
            field_dict["roomId"] = room_id
        if property_id is not UNSET:
            field_dict["propertyId"] = property_id
        if time is not UNSET:
            field_dict["time"] = time
        if author_owner_id is not UNSET:
            field_dict["authorOwnerId"] = author_owner_id

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        id = d.pop("id", UNSET)

        booking_id = d.pop("bookingId", UNSET)

        def _parse_read(data: object) -> bool | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(bool | None | Unset, data)

        read = _parse_read(d.pop("read", UNSET))

        message = d.pop("message", UNSET)

        def _parse_attachment(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        attachment = _parse_attachment(d.pop("attachment", UNSET))

        def _parse_attachment_name(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        attachment_name = _parse_attachment_name(d.pop("attachmentName", UNSET))

        _attachment_mime_type = d.pop("attachmentMimeType", UNSET)
        attachment_mime_type: HostMessageAttachmentMimeType | Unset
        if isinstance(_attachment_mime_type, Unset):
            attachment_mime_type = UNSET
        else:
            attachment_mime_type = check_host_message_attachment_mime_type(
                _attachment_mime_type
            )

        _source = d.pop("source", UNSET)
        source: HostMessageSource | Unset
        if isinstance(_source, Unset):
            source = UNSET
        else:
            source = check_host_message_source(_source)

        room_id = d.pop("roomId", UNSET)

        property_id = d.pop("propertyId", UNSET)

        _time = d.pop("time", UNSET)
        time: datetime.datetime | Unset
        if isinstance(_time, Unset):
            time = UNSET
        else:
            time = datetime.datetime.fromisoformat(_time)

        author_owner_id = d.pop("authorOwnerId", UNSET)

        message = cls(
            id=id,
            booking_id=booking_id,
            read=read,
            message=message,
            attachment=attachment,
            attachment_name=attachment_name,
            attachment_mime_type=attachment_mime_type,
            source=source,
            room_id=room_id,
            property_id=property_id,
            time=time,
            author_owner_id=author_owner_id,
        )

        message.additional_properties = d
        return message

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
