from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.multiple_post_response_errors_item import (
        MultiplePostResponseErrorsItem,
    )
    from ..models.multiple_post_response_info_item import MultiplePostResponseInfoItem
    from ..models.multiple_post_response_modified import MultiplePostResponseModified
    from ..models.multiple_post_response_new import MultiplePostResponseNew
    from ..models.multiple_post_response_warnings_item import (
        MultiplePostResponseWarningsItem,
    )


T = TypeVar("T", bound="MultiplePostResponse")


@_attrs_define
class MultiplePostResponse:
    """
    Attributes:
        success (bool | Unset):
        new (MultiplePostResponseNew | Unset):
        modified (MultiplePostResponseModified | Unset):
        errors (list[MultiplePostResponseErrorsItem] | Unset):
        warnings (list[MultiplePostResponseWarningsItem] | Unset):
        info (list[MultiplePostResponseInfoItem] | Unset):
    """

    success: bool | Unset = UNSET
    new: MultiplePostResponseNew | Unset = UNSET
    modified: MultiplePostResponseModified | Unset = UNSET
    errors: list[MultiplePostResponseErrorsItem] | Unset = UNSET
    warnings: list[MultiplePostResponseWarningsItem] | Unset = UNSET
    info: list[MultiplePostResponseInfoItem] | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        success = self.success

        new: dict[str, Any] | Unset = UNSET
        if not isinstance(self.new, Unset):
            new = self.new.to_dict()

        modified: dict[str, Any] | Unset = UNSET
        if not isinstance(self.modified, Unset):
            modified = self.modified.to_dict()

        errors: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.errors, Unset):
            errors = []
            for errors_item_data in self.errors:
                errors_item = errors_item_data.to_dict()
                errors.append(errors_item)

        warnings: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.warnings, Unset):
            warnings = []
            for warnings_item_data in self.warnings:
                warnings_item = warnings_item_data.to_dict()
                warnings.append(warnings_item)

        info: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.info, Unset):
            info = []
            for info_item_data in self.info:
                info_item = info_item_data.to_dict()
                info.append(info_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if success is not UNSET:
            field_dict["success"] = success
        if new is not UNSET:
            field_dict["new"] = new
        if modified is not UNSET:
            field_dict["modified"] = modified
        if errors is not UNSET:
            field_dict["errors"] = errors
        if warnings is not UNSET:
            field_dict["warnings"] = warnings
        if info is not UNSET:
            field_dict["info"] = info

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.multiple_post_response_errors_item import (
            MultiplePostResponseErrorsItem,
        )
        from ..models.multiple_post_response_info_item import (
            MultiplePostResponseInfoItem,
        )
        from ..models.multiple_post_response_modified import (
            MultiplePostResponseModified,
        )
        from ..models.multiple_post_response_new import MultiplePostResponseNew
        from ..models.multiple_post_response_warnings_item import (
            MultiplePostResponseWarningsItem,
        )

        d = dict(src_dict)
        success = d.pop("success", UNSET)

        _new = d.pop("new", UNSET)
        new: MultiplePostResponseNew | Unset
        if isinstance(_new, Unset):
            new = UNSET
        else:
            new = MultiplePostResponseNew.from_dict(_new)

        _modified = d.pop("modified", UNSET)
        modified: MultiplePostResponseModified | Unset
        if isinstance(_modified, Unset):
            modified = UNSET
        else:
            modified = MultiplePostResponseModified.from_dict(_modified)

        _errors = d.pop("errors", UNSET)
        errors: list[MultiplePostResponseErrorsItem] | Unset = UNSET
        if _errors is not UNSET:
            errors = []
            for errors_item_data in _errors:
                errors_item = MultiplePostResponseErrorsItem.from_dict(errors_item_data)

                errors.append(errors_item)

        _warnings = d.pop("warnings", UNSET)
        warnings: list[MultiplePostResponseWarningsItem] | Unset = UNSET
        if _warnings is not UNSET:
            warnings = []
            for warnings_item_data in _warnings:
                warnings_item = MultiplePostResponseWarningsItem.from_dict(
                    warnings_item_data
                )

                warnings.append(warnings_item)

        _info = d.pop("info", UNSET)
        info: list[MultiplePostResponseInfoItem] | Unset = UNSET
        if _info is not UNSET:
            info = []
            for info_item_data in _info:
                info_item = MultiplePostResponseInfoItem.from_dict(info_item_data)

                info.append(info_item)

        multiple_post_response = cls(
            success=success,
            new=new,
            modified=modified,
            errors=errors,
            warnings=warnings,
            info=info,
        )

        multiple_post_response.additional_properties = d
        return multiple_post_response

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
