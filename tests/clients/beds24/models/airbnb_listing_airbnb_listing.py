from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.airbnb_listing_airbnb_listing_amenities_item import (
        AirbnbListingAirbnbListingAmenitiesItem,
    )
    from ..models.airbnb_listing_airbnb_listing_check_in_option import (
        AirbnbListingAirbnbListingCheckInOption,
    )


T = TypeVar("T", bound="AirbnbListingAirbnbListing")


@_attrs_define
class AirbnbListingAirbnbListing:
    """
    Attributes:
        id (str | Unset):
        name (str | Unset):
        property_type_category (str | Unset):
        room_type_category (str | Unset):
        bedrooms (int | Unset):
        bathrooms (int | Unset):
        beds (int | Unset):
        check_in_option (AirbnbListingAirbnbListingCheckInOption | Unset):
        has_availability (bool | Unset):
        street (str | Unset):
        city (str | Unset):
        state (str | Unset):
        zipcode (str | Unset):
        country_code (str | Unset):
        lat (float | Unset):
        lng (float | Unset):
        directions (str | Unset):
        person_capacity (int | Unset):
        synchronization_category (str | Unset):
        listing_nickname (str | Unset):
        tier (str | Unset):
        display_exact_location_to_guest (bool | Unset):
        house_manual (str | Unset):
        amenities (list[AirbnbListingAirbnbListingAmenitiesItem] | Unset):
        rate_plan_enabled (bool | Unset):
    """

    id: str | Unset = UNSET
    name: str | Unset = UNSET
    property_type_category: str | Unset = UNSET
    room_type_category: str | Unset = UNSET
    bedrooms: int | Unset = UNSET
    bathrooms: int | Unset = UNSET
    beds: int | Unset = UNSET
    check_in_option: AirbnbListingAirbnbListingCheckInOption | Unset = UNSET
    has_availability: bool | Unset = UNSET
    street: str | Unset = UNSET
    city: str | Unset = UNSET
    state: str | Unset = UNSET
    zipcode: str | Unset = UNSET
    country_code: str | Unset = UNSET
    lat: float | Unset = UNSET
    lng: float | Unset = UNSET
    directions: str | Unset = UNSET
    person_capacity: int | Unset = UNSET
    synchronization_category: str | Unset = UNSET
    listing_nickname: str | Unset = UNSET
    tier: str | Unset = UNSET
    display_exact_location_to_guest: bool | Unset = UNSET
    house_manual: str | Unset = UNSET
    amenities: list[AirbnbListingAirbnbListingAmenitiesItem] | Unset = UNSET
    rate_plan_enabled: bool | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        name = self.name

        property_type_category = self.property_type_category

        room_type_category = self.room_type_category

        bedrooms = self.bedrooms

        bathrooms = self.bathrooms

        beds = self.beds

        check_in_option: dict[str, Any] | Unset = UNSET
        if not isinstance(self.check_in_option, Unset):
            check_in_option = self.check_in_option.to_dict()

        has_availability = self.has_availability

        street = self.street

        city = self.city

        state = self.state

        zipcode = self.zipcode

        country_code = self.country_code

        lat = self.lat

        lng = self.lng

        directions = self.directions

        person_capacity = self.person_capacity

        synchronization_category = self.synchronization_category

        listing_nickname = self.listing_nickname

        tier = self.tier

        display_exact_location_to_guest = self.display_exact_location_to_guest

        house_manual = self.house_manual

        amenities: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.amenities, Unset):
            amenities = []
            for amenities_item_data in self.amenities:
                amenities_item = amenities_item_data.to_dict()
                amenities.append(amenities_item)

        rate_plan_enabled = self.rate_plan_enabled

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if id is not UNSET:
            field_dict["id"] = id
        if name is not UNSET:
            field_dict["name"] = name
        if property_type_category is not UNSET:
            field_dict["property_type_category"] = property_type_category
        if room_type_category is not UNSET:
            field_dict["room_type_category"] = room_type_category
        if bedrooms is not UNSET:
            field_dict["bedrooms"] = bedrooms
        if bathrooms is not UNSET:
            field_dict["bathrooms"] = bathrooms
        if beds is not UNSET:
            field_dict["beds"] = beds
        if check_in_option is not UNSET:
            field_dict["check_in_option"] = check_in_option
        if has_availability is not UNSET:
            field_dict["has_availability"] = has_availability
        if street is not UNSET:
            field_dict["street"] = street
        if city is not UNSET:
            field_dict["city"] = city
        if state is not UNSET:
            field_dict["state"] = state
        if zipcode is not UNSET:
            field_dict["zipcode"] = zipcode
        if country_code is not UNSET:
            field_dict["country_code"] = country_code
        if lat is not UNSET:
            field_dict["lat"] = lat
        if lng is not UNSET:
            field_dict["lng"] = lng
        if directions is not UNSET:
            field_dict["directions"] = directions
        if person_capacity is not UNSET:
            field_dict["person_capacity"] = person_capacity
        if synchronization_category is not UNSET:
            field_dict["synchronization_category"] = synchronization_category
        if listing_nickname is not UNSET:
            field_dict["listing_nickname"] = listing_nickname
        if tier is not UNSET:
            field_dict["tier"] = tier
        if display_exact_location_to_guest is not UNSET:
            field_dict["display_exact_location_to_guest"] = (
                display_exact_location_to_guest
            )
        if house_manual is not UNSET:
            field_dict["house_manual"] = house_manual
        if amenities is not UNSET:
            field_dict["amenities"] = amenities
        if rate_plan_enabled is not UNSET:
            field_dict["rate_plan_enabled"] = rate_plan_enabled

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.airbnb_listing_airbnb_listing_amenities_item import (
            AirbnbListingAirbnbListingAmenitiesItem,
        )
        from ..models.airbnb_listing_airbnb_listing_check_in_option import (
            AirbnbListingAirbnbListingCheckInOption,
        )

        d = dict(src_dict)
        id = d.pop("id", UNSET)

        name = d.pop("name", UNSET)

        property_type_category = d.pop("property_type_category", UNSET)

        room_type_category = d.pop("room_type_category", UNSET)

        bedrooms = d.pop("bedrooms", UNSET)

        bathrooms = d.pop("bathrooms", UNSET)

        beds = d.pop("beds", UNSET)

        _check_in_option = d.pop("check_in_option", UNSET)
        check_in_option: AirbnbListingAirbnbListingCheckInOption | Unset
        if isinstance(_check_in_option, Unset):
            check_in_option = UNSET
        else:
            check_in_option = AirbnbListingAirbnbListingCheckInOption.from_dict(
                _check_in_option
            )

        has_availability = d.pop("has_availability", UNSET)

        street = d.pop("street", UNSET)

        city = d.pop("city", UNSET)

        state = d.pop("state", UNSET)

        zipcode = d.pop("zipcode", UNSET)

        country_code = d.pop("country_code", UNSET)

        lat = d.pop("lat", UNSET)

        lng = d.pop("lng", UNSET)

        directions = d.pop("directions", UNSET)

        person_capacity = d.pop("person_capacity", UNSET)

        synchronization_category = d.pop("synchronization_category", UNSET)

        listing_nickname = d.pop("listing_nickname", UNSET)

        tier = d.pop("tier", UNSET)

        display_exact_location_to_guest = d.pop(
            "display_exact_location_to_guest", UNSET
        )

        house_manual = d.pop("house_manual", UNSET)

        _amenities = d.pop("amenities", UNSET)
        amenities: list[AirbnbListingAirbnbListingAmenitiesItem] | Unset = UNSET
        if _amenities is not UNSET:
            amenities = []
            for amenities_item_data in _amenities:
                amenities_item = AirbnbListingAirbnbListingAmenitiesItem.from_dict(
                    amenities_item_data
                )

                amenities.append(amenities_item)

        rate_plan_enabled = d.pop("rate_plan_enabled", UNSET)

        airbnb_listing_airbnb_listing = cls(
            id=id,
            name=name,
            property_type_category=property_type_category,
            room_type_category=room_type_category,
            bedrooms=bedrooms,
            bathrooms=bathrooms,
            beds=beds,
            check_in_option=check_in_option,
            has_availability=has_availability,
            street=street,
            city=city,
            state=state,
            zipcode=zipcode,
            country_code=country_code,
            lat=lat,
            lng=lng,
            directions=directions,
            person_capacity=person_capacity,
            synchronization_category=synchronization_category,
            listing_nickname=listing_nickname,
            tier=tier,
            display_exact_location_to_guest=display_exact_location_to_guest,
            house_manual=house_manual,
            amenities=amenities,
            rate_plan_enabled=rate_plan_enabled,
        )

        airbnb_listing_airbnb_listing.additional_properties = d
        return airbnb_listing_airbnb_listing

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
