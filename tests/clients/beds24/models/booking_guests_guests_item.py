from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="BookingGuestsGuestsItem")


@_attrs_define
class BookingGuestsGuestsItem:
    """
    Attributes:
        id (int | Unset):
        title (str | Unset):
        first_name (str | Unset):
        last_name (str | Unset):
        email (str | Unset):
        phone (str | Unset):
        mobile (str | Unset):
        company (str | Unset):
        address (str | Unset):
        city (str | Unset):
        state (str | Unset):
        postcode (str | Unset):
        country (str | Unset):
        country2 (str | Unset):
        flag_text (str | Unset):
        flag_color (str | Unset):
        note (str | Unset):
        custom1 (str | Unset):
        custom2 (str | Unset):
        custom3 (str | Unset):
        custom4 (str | Unset):
        custom5 (str | Unset):
        custom6 (str | Unset):
        custom7 (str | Unset):
        custom8 (str | Unset):
        custom9 (str | Unset):
        custom10 (str | Unset):
    """

    id: int | Unset = UNSET
    title: str | Unset = UNSET
    first_name: str | Unset = UNSET
    last_name: str | Unset = UNSET
    email: str | Unset = UNSET
    phone: str | Unset = UNSET
    mobile: str | Unset = UNSET
    company: str | Unset = UNSET
    address: str | Unset = UNSET
    city: str | Unset = UNSET
    state: str | Unset = UNSET
    postcode: str | Unset = UNSET
    country: str | Unset = UNSET
    country2: str | Unset = UNSET
    flag_text: str | Unset = UNSET
    flag_color: str | Unset = UNSET
    note: str | Unset = UNSET
    custom1: str | Unset = UNSET
    custom2: str | Unset = UNSET
    custom3: str | Unset = UNSET
    custom4: str | Unset = UNSET
    custom5: str | Unset = UNSET
    custom6: str | Unset = UNSET
    custom7: str | Unset = UNSET
    custom8: str | Unset = UNSET
    custom9: str | Unset = UNSET
    custom10: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        title = self.title

        first_name = self.first_name

        last_name = self.last_name

        email = self.email

        phone = self.phone

        mobile = self.mobile

        company = self.company

        address = self.address

        city = self.city

        state = self.state

        postcode = self.postcode

        country = self.country

        country2 = self.country2

        flag_text = self.flag_text

        flag_color = self.flag_color

        note = self.note

        custom1 = self.custom1

        custom2 = self.custom2

        custom3 = self.custom3

        custom4 = self.custom4

        custom5 = self.custom5

        custom6 = self.custom6

        custom7 = self.custom7

        custom8 = self.custom8

        custom9 = self.custom9

        custom10 = self.custom10

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if id is not UNSET:
            field_dict["id"] = id
        if title is not UNSET:
            field_dict["title"] = title
        if first_name is not UNSET:
            field_dict["firstName"] = first_name
        if last_name is not UNSET:
            field_dict["lastName"] = last_name
        if email is not UNSET:
            field_dict["email"] = email
        if phone is not UNSET:
            field_dict["phone"] = phone
        if mobile is not UNSET:
            field_dict["mobile"] = mobile
        if company is not UNSET:
            field_dict["company"] = company
        if address is not UNSET:
            field_dict["address"] = address
        if city is not UNSET:
            field_dict["city"] = city
        if state is not UNSET:
            field_dict["state"] = state
        if postcode is not UNSET:
            field_dict["postcode"] = postcode
        if country is not UNSET:
            field_dict["country"] = country
        if country2 is not UNSET:
            field_dict["country2"] = country2
        if flag_text is not UNSET:
            field_dict["flagText"] = flag_text
        if flag_color is not UNSET:
            field_dict["flagColor"] = flag_color
        if note is not UNSET:
            field_dict["note"] = note
        if custom1 is not UNSET:
            field_dict["custom1"] = custom1
        if custom2 is not UNSET:
            field_dict["custom2"] = custom2
        if custom3 is not UNSET:
            field_dict["custom3"] = custom3
        if custom4 is not UNSET:
            field_dict["custom4"] = custom4
        if custom5 is not UNSET:
            field_dict["custom5"] = custom5
        if custom6 is not UNSET:
            field_dict["custom6"] = custom6
        if custom7 is not UNSET:
            field_dict["custom7"] = custom7
        if custom8 is not UNSET:
            field_dict["custom8"] = custom8
        if custom9 is not UNSET:
            field_dict["custom9"] = custom9
        if custom10 is not UNSET:
            field_dict["custom10"] = custom10

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        id = d.pop("id", UNSET)

        title = d.pop("title", UNSET)

        first_name = d.pop("firstName", UNSET)

        last_name = d.pop("lastName", UNSET)

        email = d.pop("email", UNSET)

        phone = d.pop("phone", UNSET)

        mobile = d.pop("mobile", UNSET)

        company = d.pop("company", UNSET)

        address = d.pop("address", UNSET)

        city = d.pop("city", UNSET)

        state = d.pop("state", UNSET)

        postcode = d.pop("postcode", UNSET)

        country = d.pop("country", UNSET)

        country2 = d.pop("country2", UNSET)

        flag_text = d.pop("flagText", UNSET)

        flag_color = d.pop("flagColor", UNSET)

        note = d.pop("note", UNSET)

        custom1 = d.pop("custom1", UNSET)

        custom2 = d.pop("custom2", UNSET)

        custom3 = d.pop("custom3", UNSET)

        custom4 = d.pop("custom4", UNSET)

        custom5 = d.pop("custom5", UNSET)

        custom6 = d.pop("custom6", UNSET)

        custom7 = d.pop("custom7", UNSET)

        custom8 = d.pop("custom8", UNSET)

        custom9 = d.pop("custom9", UNSET)

        custom10 = d.pop("custom10", UNSET)

        booking_guests_guests_item = cls(
            id=id,
            title=title,
            first_name=first_name,
            last_name=last_name,
            email=email,
            phone=phone,
            mobile=mobile,
            company=company,
            address=address,
            city=city,
            state=state,
            postcode=postcode,
            country=country,
            country2=country2,
            flag_text=flag_text,
            flag_color=flag_color,
            note=note,
            custom1=custom1,
            custom2=custom2,
            custom3=custom3,
            custom4=custom4,
            custom5=custom5,
            custom6=custom6,
            custom7=custom7,
            custom8=custom8,
            custom9=custom9,
            custom10=custom10,
        )

        booking_guests_guests_item.additional_properties = d
        return booking_guests_guests_item

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
