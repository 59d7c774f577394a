from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="ICalImportTools")


@_attrs_define
class ICalImportTools:
    """
    Attributes:
        delete_booking_tool_1 (bool | Unset):
        delete_booking_tool_2 (bool | Unset):
        delete_booking_tool_3 (bool | Unset):
    """

    delete_booking_tool_1: bool | Unset = UNSET
    delete_booking_tool_2: bool | Unset = UNSET
    delete_booking_tool_3: bool | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        delete_booking_tool_1 = self.delete_booking_tool_1

        delete_booking_tool_2 = self.delete_booking_tool_2

        delete_booking_tool_3 = self.delete_booking_tool_3

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if delete_booking_tool_1 is not UNSET:
            field_dict["deleteBookingTool1"] = delete_booking_tool_1
        if delete_booking_tool_2 is not UNSET:
            field_dict["deleteBookingTool2"] = delete_booking_tool_2
        if delete_booking_tool_3 is not UNSET:
            field_dict["deleteBookingTool3"] = delete_booking_tool_3

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        delete_booking_tool_1 = d.pop("deleteBookingTool1", UNSET)

        delete_booking_tool_2 = d.pop("deleteBookingTool2", UNSET)

        delete_booking_tool_3 = d.pop("deleteBookingTool3", UNSET)

        i_cal_import_tools = cls(
            delete_booking_tool_1=delete_booking_tool_1,
            delete_booking_tool_2=delete_booking_tool_2,
            delete_booking_tool_3=delete_booking_tool_3,
        )

        i_cal_import_tools.additional_properties = d
        return i_cal_import_tools

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
