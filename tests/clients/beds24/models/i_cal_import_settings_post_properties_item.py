from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.i_cal_import_settings_post_properties_item_modification_notification import (
    ICalImportSettingsPostPropertiesItemModificationNotification,
    check_i_cal_import_settings_post_properties_item_modification_notification,
)
from ..types import UNSET, Unset

T = TypeVar("T", bound="ICalImportSettingsPostPropertiesItem")


@_attrs_define
class ICalImportSettingsPostPropertiesItem:
    """
    Attributes:
        id (int | Unset):
        modification_notification (ICalImportSettingsPostPropertiesItemModificationNotification | Unset):
    """

    id: int | Unset = UNSET
    modification_notification: (
        ICalImportSettingsPostPropertiesItemModificationNotification | Unset
    ) = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        modification_notification: str | Unset = UNSET
        if not isinstance(self.modification_notification, Unset):
            modification_notification = self.modification_notification

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if id is not UNSET:
            field_dict["id"] = id
        if modification_notification is not UNSET:
            field_dict["modificationNotification"] = modification_notification

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        id = d.pop("id", UNSET)

        _modification_notification = d.pop("modificationNotification", UNSET)
        modification_notification: (
            ICalImportSettingsPostPropertiesItemModificationNotification | Unset
        )
        if isinstance(_modification_notification, Unset):
            modification_notification = UNSET
        else:
            modification_notification = check_i_cal_import_settings_post_properties_item_modification_notification(
                _modification_notification
            )

        i_cal_import_settings_post_properties_item = cls(
            id=id,
            modification_notification=modification_notification,
        )

        i_cal_import_settings_post_properties_item.additional_properties = d
        return i_cal_import_settings_post_properties_item

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
