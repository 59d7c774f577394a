from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.multiple_post_response_new_sub_field_item import (
        MultiplePostResponseNewSubFieldItem,
    )


T = TypeVar("T", bound="MultiplePostResponseNew")


@_attrs_define
class MultiplePostResponseNew:
    """
    Attributes:
        field (str | Unset):
        sub_field (list[MultiplePostResponseNewSubFieldItem] | Unset):
    """

    field: str | Unset = UNSET
    sub_field: list[MultiplePostResponseNewSubFieldItem] | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        field = self.field

        sub_field: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.sub_field, Unset):
            sub_field = []
            for sub_field_item_data in self.sub_field:
                sub_field_item = sub_field_item_data.to_dict()
                sub_field.append(sub_field_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if field is not UNSET:
            field_dict["field"] = field
        if sub_field is not UNSET:
            field_dict["subField"] = sub_field

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.multiple_post_response_new_sub_field_item import (
            MultiplePostResponseNewSubFieldItem,
        )

        d = dict(src_dict)
        field = d.pop("field", UNSET)

        _sub_field = d.pop("subField", UNSET)
        sub_field: list[MultiplePostResponseNewSubFieldItem] | Unset = UNSET
        if _sub_field is not UNSET:
            sub_field = []
            for sub_field_item_data in _sub_field:
                sub_field_item = MultiplePostResponseNewSubFieldItem.from_dict(
                    sub_field_item_data
                )

                sub_field.append(sub_field_item)

        multiple_post_response_new = cls(
            field=field,
            sub_field=sub_field,
        )

        multiple_post_response_new.additional_properties = d
        return multiple_post_response_new

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
