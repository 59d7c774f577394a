from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.airbnb_listing_airbnb_listing_amenities_item_amenityname import (
        AirbnbListingAirbnbListingAmenitiesItemAMENITYNAME,
    )


T = TypeVar("T", bound="AirbnbListingAirbnbListingAmenitiesItem")


@_attrs_define
class AirbnbListingAirbnbListingAmenitiesItem:
    """
    Attributes:
        amenity_name (AirbnbListingAirbnbListingAmenitiesItemAMENITYNAME | Unset):
    """

    amenity_name: AirbnbListingAirbnbListingAmenitiesItemAMENITYNAME | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        amenity_name: dict[str, Any] | Unset = UNSET
        if not isinstance(self.amenity_name, Unset):
            amenity_name = self.amenity_name.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if amenity_name is not UNSET:
            field_dict["AMENITY_NAME"] = amenity_name

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.airbnb_listing_airbnb_listing_amenities_item_amenityname import (
            AirbnbListingAirbnbListingAmenitiesItemAMENITYNAME,
        )

        d = dict(src_dict)
        _amenity_name = d.pop("AMENITY_NAME", UNSET)
        amenity_name: AirbnbListingAirbnbListingAmenitiesItemAMENITYNAME | Unset
        if isinstance(_amenity_name, Unset):
            amenity_name = UNSET
        else:
            amenity_name = AirbnbListingAirbnbListingAmenitiesItemAMENITYNAME.from_dict(
                _amenity_name
            )

        airbnb_listing_airbnb_listing_amenities_item = cls(
            amenity_name=amenity_name,
        )

        airbnb_listing_airbnb_listing_amenities_item.additional_properties = d
        return airbnb_listing_airbnb_listing_amenities_item

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
