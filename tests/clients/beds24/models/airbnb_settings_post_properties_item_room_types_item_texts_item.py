from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="AirbnbSettingsPostPropertiesItemRoomTypesItemTextsItem")


@_attrs_define
class AirbnbSettingsPostPropertiesItemRoomTypesItemTextsItem:
    """
    Attributes:
        language (str | Unset):  Example: en.
        name (str | Unset):
        description (str | Unset):
        space (str | Unset):
        guest_access (str | Unset):
        guest_interaction (str | Unset):
        neighborhood_overview (str | Unset):
        getting_around (str | Unset):
        other_things_to_note (str | Unset):
    """

    language: str | Unset = UNSET
    name: str | Unset = UNSET
    description: str | Unset = UNSET
    space: str | Unset = UNSET
    guest_access: str | Unset = UNSET
    guest_interaction: str | Unset = UNSET
    neighborhood_overview: str | Unset = UNSET
    getting_around: str | Unset = UNSET
    other_things_to_note: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        language = self.language

        name = self.name

        description = self.description

        space = self.space

        guest_access = self.guest_access

        guest_interaction = self.guest_interaction

        neighborhood_overview = self.neighborhood_overview

        getting_around = self.getting_around

        other_things_to_note = self.other_things_to_note

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if language is not UNSET:
            field_dict["language"] = language
        if name is not UNSET:
            field_dict["name"] = name
        if description is not UNSET:
            field_dict["description"] = description
        if space is not UNSET:
            field_dict["space"] = space
        if guest_access is not UNSET:
            field_dict["guestAccess"] = guest_access
        if guest_interaction is not UNSET:
            field_dict["guestInteraction"] = guest_interaction
        if neighborhood_overview is not UNSET:
            field_dict["neighborhoodOverview"] = neighborhood_overview
        if getting_around is not UNSET:
            field_dict["gettingAround"] = getting_around
        if other_things_to_note is not UNSET:
            field_dict["otherThingsToNote"] = other_things_to_note

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        language = d.pop("language", UNSET)

        name = d.pop("name", UNSET)

        description = d.pop("description", UNSET)

        space = d.pop("space", UNSET)

        guest_access = d.pop("guestAccess", UNSET)

        guest_interaction = d.pop("guestInteraction", UNSET)

        neighborhood_overview = d.pop("neighborhoodOverview", UNSET)

        getting_around = d.pop("gettingAround", UNSET)

        other_things_to_note = d.pop("otherThingsToNote", UNSET)

        airbnb_settings_post_properties_item_room_types_item_texts_item = cls(
            language=language,
            name=name,
            description=description,
            space=space,
            guest_access=guest_access,
            guest_interaction=guest_interaction,
            neighborhood_overview=neighborhood_overview,
            getting_around=getting_around,
            other_things_to_note=other_things_to_note,
        )

        airbnb_settings_post_properties_item_room_types_item_texts_item.additional_properties = d
        return airbnb_settings_post_properties_item_room_types_item_texts_item

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
