from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.nuki_settings_get_properties_room_types_item_allow_remote_app_access import (
    NukiSettingsGetPropertiesRoomTypesItemAllowRemoteAppAccess,
    check_nuki_settings_get_properties_room_types_item_allow_remote_app_access,
)
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.nuki_settings_get_properties_room_types_item_lock_serial_numbers_item import (
        NukiSettingsGetPropertiesRoomTypesItemLockSerialNumbersItem,
    )


T = TypeVar("T", bound="NukiSettingsGetPropertiesRoomTypesItem")


@_attrs_define
class NukiSettingsGetPropertiesRoomTypesItem:
    """
    Attributes:
        id (int | Unset):
        allow_remote_app_access (NukiSettingsGetPropertiesRoomTypesItemAllowRemoteAppAccess | Unset):
        sync_app (bool | Unset):
        sync_code (bool | Unset):
        lock_serial_numbers (list[NukiSettingsGetPropertiesRoomTypesItemLockSerialNumbersItem] | Unset):
    """

    id: int | Unset = UNSET
    allow_remote_app_access: (
        NukiSettingsGetPropertiesRoomTypesItemAllowRemoteAppAccess | Unset
    ) = UNSET
    sync_app: bool | Unset = UNSET
    sync_code: bool | Unset = UNSET
    lock_serial_numbers: (
        list[NukiSettingsGetPropertiesRoomTypesItemLockSerialNumbersItem] | Unset
    ) = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        allow_remote_app_access: str | Unset = UNSET
        if not isinstance(self.allow_remote_app_access, Unset):
            allow_remote_app_access = self.allow_remote_app_access

        sync_app = self.sync_app

        sync_code = self.sync_code

        lock_serial_numbers: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.lock_serial_numbers, Unset):
            lock_serial_numbers = []
            for lock_serial_numbers_item_data in self.lock_serial_numbers:
                lock_serial_numbers_item = lock_serial_numbers_item_data.to_dict()
                lock_serial_numbers.append(lock_serial_numbers_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if id is not UNSET:
            field_dict["id"] = id
        if allow_remote_app_access is not UNSET:
            field_dict["allowRemoteAppAccess"] = allow_remote_app_access
        if sync_app is not UNSET:
            field_dict["syncApp"] = sync_app
        if sync_code is not UNSET:
            field_dict["syncCode"] = sync_code
        if lock_serial_numbers is not UNSET:
            field_dict["lockSerialNumbers"] = lock_serial_numbers

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.nuki_settings_get_properties_room_types_item_lock_serial_numbers_item import (
            NukiSettingsGetPropertiesRoomTypesItemLockSerialNumbersItem,
        )

        d = dict(src_dict)
        id = d.pop("id", UNSET)

        _allow_remote_app_access = d.pop("allowRemoteAppAccess", UNSET)
        allow_remote_app_access: (
            NukiSettingsGetPropertiesRoomTypesItemAllowRemoteAppAccess | Unset
        )
        if isinstance(_allow_remote_app_access, Unset):
            allow_remote_app_access = UNSET
        else:
            allow_remote_app_access = check_nuki_settings_get_properties_room_types_item_allow_remote_app_access(
                _allow_remote_app_access
            )

        sync_app = d.pop("syncApp", UNSET)

        sync_code = d.pop("syncCode", UNSET)

        _lock_serial_numbers = d.pop("lockSerialNumbers", UNSET)
        lock_serial_numbers: (
            list[NukiSettingsGetPropertiesRoomTypesItemLockSerialNumbersItem] | Unset
        ) = UNSET
        if _lock_serial_numbers is not UNSET:
            lock_serial_numbers = []
            for lock_serial_numbers_item_data in _lock_serial_numbers:
                lock_serial_numbers_item = NukiSettingsGetPropertiesRoomTypesItemLockSerialNumbersItem.from_dict(
                    lock_serial_numbers_item_data
                )

                lock_serial_numbers.append(lock_serial_numbers_item)

        nuki_settings_get_properties_room_types_item = cls(
            id=id,
            allow_remote_app_access=allow_remote_app_access,
            sync_app=sync_app,
            sync_code=sync_code,
            lock_serial_numbers=lock_serial_numbers,
        )

        nuki_settings_get_properties_room_types_item.additional_properties = d
        return nuki_settings_get_properties_room_types_item

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
