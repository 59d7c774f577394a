from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.airbnb_settings_post_properties_item_currency import (
    AirbnbSettingsPostPropertiesItemCurrency,
    check_airbnb_settings_post_properties_item_currency,
)
from ..models.airbnb_settings_post_properties_item_inquiry_and_requests import (
    AirbnbSettingsPostPropertiesItemInquiryAndRequests,
    check_airbnb_settings_post_properties_item_inquiry_and_requests,
)
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.airbnb_settings_post_properties_item_room_types_item import (
        AirbnbSettingsPostPropertiesItemRoomTypesItem,
    )


T = TypeVar("T", bound="AirbnbSettingsPostPropertiesItem")


@_attrs_define
class AirbnbSettingsPostPropertiesItem:
    """
    Attributes:
        id (int | Unset):
        multiplier (None | str | Unset):
        currency (AirbnbSettingsPostPropertiesItemCurrency | Unset):
        inquiry_and_requests (AirbnbSettingsPostPropertiesItemInquiryAndRequests | Unset):
        invoicee_id (None | str | Unset):
        room_types (list[AirbnbSettingsPostPropertiesItemRoomTypesItem] | Unset):
    """

    id: int | Unset = UNSET
    multiplier: None | str | Unset = UNSET
    currency: AirbnbSettingsPostPropertiesItemCurrency | Unset = UNSET
    inquiry_and_requests: AirbnbSettingsPostPropertiesItemInquiryAndRequests | Unset = (
        UNSET
    )
    invoicee_id: None | str | Unset = UNSET
    room_types: list[AirbnbSettingsPostPropertiesItemRoomTypesItem] | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        multiplier: None | str | Unset
        if isinstance(self.multiplier, Unset):
            multiplier = UNSET
        else:
            multiplier = self.multiplier

        currency: str | Unset = UNSET
        if not isinstance(self.currency, Unset):
            currency = self.currency

        inquiry_and_requests: str | Unset = UNSET
        if not isinstance(self.inquiry_and_requests, Unset):
            inquiry_and_requests = self.inquiry_and_requests

        invoicee_id: None | str | Unset
        if isinstance(self.invoicee_id, Unset):
            invoicee_id = UNSET
        else:
            invoicee_id = self.invoicee_id

        room_types: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.room_types, Unset):
            room_types = []
            for room_types_item_data in self.room_types:
                room_types_item = room_types_item_data.to_dict()
                room_types.append(room_types_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if id is not UNSET:
            field_dict["id"] = id
        if multiplier is not UNSET:
            field_dict["multiplier"] = multiplier
        if currency is not UNSET:
            field_dict["currency"] = currency
        if inquiry_and_requests is not UNSET:
            field_dict["inquiryAndRequests"] = inquiry_and_requests
        if invoicee_id is not UNSET:
            field_dict["invoiceeId"] = invoicee_id
        if room_types is not UNSET:
            field_dict["roomTypes"] = room_types

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.airbnb_settings_post_properties_item_room_types_item import (
            AirbnbSettingsPostPropertiesItemRoomTypesItem,
        )

        d = dict(src_dict)
        id = d.pop("id", UNSET)

        def _parse_multiplier(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        multiplier = _parse_multiplier(d.pop("multiplier", UNSET))

        _currency = d.pop("currency", UNSET)
        currency: AirbnbSettingsPostPropertiesItemCurrency | Unset
        if isinstance(_currency, Unset):
            currency = UNSET
        else:
            currency = check_airbnb_settings_post_properties_item_currency(_currency)

        _inquiry_and_requests = d.pop("inquiryAndRequests", UNSET)
        inquiry_and_requests: AirbnbSettingsPostPropertiesItemInquiryAndRequests | Unset
        if isinstance(_inquiry_and_requests, Unset):
            inquiry_and_requests = UNSET
        else:
            inquiry_and_requests = (
                check_airbnb_settings_post_properties_item_inquiry_and_requests(
                    _inquiry_and_requests
                )
            )

        def _parse_invoicee_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        invoicee_id = _parse_invoicee_id(d.pop("invoiceeId", UNSET))

        _room_types = d.pop("roomTypes", UNSET)
        room_types: list[AirbnbSettingsPostPropertiesItemRoomTypesItem] | Unset = UNSET
        if _room_types is not UNSET:
            room_types = []
            for room_types_item_data in _room_types:
                room_types_item = (
                    AirbnbSettingsPostPropertiesItemRoomTypesItem.from_dict(
                        room_types_item_data
                    )
                )

                room_types.append(room_types_item)

        airbnb_settings_post_properties_item = cls(
            id=id,
            multiplier=multiplier,
            currency=currency,
            inquiry_and_requests=inquiry_and_requests,
            invoicee_id=invoicee_id,
            room_types=room_types,
        )

        airbnb_settings_post_properties_item.additional_properties = d
        return airbnb_settings_post_properties_item

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
