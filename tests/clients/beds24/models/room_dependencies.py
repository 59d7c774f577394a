from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.room_dependencies_assign_bookings_to import (
        RoomDependenciesAssignBookingsTo,
    )
    from ..models.room_dependencies_combination_logic import (
        RoomDependenciesCombinationLogic,
    )


T = TypeVar("T", bound="RoomDependencies")


@_attrs_define
class RoomDependencies:
    """
    Attributes:
        include_sub_dependencies (bool | Unset):
        combination_logic (RoomDependenciesCombinationLogic | Unset):
        include_bookings_room_id_1 (int | None | Unset):
        include_bookings_room_id_2 (int | None | Unset):
        include_bookings_room_id_3 (int | None | Unset):
        include_bookings_room_id_4 (int | None | Unset):
        include_bookings_room_id_5 (int | None | Unset):
        include_bookings_room_id_6 (int | None | Unset):
        include_bookings_room_id_7 (int | None | Unset):
        include_bookings_room_id_8 (int | None | Unset):
        include_bookings_room_id_9 (int | None | Unset):
        include_bookings_room_id_10 (int | None | Unset):
        include_bookings_room_id_11 (int | None | Unset):
        include_bookings_room_id_12 (int | None | Unset):
        dependent_room_id_1 (int | None | Unset):
        dependent_room_id_2 (int | None | Unset):
        dependent_room_id_3 (int | None | Unset):
        dependent_room_id_4 (int | None | Unset):
        dependent_room_id_5 (int | None | Unset):
        dependent_room_id_6 (int | None | Unset):
        dependent_room_id_7 (int | None | Unset):
        dependent_room_id_8 (int | None | Unset):
        dependent_room_id_9 (int | None | Unset):
        dependent_room_id_10 (int | None | Unset):
        dependent_room_id_11 (int | None | Unset):
        dependent_room_id_12 (int | None | Unset):
        assign_bookings_to (RoomDependenciesAssignBookingsTo | Unset):
    """

    include_sub_dependencies: bool | Unset = UNSET
    combination_logic: RoomDependenciesCombinationLogic | Unset = UNSET
    include_bookings_room_id_1: int | None | Unset = UNSET
    include_bookings_room_id_2: int | None | Unset = UNSET
    include_bookings_room_id_3: int | None | Unset = UNSET
    include_bookings_room_id_4: int | None | Unset = UNSET
    include_bookings_room_id_5: int | None | Unset = UNSET
    include_bookings_room_id_6: int | None | Unset = UNSET
    include_bookings_room_id_7: int | None | Unset = UNSET
    include_bookings_room_id_8: int | None | Unset = UNSET
    include_bookings_room_id_9: int | None | Unset = UNSET
    include_bookings_room_id_10: int | None | Unset = UNSET
    include_bookings_room_id_11: int | None | Unset = UNSET
    include_bookings_room_id_12: int | None | Unset = UNSET
    dependent_room_id_1: int | None | Unset = UNSET
    dependent_room_id_2: int | None | Unset = UNSET
    dependent_room_id_3: int | None | Unset = UNSET
    dependent_room_id_4: int | None | Unset = UNSET
    dependent_room_id_5: int | None | Unset = UNSET
    dependent_room_id_6: int | None | Unset = UNSET
    dependent_room_id_7: int | None | Unset = UNSET
    dependent_room_id_8: int | None | Unset = UNSET
    dependent_room_id_9: int | None | Unset = UNSET
    dependent_room_id_10: int | None | Unset = UNSET
    dependent_room_id_11: int | None | Unset = UNSET
    dependent_room_id_12: int | None | Unset = UNSET
    assign_bookings_to: RoomDependenciesAssignBookingsTo | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        include_sub_dependencies = self.include_sub_dependencies

        combination_logic: dict[str, Any] | Unset = UNSET
        if not isinstance(self.combination_logic, Unset):
            combination_logic = self.combination_logic.to_dict()

        include_bookings_room_id_1: int | None | Unset
        if isinstance(self.include_bookings_room_id_1, Unset):
            include_bookings_room_id_1 = UNSET
        else:
            include_bookings_room_id_1 = self.include_bookings_room_id_1

        include_bookings_room_id_2: int | None | Unset
        if isinstance(self.include_bookings_room_id_2, Unset):
            include_bookings_room_id_2 = UNSET
        else:
            include_bookings_room_id_2 = self.include_bookings_room_id_2

        include_bookings_room_id_3: int | None | Unset
        if isinstance(self.include_bookings_room_id_3, Unset):
            include_bookings_room_id_3 = UNSET
        else:
            include_bookings_room_id_3 = self.include_bookings_room_id_3

        include_bookings_room_id_4: int | None | Unset
        if isinstance(self.include_bookings_room_id_4, Unset):
            include_bookings_room_id_4 = UNSET
        else:
            include_bookings_room_id_4 = self.include_bookings_room_id_4

        include_bookings_room_id_5: int | None | Unset
        if isinstance(self.include_bookings_room_id_5, Unset):
            include_bookings_room_id_5 = UNSET
        else:
            include_bookings_room_id_5 = self.include_bookings_room_id_5

        include_bookings_room_id_6: int | None | Unset
        if isinstance(self.include_bookings_room_id_6, Unset):
            include_bookings_room_id_6 = UNSET
        else:
            include_bookings_room_id_6 = self.include_bookings_room_id_6

        include_bookings_room_id_7: int | None | Unset
        if isinstance(self.include_bookings_room_id_7, Unset):
            include_bookings_room_id_7 = UNSET
        else:
            include_bookings_room_id_7 = self.include_bookings_room_id_7

        include_bookings_room_id_8: int | None | Unset
        if isinstance(self.include_bookings_room_id_8, Unset):
            include_bookings_room_id_8 = UNSET
        else:
            include_bookings_room_id_8 = self.include_bookings_room_id_8

        include_bookings_room_id_9: int | None | Unset
        if isinstance(self.include_bookings_room_id_9, Unset):
            include_bookings_room_id_9 = UNSET
        else:
            include_bookings_room_id_9 = self.include_bookings_room_id_9

        include_bookings_room_id_10: int | None | Unset
        if isinstance(self.include_bookings_room_id_10, Unset):
            include_bookings_room_id_10 = UNSET
        else:
            include_bookings_room_id_10 = self.include_bookings_room_id_10

        include_bookings_room_id_11: int | None | Unset
        if isinstance(self.include_bookings_room_id_11, Unset):
            include_bookings_room_id_11 = UNSET
        else:
            include_bookings_room_id_11 = self.include_bookings_room_id_11

        include_bookings_room_id_12: int | None | Unset
        if isinstance(self.include_bookings_room_id_12, Unset):
            include_bookings_room_id_12 = UNSET
        else:
            include_bookings_room_id_12 = self.include_bookings_room_id_12

        dependent_room_id_1: int | None | Unset
        if isinstance(self.dependent_room_id_1, Unset):
            dependent_room_id_1 = UNSET
        else:
            dependent_room_id_1 = self.dependent_room_id_1

        dependent_room_id_2: int | None | Unset
        if isinstance(self.dependent_room_id_2, Unset):
            dependent_room_id_2 = UNSET
        else:
            dependent_room_id_2 = self.dependent_room_id_2

        dependent_room_id_3: int | None | Unset
        if isinstance(self.dependent_room_id_3, Unset):
            dependent_room_id_3 = UNSET
        else:
            dependent_room_id_3 = self.dependent_room_id_3

        dependent_room_id_4: int | None | Unset
        if isinstance(self.dependent_room_id_4, Unset):
            dependent_room_id_4 = UNSET
        else:
            dependent_room_id_4 = self.dependent_room_id_4

        dependent_room_id_5: int | None | Unset
        if isinstance(self.dependent_room_id_5, Unset):
            dependent_room_id_5 = UNSET
        else:
            dependent_room_id_5 = self.dependent_room_id_5

        dependent_room_id_6: int | None | Unset
        if isinstance(self.dependent_room_id_6, Unset):
            dependent_room_id_6 = UNSET
        else:
            dependent_room_id_6 = self.dependent_room_id_6

        dependent_room_id_7: int | None | Unset
        if isinstance(self.dependent_room_id_7, Unset):
            dependent_room_id_7 = UNSET
        else:
            dependent_room_id_7 = self.dependent_room_id_7

        dependent_room_id_8: int | None | Unset
        if isinstance(self.dependent_room_id_8, Unset):
            dependent_room_id_8 = UNSET
        else:
            dependent_room_id_8 = self.dependent_room_id_8

        dependent_room_id_9: int | None | Unset
        if isinstance(self.dependent_room_id_9, Unset):
            dependent_room_id_9 = UNSET
        else:
            dependent_room_id_9 = self.dependent_room_id_9

        dependent_room_id_10: int | None | Unset
        if isinstance(self.dependent_room_id_10, Unset):
            dependent_room_id_10 = UNSET
        else:
            dependent_room_id_10 = self.dependent_room_id_10

        dependent_room_id_11: int | None | Unset
        if isinstance(self.dependent_room_id_11, Unset):
            dependent_room_id_11 = UNSET
        else:
            dependent_room_id_11 = self.dependent_room_id_11

        dependent_room_id_12: int | None | Unset
        if isinstance(self.dependent_room_id_12, Unset):
            dependent_room_id_12 = UNSET
        else:
            dependent_room_id_12 = self.dependent_room_id_12

        assign_bookings_to: dict[str, Any] | Unset = UNSET
        if not isinstance(self.assign_bookings_to, Unset):
            assign_bookings_to = self.assign_bookings_to.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if include_sub_dependencies is not UNSET:
            field_dict["includeSubDependencies"] = include_sub_dependencies
        if combination_logic is not UNSET:
            field_dict["combinationLogic"] = combination_logic
        if include_bookings_room_id_1 is not UNSET:
            field_dict["includeBookingsRoomId1"] = include_bookings_room_id_1
        if include_bookings_room_id_2 is not UNSET:
            field_dict["includeBookingsRoomId2"] = include_bookings_room_id_2
        if include_bookings_room_id_3 is not UNSET:
            field_dict["includeBookingsRoomId3"] = include_bookings_room_id_3
        if include_bookings_room_id_4 is not UNSET:
            field_dict["includeBookingsRoomId4"] = include_bookings_room_id_4
        if include_bookings_room_id_5 is not UNSET:
            field_dict["includeBookingsRoomId5"] = include_bookings_room_id_5
        if include_bookings_room_id_6 is not UNSET:
            field_dict["includeBookingsRoomId6"] = include_bookings_room_id_6
        if include_bookings_room_id_7 is not UNSET:
            field_dict["includeBookingsRoomId7"] = include_bookings_room_id_7
        if include_bookings_room_id_8 is not UNSET:
            field_dict["includeBookingsRoomId8"] = include_bookings_room_id_8
        if include_bookings_room_id_9 is not UNSET:
            field_dict["includeBookingsRoomId9"] = include_bookings_room_id_9
        if include_bookings_room_id_10 is not UNSET:
            field_dict["includeBookingsRoomId10"] = include_bookings_room_id_10
        if include_bookings_room_id_11 is not UNSET:
            field_dict["includeBookingsRoomId11"] = include_bookings_room_id_11
        if include_bookings_room_id_12 is not UNSET:
            field_dict["includeBookingsRoomId12"] = include_bookings_room_id_12
        if dependent_room_id_1 is not UNSET:
            field_dict["dependentRoomId1"] = dependent_room_id_1
        if dependent_room_id_2 is not UNSET:
            field_dict["dependentRoomId2"] = dependent_room_id_2
        if dependent_room_id_3 is not UNSET:
            field_dict["dependentRoomId3"] = dependent_room_id_3
        if dependent_room_id_4 is not UNSET:
            field_dict["dependentRoomId4"] = dependent_room_id_4
        if dependent_room_id_5 is not UNSET:
            field_dict["dependentRoomId5"] = dependent_room_id_5
        if dependent_room_id_6 is not UNSET:
            field_dict["dependentRoomId6"] = dependent_room_id_6
        if dependent_room_id_7 is not UNSET:
            field_dict["dependentRoomId7"] = dependent_room_id_7
        if dependent_room_id_8 is not UNSET:
            field_dict["dependentRoomId8"] = dependent_room_id_8
        if dependent_room_id_9 is not UNSET:
            field_dict["dependentRoomId9"] = dependent_room_id_9
        if dependent_room_id_10 is not UNSET:
            field_dict["dependentRoomId10"] = dependent_room_id_10
        if dependent_room_id_11 is not UNSET:
            field_dict["dependentRoomId11"] = dependent_room_id_11
        if dependent_room_id_12 is not UNSET:
            field_dict["dependentRoomId12"] = dependent_room_id_12
        if assign_bookings_to is not UNSET:
            field_dict["assignBookingsTo"] = assign_bookings_to

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.room_dependencies_assign_bookings_to import (
            RoomDependenciesAssignBookingsTo,
        )
        from ..models.room_dependencies_combination_logic import (
            RoomDependenciesCombinationLogic,
        )

        d = dict(src_dict)
        include_sub_dependencies = d.pop("includeSubDependencies", UNSET)

        _combination_logic = d.pop("combinationLogic", UNSET)
        combination_logic: RoomDependenciesCombinationLogic | Unset
        if isinstance(_combination_logic, Unset):
            combination_logic = UNSET
        else:
            combination_logic = RoomDependenciesCombinationLogic.from_dict(
                _combination_logic
            )

        def _parse_include_bookings_room_id_1(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        include_bookings_room_id_1 = _parse_include_bookings_room_id_1(
            d.pop("includeBookingsRoomId1", UNSET)
        )

        def _parse_include_bookings_room_id_2(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        include_bookings_room_id_2 = _parse_include_bookings_room_id_2(
            d.pop("includeBookingsRoomId2", UNSET)
        )

        def _parse_include_bookings_room_id_3(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        include_bookings_room_id_3 = _parse_include_bookings_room_id_3(
            d.pop("includeBookingsRoomId3", UNSET)
        )

        def _parse_include_bookings_room_id_4(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        include_bookings_room_id_4 = _parse_include_bookings_room_id_4(
            d.pop("includeBookingsRoomId4", UNSET)
        )

        def _parse_include_bookings_room_id_5(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        include_bookings_room_id_5 = _parse_include_bookings_room_id_5(
            d.pop("includeBookingsRoomId5", UNSET)
        )

        def _parse_include_bookings_room_id_6(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        include_bookings_room_id_6 = _parse_include_bookings_room_id_6(
            d.pop("includeBookingsRoomId6", UNSET)
        )

        def _parse_include_bookings_room_id_7(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        include_bookings_room_id_7 = _parse_include_bookings_room_id_7(
            d.pop("includeBookingsRoomId7", UNSET)
        )

        def _parse_include_bookings_room_id_8(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        include_bookings_room_id_8 = _parse_include_bookings_room_id_8(
            d.pop("includeBookingsRoomId8", UNSET)
        )

        def _parse_include_bookings_room_id_9(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        include_bookings_room_id_9 = _parse_include_bookings_room_id_9(
            d.pop("includeBookingsRoomId9", UNSET)
        )

        def _parse_include_bookings_room_id_10(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        include_bookings_room_id_10 = _parse_include_bookings_room_id_10(
            d.pop("includeBookingsRoomId10", UNSET)
        )

        def _parse_include_bookings_room_id_11(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        include_bookings_room_id_11 = _parse_include_bookings_room_id_11(
            d.pop("includeBookingsRoomId11", UNSET)
        )

        def _parse_include_bookings_room_id_12(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        include_bookings_room_id_12 = _parse_include_bookings_room_id_12(
            d.pop("includeBookingsRoomId12", UNSET)
        )

        def _parse_dependent_room_id_1(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        dependent_room_id_1 = _parse_dependent_room_id_1(
            d.pop("dependentRoomId1", UNSET)
        )

        def _parse_dependent_room_id_2(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        dependent_room_id_2 = _parse_dependent_room_id_2(
            d.pop("dependentRoomId2", UNSET)
        )

        def _parse_dependent_room_id_3(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        dependent_room_id_3 = _parse_dependent_room_id_3(
            d.pop("dependentRoomId3", UNSET)
        )

        def _parse_dependent_room_id_4(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        dependent_room_id_4 = _parse_dependent_room_id_4(
            d.pop("dependentRoomId4", UNSET)
        )

        def _parse_dependent_room_id_5(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        dependent_room_id_5 = _parse_dependent_room_id_5(
            d.pop("dependentRoomId5", UNSET)
        )

        def _parse_dependent_room_id_6(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        dependent_room_id_6 = _parse_dependent_room_id_6(
            d.pop("dependentRoomId6", UNSET)
        )

        def _parse_dependent_room_id_7(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        dependent_room_id_7 = _parse_dependent_room_id_7(
            d.pop("dependentRoomId7", UNSET)
        )

        def _parse_dependent_room_id_8(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        dependent_room_id_8 = _parse_dependent_room_id_8(
            d.pop("dependentRoomId8", UNSET)
        )

        def _parse_dependent_room_id_9(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        dependent_room_id_9 = _parse_dependent_room_id_9(
            d.pop("dependentRoomId9", UNSET)
        )

        def _parse_dependent_room_id_10(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        dependent_room_id_10 = _parse_dependent_room_id_10(
            d.pop("dependentRoomId10", UNSET)
        )

        def _parse_dependent_room_id_11(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        dependent_room_id_11 = _parse_dependent_room_id_11(
            d.pop("dependentRoomId11", UNSET)
        )

        def _parse_dependent_room_id_12(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        dependent_room_id_12 = _parse_dependent_room_id_12(
            d.pop("dependentRoomId12", UNSET)
        )

        _assign_bookings_to = d.pop("assignBookingsTo", UNSET)
        assign_bookings_to: RoomDependenciesAssignBookingsTo | Unset
        if isinstance(_assign_bookings_to, Unset):
            assign_bookings_to = UNSET
        else:
            assign_bookings_to = RoomDependenciesAssignBookingsTo.from_dict(
                _assign_bookings_to
            )

        room_dependencies = cls(
            include_sub_dependencies=include_sub_dependencies,
            combination_logic=combination_logic,
            include_bookings_room_id_1=include_bookings_room_id_1,
            include_bookings_room_id_2=include_bookings_room_id_2,
            include_bookings_room_id_3=include_bookings_room_id_3,
            include_bookings_room_id_4=include_bookings_room_id_4,
            include_bookings_room_id_5=include_bookings_room_id_5,
            include_bookings_room_id_6=include_bookings_room_id_6,
            include_bookings_room_id_7=include_bookings_room_id_7,
            include_bookings_room_id_8=include_bookings_room_id_8,
            include_bookings_room_id_9=include_bookings_room_id_9,
            include_bookings_room_id_10=include_bookings_room_id_10,
            include_bookings_room_id_11=include_bookings_room_id_11,
            include_bookings_room_id_12=include_bookings_room_id_12,
            dependent_room_id_1=dependent_room_id_1,
            dependent_room_id_2=dependent_room_id_2,
            dependent_room_id_3=dependent_room_id_3,
            dependent_room_id_4=dependent_room_id_4,
            dependent_room_id_5=dependent_room_id_5,
            dependent_room_id_6=dependent_room_id_6,
            dependent_room_id_7=dependent_room_id_7,
            dependent_room_id_8=dependent_room_id_8,
            dependent_room_id_9=dependent_room_id_9,
            dependent_room_id_10=dependent_room_id_10,
            dependent_room_id_11=dependent_room_id_11,
            dependent_room_id_12=dependent_room_id_12,
            assign_bookings_to=assign_bookings_to,
        )

        room_dependencies.additional_properties = d
        return room_dependencies

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
