from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="GetChannelsAirbnbUsersResponse200DataItemAirbnbUser")


@_attrs_define
class GetChannelsAirbnbUsersResponse200DataItemAirbnbUser:
    """
    Attributes:
        airbnb_user_id (str | Unset):
        first_name (str | Unset):
        picture (str | Unset):
    """

    airbnb_user_id: str | Unset = UNSET
    first_name: str | Unset = UNSET
    picture: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        airbnb_user_id = self.airbnb_user_id

        first_name = self.first_name

        picture = self.picture

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if airbnb_user_id is not UNSET:
            field_dict["airbnbUserId"] = airbnb_user_id
        if first_name is not UNSET:
            field_dict["firstName"] = first_name
        if picture is not UNSET:
            field_dict["picture"] = picture

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        airbnb_user_id = d.pop("airbnbUserId", UNSET)

        first_name = d.pop("firstName", UNSET)

        picture = d.pop("picture", UNSET)

        get_channels_airbnb_users_response_200_data_item_airbnb_user = cls(
            airbnb_user_id=airbnb_user_id,
            first_name=first_name,
            picture=picture,
        )

        get_channels_airbnb_users_response_200_data_item_airbnb_user.additional_properties = d
        return get_channels_airbnb_users_response_200_data_item_airbnb_user

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
