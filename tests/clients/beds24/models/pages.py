from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="Pages")


@_attrs_define
class Pages:
    """
    Attributes:
        next_page_exists (bool):
        next_page_link (str | Unset):  Example: example.com/api/example?page=2.
    """

    next_page_exists: bool
    next_page_link: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        next_page_exists = self.next_page_exists

        next_page_link = self.next_page_link

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "nextPageExists": next_page_exists,
            }
        )
        if next_page_link is not UNSET:
            field_dict["nextPageLink"] = next_page_link

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        next_page_exists = d.pop("nextPageExists")

        next_page_link = d.pop("nextPageLink", UNSET)

        pages = cls(
            next_page_exists=next_page_exists,
            next_page_link=next_page_link,
        )

        pages.additional_properties = d
        return pages

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
