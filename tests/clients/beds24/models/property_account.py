from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.property_account_unit_statuses_item import (
        PropertyAccountUnitStatusesItem,
    )


T = TypeVar("T", bound="PropertyAccount")


@_attrs_define
class PropertyAccount:
    """contains useful read only info about the account.

    Attributes:
        owner_id (int | Unset):
        unit_statuses (list[PropertyAccountUnitStatusesItem] | Unset): Possible statusText values for units.
    """

    owner_id: int | Unset = UNSET
    unit_statuses: list[PropertyAccountUnitStatusesItem] | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        owner_id = self.owner_id

        unit_statuses: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.unit_statuses, Unset):
            unit_statuses = []
            for unit_statuses_item_data in self.unit_statuses:
                unit_statuses_item = unit_statuses_item_data.to_dict()
                unit_statuses.append(unit_statuses_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if owner_id is not UNSET:
            field_dict["ownerId"] = owner_id
        if unit_statuses is not UNSET:
            field_dict["unitStatuses"] = unit_statuses

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.property_account_unit_statuses_item import (
            PropertyAccountUnitStatusesItem,
        )

        d = dict(src_dict)
        owner_id = d.pop("ownerId", UNSET)

        _unit_statuses = d.pop("unitStatuses", UNSET)
        unit_statuses: list[PropertyAccountUnitStatusesItem] | Unset = UNSET
        if _unit_statuses is not UNSET:
            unit_statuses = []
            for unit_statuses_item_data in _unit_statuses:
                unit_statuses_item = PropertyAccountUnitStatusesItem.from_dict(
                    unit_statuses_item_data
                )

                unit_statuses.append(unit_statuses_item)

        property_account = cls(
            owner_id=owner_id,
            unit_statuses=unit_statuses,
        )

        property_account.additional_properties = d
        return property_account

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
