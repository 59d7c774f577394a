from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.get_channels_airbnb_users_response_200_data_item_airbnb_user import (
        GetChannelsAirbnbUsersResponse200DataItemAirbnbUser,
    )


T = TypeVar("T", bound="GetChannelsAirbnbUsersResponse200DataItem")


@_attrs_define
class GetChannelsAirbnbUsersResponse200DataItem:
    """
    Attributes:
        airbnb_user (GetChannelsAirbnbUsersResponse200DataItemAirbnbUser | Unset):
    """

    airbnb_user: GetChannelsAirbnbUsersResponse200DataItemAirbnbUser | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        airbnb_user: dict[str, Any] | Unset = UNSET
        if not isinstance(self.airbnb_user, Unset):
            airbnb_user = self.airbnb_user.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if airbnb_user is not UNSET:
            field_dict["airbnbUser"] = airbnb_user

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.get_channels_airbnb_users_response_200_data_item_airbnb_user import (
            GetChannelsAirbnbUsersResponse200DataItemAirbnbUser,
        )

        d = dict(src_dict)
        _airbnb_user = d.pop("airbnbUser", UNSET)
        airbnb_user: GetChannelsAirbnbUsersResponse200DataItemAirbnbUser | Unset
        if isinstance(_airbnb_user, Unset):
            airbnb_user = UNSET
        else:
            airbnb_user = GetChannelsAirbnbUsersResponse200DataItemAirbnbUser.from_dict(
                _airbnb_user
            )

        get_channels_airbnb_users_response_200_data_item = cls(
            airbnb_user=airbnb_user,
        )

        get_channels_airbnb_users_response_200_data_item.additional_properties = d
        return get_channels_airbnb_users_response_200_data_item

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
