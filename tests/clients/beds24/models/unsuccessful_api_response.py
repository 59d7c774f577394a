from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="UnsuccessfulApiResponse")


@_attrs_define
class UnsuccessfulApiResponse:
    """
    Attributes:
        success (bool):  Example: False.
        type_ (str):  Example: error.
        code (int):  Example: 400.
        error (str):
    """

    success: bool
    type_: str
    code: int
    error: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        success = self.success

        type_ = self.type_

        code = self.code

        error = self.error

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "success": success,
                "type": type_,
                "code": code,
                "error": error,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        success = d.pop("success")

        type_ = d.pop("type")

        code = d.pop("code")

        error = d.pop("error")

        unsuccessful_api_response = cls(
            success=success,
            type_=type_,
            code=code,
            error=error,
        )

        unsuccessful_api_response.additional_properties = d
        return unsuccessful_api_response

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
