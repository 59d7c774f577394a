from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.get_channels_airbnb_users_response_200_data_item import (
        GetChannelsAirbnbUsersResponse200DataItem,
    )
    from ..models.pages import Pages


T = TypeVar("T", bound="GetChannelsAirbnbUsersResponse200")


@_attrs_define
class GetChannelsAirbnbUsersResponse200:
    """
    Attributes:
        success (bool):
        type_ (str | Unset):  Example: airbnbUser.
        count (int | Unset):
        pages (Pages | Unset):
        data (list[GetChannelsAirbnbUsersResponse200DataItem] | Unset):
    """

    success: bool
    type_: str | Unset = UNSET
    count: int | Unset = UNSET
    pages: Pages | Unset = UNSET
    data: list[GetChannelsAirbnbUsersResponse200DataItem] | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        success = self.success

        type_ = self.type_

        count = self.count

        pages: dict[str, Any] | Unset = UNSET
        if not isinstance(self.pages, Unset):
            pages = self.pages.to_dict()

        data: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.data, Unset):
            data = []
            for data_item_data in self.data:
                data_item = data_item_data.to_dict()
                data.append(data_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "success": success,
            }
        )
        if type_ is not UNSET:
            field_dict["type"] = type_
        if count is not UNSET:
            field_dict["count"] = count
        if pages is not UNSET:
            field_dict["pages"] = pages
        if data is not UNSET:
            field_dict["data"] = data

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.get_channels_airbnb_users_response_200_data_item import (
            GetChannelsAirbnbUsersResponse200DataItem,
        )
        from ..models.pages import Pages

        d = dict(src_dict)
        success = d.pop("success")

        type_ = d.pop("type", UNSET)

        count = d.pop("count", UNSET)

        _pages = d.pop("pages", UNSET)
        pages: Pages | Unset
        if isinstance(_pages, Unset):
            pages = UNSET
        else:
            pages = Pages.from_dict(_pages)

        _data = d.pop("data", UNSET)
        data: list[GetChannelsAirbnbUsersResponse200DataItem] | Unset = UNSET
        if _data is not UNSET:
            data = []
            for data_item_data in _data:
                data_item = GetChannelsAirbnbUsersResponse200DataItem.from_dict(
                    data_item_data
                )

                data.append(data_item)

        get_channels_airbnb_users_response_200 = cls(
            success=success,
            type_=type_,
            count=count,
            pages=pages,
            data=data,
        )

        get_channels_airbnb_users_response_200.additional_properties = d
        return get_channels_airbnb_users_response_200

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
