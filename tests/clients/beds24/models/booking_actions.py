from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.booking_actions_actions import BookingActionsActions


T = TypeVar("T", bound="BookingActions")


@_attrs_define
class BookingActions:
    """
    Attributes:
        actions (BookingActionsActions | Unset):
    """

    actions: BookingActionsActions | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        actions: dict[str, Any] | Unset = UNSET
        if not isinstance(self.actions, Unset):
            actions = self.actions.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if actions is not UNSET:
            field_dict["actions"] = actions

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.booking_actions_actions import BookingActionsActions

        d = dict(src_dict)
        _actions = d.pop("actions", UNSET)
        actions: BookingActionsActions | Unset
        if isinstance(_actions, Unset):
            actions = UNSET
        else:
            actions = BookingActionsActions.from_dict(_actions)

        booking_actions = cls(
            actions=actions,
        )

        booking_actions.additional_properties = d
        return booking_actions

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
