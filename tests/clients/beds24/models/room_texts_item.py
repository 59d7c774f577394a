from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.text_languages_language import (
    TextLanguagesLanguage,
    check_text_languages_language,
)
from ..types import UNSET, Unset

T = TypeVar("T", bound="RoomTextsItem")


@_attrs_define
class RoomTextsItem:
    """
    Attributes:
        language (TextLanguagesLanguage | Unset):
        display_name (str | Unset):
        accommodation_type (str | Unset):
        room_description (str | Unset):
        auxiliary (str | Unset):
        marketing (str | Unset):
        content_headline (str | Unset):
        content_description (str | Unset):
    """

    language: TextLanguagesLanguage | Unset = UNSET
    display_name: str | Unset = UNSET
    accommodation_type: str | Unset = UNSET
    room_description: str | Unset = UNSET
    auxiliary: str | Unset = UNSET
    marketing: str | Unset = UNSET
    content_headline: str | Unset = UNSET
    content_description: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        language: str | Unset = UNSET
        if not isinstance(self.language, Unset):
            language = self.language

        display_name = self.display_name

        accommodation_type = self.accommodation_type

        room_description = self.room_description

        auxiliary = self.auxiliary

        marketing = self.marketing

        content_headline = self.content_headline

        content_description = self.content_description

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if language is not UNSET:
            field_dict["language"] = language
        if display_name is not UNSET:
            field_dict["displayName"] = display_name
        if accommodation_type is not UNSET:
            field_dict["accommodationType"] = accommodation_type
        if room_description is not UNSET:
            field_dict["roomDescription"] = room_description
        if auxiliary is not UNSET:
            field_dict["auxiliary"] = auxiliary
        if marketing is not UNSET:
            field_dict["marketing"] = marketing
        if content_headline is not UNSET:
            field_dict["contentHeadline"] = content_headline
        if content_description is not UNSET:
            field_dict["contentDescription"] = content_description

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        _language = d.pop("language", UNSET)
        language: TextLanguagesLanguage | Unset
        if isinstance(_language, Unset):
            language = UNSET
        else:
            language = check_text_languages_language(_language)

        display_name = d.pop("displayName", UNSET)

        accommodation_type = d.pop("accommodationType", UNSET)

        room_description = d.pop("roomDescription", UNSET)

        auxiliary = d.pop("auxiliary", UNSET)

        marketing = d.pop("marketing", UNSET)

        content_headline = d.pop("contentHeadline", UNSET)

        content_description = d.pop("contentDescription", UNSET)

        room_texts_item = cls(
            language=language,
            display_name=display_name,
            accommodation_type=accommodation_type,
            room_description=room_description,
            auxiliary=auxiliary,
            marketing=marketing,
            content_headline=content_headline,
            content_description=content_description,
        )

        room_texts_item.additional_properties = d
        return room_texts_item

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
