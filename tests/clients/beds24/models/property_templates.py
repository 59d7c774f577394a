from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="PropertyTemplates")


@_attrs_define
class PropertyTemplates:
    """
    Attributes:
        template1 (str | Unset):
        template2 (str | Unset):
        template3 (str | Unset):
        template4 (str | Unset):
        template5 (str | Unset):
        template6 (str | Unset):
        template7 (str | Unset):
        template8 (str | Unset):
    """

    template1: str | Unset = UNSET
    template2: str | Unset = UNSET
    template3: str | Unset = UNSET
    template4: str | Unset = UNSET
    template5: str | Unset = UNSET
    template6: str | Unset = UNSET
    template7: str | Unset = UNSET
    template8: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        template1 = self.template1

        template2 = self.template2

        template3 = self.template3

        template4 = self.template4

        template5 = self.template5

        template6 = self.template6

        template7 = self.template7

        template8 = self.template8

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if template1 is not UNSET:
            field_dict["template1"] = template1
        if template2 is not UNSET:
            field_dict["template2"] = template2
        if template3 is not UNSET:
            field_dict["template3"] = template3
        if template4 is not UNSET:
            field_dict["template4"] = template4
        if template5 is not UNSET:
            field_dict["template5"] = template5
        if template6 is not UNSET:
            field_dict["template6"] = template6
        if template7 is not UNSET:
            field_dict["template7"] = template7
        if template8 is not UNSET:
            field_dict["template8"] = template8

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        template1 = d.pop("template1", UNSET)

        template2 = d.pop("template2", UNSET)

        template3 = d.pop("template3", UNSET)

        template4 = d.pop("template4", UNSET)

        template5 = d.pop("template5", UNSET)

        template6 = d.pop("template6", UNSET)

        template7 = d.pop("template7", UNSET)

        template8 = d.pop("template8", UNSET)

        property_templates = cls(
            template1=template1,
            template2=template2,
            template3=template3,
            template4=template4,
            template5=template5,
            template6=template6,
            template7=template7,
            template8=template8,
        )

        property_templates.additional_properties = d
        return property_templates

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
