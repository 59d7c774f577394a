from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.airbnb_listing_airbnb_listing import AirbnbListingAirbnbListing


T = TypeVar("T", bound="AirbnbListing")


@_attrs_define
class AirbnbListing:
    """
    Attributes:
        room_id (int | Unset):
        name (str | Unset):
        enabled (bool | Unset):
        airbnb_listing (AirbnbListingAirbnbListing | Unset):
    """

    room_id: int | Unset = UNSET
    name: str | Unset = UNSET
    enabled: bool | Unset = UNSET
    airbnb_listing: AirbnbListingAirbnbListing | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        room_id = self.room_id

        name = self.name

        enabled = self.enabled

        airbnb_listing: dict[str, Any] | Unset = UNSET
        if not isinstance(self.airbnb_listing, Unset):
            airbnb_listing = self.airbnb_listing.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if room_id is not UNSET:
            field_dict["roomId"] = room_id
        if name is not UNSET:
            field_dict["name"] = name
        if enabled is not UNSET:
            field_dict["enabled"] = enabled
        if airbnb_listing is not UNSET:
            field_dict["airbnbListing"] = airbnb_listing

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.airbnb_listing_airbnb_listing import AirbnbListingAirbnbListing

        d = dict(src_dict)
        room_id = d.pop("roomId", UNSET)

        name = d.pop("name", UNSET)

        enabled = d.pop("enabled", UNSET)

        _airbnb_listing = d.pop("airbnbListing", UNSET)
        airbnb_listing: AirbnbListingAirbnbListing | Unset
        if isinstance(_airbnb_listing, Unset):
            airbnb_listing = UNSET
        else:
            airbnb_listing = AirbnbListingAirbnbListing.from_dict(_airbnb_listing)

        airbnb_listing = cls(
            room_id=room_id,
            name=name,
            enabled=enabled,
            airbnb_listing=airbnb_listing,
        )

        airbnb_listing.additional_properties = d
        return airbnb_listing

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
