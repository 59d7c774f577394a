from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.stripe_create_session_line_items_item import (
        StripeCreateSessionLineItemsItem,
    )


T = TypeVar("T", bound="StripeCreateSession")


@_attrs_define
class StripeCreateSession:
    """
    Attributes:
        action (str | Unset):
        booking_id (int | Unset):
        line_items (list[StripeCreateSessionLineItemsItem] | Unset):
        success_url (str | Unset):
        cancel_url (str | Unset):
        capture (bool | Unset):
    """

    action: str | Unset = UNSET
    booking_id: int | Unset = UNSET
    line_items: list[StripeCreateSessionLineItemsItem] | Unset = UNSET
    success_url: str | Unset = UNSET
    cancel_url: str | Unset = UNSET
    capture: bool | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        action = self.action

        booking_id = self.booking_id

        line_items: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.line_items, Unset):
            line_items = []
            for line_items_item_data in self.line_items:
                line_items_item = line_items_item_data.to_dict()
                line_items.append(line_items_item)

        success_url = self.success_url

        cancel_url = self.cancel_url

        capture = self.capture

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if action is not UNSET:
            field_dict["action"] = action
        if booking_id is not UNSET:
            field_dict["bookingId"] = booking_id
        if line_items is not UNSET:
            field_dict["line_items"] = line_items
        if success_url is not UNSET:
            field_dict["success_url"] = success_url
        if cancel_url is not UNSET:
            field_dict["cancel_url"] = cancel_url
        if capture is not UNSET:
            field_dict["capture"] = capture

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.stripe_create_session_line_items_item import (
            StripeCreateSessionLineItemsItem,
        )

        d = dict(src_dict)
        action = d.pop("action", UNSET)

        booking_id = d.pop("bookingId", UNSET)

        _line_items = d.pop("line_items", UNSET)
        line_items: list[StripeCreateSessionLineItemsItem] | Unset = UNSET
        if _line_items is not UNSET:
            line_items = []
            for line_items_item_data in _line_items:
                line_items_item = StripeCreateSessionLineItemsItem.from_dict(
                    line_items_item_data
                )

                line_items.append(line_items_item)

        success_url = d.pop("success_url", UNSET)

        cancel_url = d.pop("cancel_url", UNSET)

        capture = d.pop("capture", UNSET)

        stripe_create_session = cls(
            action=action,
            booking_id=booking_id,
            line_items=line_items,
            success_url=success_url,
            cancel_url=cancel_url,
            capture=capture,
        )

        stripe_create_session.additional_properties = d
        return stripe_create_session

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
