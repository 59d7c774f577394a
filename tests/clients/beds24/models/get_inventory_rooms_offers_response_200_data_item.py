from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.offer_response import OfferResponse


T = TypeVar("T", bound="GetInventoryRoomsOffersResponse200DataItem")


@_attrs_define
class GetInventoryRoomsOffersResponse200DataItem:
    """
    Attributes:
        room_id (int | Unset):
        property_id (int | Unset):
        offers (list[OfferResponse] | Unset):
    """

    room_id: int | Unset = UNSET
    property_id: int | Unset = UNSET
    offers: list[OfferResponse] | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        room_id = self.room_id

        property_id = self.property_id

        offers: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.offers, Unset):
            offers = []
            for offers_item_data in self.offers:
                offers_item = offers_item_data.to_dict()
                offers.append(offers_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if room_id is not UNSET:
            field_dict["roomId"] = room_id
        if property_id is not UNSET:
            field_dict["propertyId"] = property_id
        if offers is not UNSET:
            field_dict["offers"] = offers

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.offer_response import OfferResponse

        d = dict(src_dict)
        room_id = d.pop("roomId", UNSET)

        property_id = d.pop("propertyId", UNSET)

        _offers = d.pop("offers", UNSET)
        offers: list[OfferResponse] | Unset = UNSET
        if _offers is not UNSET:
            offers = []
            for offers_item_data in _offers:
                offers_item = OfferResponse.from_dict(offers_item_data)

                offers.append(offers_item)

        get_inventory_rooms_offers_response_200_data_item = cls(
            room_id=room_id,
            property_id=property_id,
            offers=offers,
        )

        get_inventory_rooms_offers_response_200_data_item.additional_properties = d
        return get_inventory_rooms_offers_response_200_data_item

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
