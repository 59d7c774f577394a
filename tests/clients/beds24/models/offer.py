from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.offer_booking_type import OfferBookingType, check_offer_booking_type
from ..models.offer_enable import OfferEnable, check_offer_enable
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.offer_allow_cancellation import OfferAllowCancellation
    from ..models.offer_minimum_stay import OfferMinimumStay


T = TypeVar("T", bound="Offer")


@_attrs_define
class Offer:
    """
    Attributes:
        offer_id (float | Unset):
        enable (OfferEnable | Unset):
        name (str | Unset):
        position (int | Unset):
        booking_type (OfferBookingType | Unset):
        minimum_stay (OfferMinimumStay | Unset):
        allow_cancellation (OfferAllowCancellation | Unset):
    """

    offer_id: float | Unset = UNSET
    enable: OfferEnable | Unset = UNSET
    name: str | Unset = UNSET
    position: int | Unset = UNSET
    booking_type: OfferBookingType | Unset = UNSET
    minimum_stay: OfferMinimumStay | Unset = UNSET
    allow_cancellation: OfferAllowCancellation | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        offer_id = self.offer_id

        enable: str | Unset = UNSET
        if not isinstance(self.enable, Unset):
            enable = self.enable

        name = self.name

        position = self.position

        booking_type: str | Unset = UNSET
        if not isinstance(self.booking_type, Unset):
            booking_type = self.booking_type

        minimum_stay: dict[str, Any] | Unset = UNSET
        if not isinstance(self.minimum_stay, Unset):
            minimum_stay = self.minimum_stay.to_dict()

        allow_cancellation: dict[str, Any] | Unset = UNSET
        if not isinstance(self.allow_cancellation, Unset):
            allow_cancellation = self.allow_cancellation.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if offer_id is not UNSET:
            field_dict["offerId"] = offer_id
        if enable is not UNSET:
            field_dict["enable"] = enable
        if name is not UNSET:
            field_dict["name"] = name
        if position is not UNSET:
            field_dict["position"] = position
        if booking_type is not UNSET:
            field_dict["bookingType"] = booking_type
        if minimum_stay is not UNSET:
            field_dict["minimumStay"] = minimum_stay
        if allow_cancellation is not UNSET:
            field_dict["allowCancellation"] = allow_cancellation

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.offer_allow_cancellation import OfferAllowCancellation
        from ..models.offer_minimum_stay import OfferMinimumStay

        d = dict(src_dict)
        offer_id = d.pop("offerId", UNSET)

        _enable = d.pop("enable", UNSET)
        enable: OfferEnable | Unset
        if isinstance(_enable, Unset):
            enable = UNSET
        else:
            enable = check_offer_enable(_enable)

        name = d.pop("name", UNSET)

        position = d.pop("position", UNSET)

        _booking_type = d.pop("bookingType", UNSET)
        booking_type: OfferBookingType | Unset
        if isinstance(_booking_type, Unset):
            booking_type = UNSET
        else:
            booking_type = check_offer_booking_type(_booking_type)

        _minimum_stay = d.pop("minimumStay", UNSET)
        minimum_stay: OfferMinimumStay | Unset
        if isinstance(_minimum_stay, Unset):
            minimum_stay = UNSET
        else:
            minimum_stay = OfferMinimumStay.from_dict(_minimum_stay)

        _allow_cancellation = d.pop("allowCancellation", UNSET)
        allow_cancellation: OfferAllowCancellation | Unset
        if isinstance(_allow_cancellation, Unset):
            allow_cancellation = UNSET
        else:
            allow_cancellation = OfferAllowCancellation.from_dict(_allow_cancellation)

        offer = cls(
            offer_id=offer_id,
            enable=enable,
            name=name,
            position=position,
            booking_type=booking_type,
            minimum_stay=minimum_stay,
            allow_cancellation=allow_cancellation,
        )

        offer.additional_properties = d
        return offer

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
