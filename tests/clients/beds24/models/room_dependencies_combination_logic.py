from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.room_dependencies_combination_logic_type import (
    RoomDependenciesCombinationLogicType,
    check_room_dependencies_combination_logic_type,
)
from ..types import UNSET, Unset

T = TypeVar("T", bound="RoomDependenciesCombinationLogic")


@_attrs_define
class RoomDependenciesCombinationLogic:
    """
    Attributes:
        type_ (RoomDependenciesCombinationLogicType | Unset):
        number_of_units_value (int | None | Unset): Used to specify the number of units value if type is set to
            numberOfUnitsAvailable or NumberOfUnitsAvailableOrLess
    """

    type_: RoomDependenciesCombinationLogicType | Unset = UNSET
    number_of_units_value: int | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        type_: str | Unset = UNSET
        if not isinstance(self.type_, Unset):
            type_ = self.type_

        number_of_units_value: int | None | Unset
        if isinstance(self.number_of_units_value, Unset):
            number_of_units_value = UNSET
        else:
            number_of_units_value = self.number_of_units_value

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if type_ is not UNSET:
            field_dict["type"] = type_
        if number_of_units_value is not UNSET:
            field_dict["numberOfUnitsValue"] = number_of_units_value

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        _type_ = d.pop("type", UNSET)
        type_: RoomDependenciesCombinationLogicType | Unset
        if isinstance(_type_, Unset):
            type_ = UNSET
        else:
            type_ = check_room_dependencies_combination_logic_type(_type_)

        def _parse_number_of_units_value(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        number_of_units_value = _parse_number_of_units_value(
            d.pop("numberOfUnitsValue", UNSET)
        )

        room_dependencies_combination_logic = cls(
            type_=type_,
            number_of_units_value=number_of_units_value,
        )

        room_dependencies_combination_logic.additional_properties = d
        return room_dependencies_combination_logic

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
