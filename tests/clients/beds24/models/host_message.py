from __future__ import annotations

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

T = TypeVar("T", bound="HostMessage")


@_attrs_define
class HostMessage:
    """
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
    """

    id: int | Unset = UNSET
    booking_id: int | Unset = UNSET
    read: bool | None | Unset = UNSET
    message: str | Unset = UNSET
    attachment: None | str | Unset = UNSET
    attachment_name: None | str | Unset = UNSET
    attachment_mime_type: HostMessageAttachmentMimeType | Unset = UNSET
    source: HostMessageSource | Unset = UNSET
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

        host_message = cls(
            id=id,
            booking_id=booking_id,
            read=read,
            message=message,
            attachment=attachment,
            attachment_name=attachment_name,
            attachment_mime_type=attachment_mime_type,
            source=source,
        )

        host_message.additional_properties = d
        return host_message

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
