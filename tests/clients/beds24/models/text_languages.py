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

T = TypeVar("T", bound="TextLanguages")


@_attrs_define
class TextLanguages:
    """
    Attributes:
        language (TextLanguagesLanguage | Unset):
    """

    language: TextLanguagesLanguage | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        language: str | Unset = UNSET
        if not isinstance(self.language, Unset):
            language = self.language

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if language is not UNSET:
            field_dict["language"] = language

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

        text_languages = cls(
            language=language,
        )

        text_languages.additional_properties = d
        return text_languages

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
