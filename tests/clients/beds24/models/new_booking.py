from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.new_booking_status import NewBookingStatus, check_new_booking_status
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.invoice_item_post import InvoiceItemPost
    from ..models.new_booking_info_items_item import NewBookingInfoItemsItem


T = TypeVar("T", bound="NewBooking")


@_attrs_define
class NewBooking:
    """
    Attributes:
        room_id (int):
        arrival (datetime.date):  Example: 2021-01-01.
        departure (datetime.date):  Example: 2021-01-05.
        master_id (int | Unset): The ID of the booking group's master booking. If set to null then the booking is not in
            a group. Can be changed to add/remove the booking to a group. Example: 1234567.
        unit_id (int | Unset):
        room_qty (int | Unset):
        status (NewBookingStatus | Unset):
        num_adult (int | Unset):
        num_child (int | Unset):
        title (str | Unset):
        first_name (str | Unset):
        last_name (str | Unset):
        email (str | Unset):
        phone (str | Unset):
        mobile (str | Unset):
        fax (str | Unset):
        company (str | Unset):
        address (str | Unset):
        city (str | Unset):
        state (str | Unset):
        postcode (str | Unset):
        country (str | Unset): Free text country field Example: Germany.
        country2 (None | str | Unset): 2 letter country selector Example: DE.
        arrival_time (str | Unset):
        voucher (str | Unset):
        comments (str | Unset):
        notes (str | Unset):
        message (str | Unset):
        group_note (None | str | Unset):
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
        flag_color (str | Unset): Must be a 6 character hexadecimal color or an empty string.
        flag_text (str | Unset):
        lang (str | Unset):  Example: en.
        price (float | Unset):
        deposit (float | Unset):
        tax (float | Unset):
        commission (float | Unset):
        referer_editable (str | Unset):
        rate_description (str | Unset):
        invoicee_id (int | None | Unset):  Example: 1234567.
        stripe_token (None | str | Unset):
        pcibooking_token (None | str | Unset):
        api_message (str | Unset):
        invoice_items (list[InvoiceItemPost] | Unset):
        info_items (list[NewBookingInfoItemsItem] | Unset):
    """

    room_id: int
    arrival: datetime.date
    departure: datetime.date
    master_id: int | Unset = UNSET
    unit_id: int | Unset = UNSET
    room_qty: int | Unset = UNSET
    status: NewBookingStatus | Unset = UNSET
    num_adult: int | Unset = UNSET
    num_child: int | Unset = UNSET
    title: str | Unset = UNSET
    first_name: str | Unset = UNSET
    last_name: str | Unset = UNSET
    email: str | Unset = UNSET
    phone: str | Unset = UNSET
    mobile: str | Unset = UNSET
    fax: str | Unset = UNSET
    company: str | Unset = UNSET
    address: str | Unset = UNSET
    city: str | Unset = UNSET
    state: str | Unset = UNSET
    postcode: str | Unset = UNSET
    country: str | Unset = UNSET
    country2: None | str | Unset = UNSET
    arrival_time: str | Unset = UNSET
    voucher: str | Unset = UNSET
    comments: str | Unset = UNSET
    notes: str | Unset = UNSET
    message: str | Unset = UNSET
    group_note: None | str | Unset = UNSET
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
    flag_color: str | Unset = UNSET
    flag_text: str | Unset = UNSET
    lang: str | Unset = UNSET
    price: float | Unset = UNSET
    deposit: float | Unset = UNSET
    tax: float | Unset = UNSET
    commission: float | Unset = UNSET
    referer_editable: str | Unset = UNSET
    rate_description: str | Unset = UNSET
    invoicee_id: int | None | Unset = UNSET
    stripe_token: None | str | Unset = UNSET
    pcibooking_token: None | str | Unset = UNSET
    api_message: str | Unset = UNSET
    invoice_items: list[InvoiceItemPost] | Unset = UNSET
    info_items: list[NewBookingInfoItemsItem] | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        room_id = self.room_id

        arrival = self.arrival.isoformat()

        departure = self.departure.isoformat()

        master_id = self.master_id

        unit_id = self.unit_id

        room_qty = self.room_qty

        status: str | Unset = UNSET
        if not isinstance(self.status, Unset):
            status = self.status

        num_adult = self.num_adult

        num_child = self.num_child

        title = self.title

        first_name = self.first_name

        last_name = self.last_name

        email = self.email

        phone = self.phone

        mobile = self.mobile

        fax = self.fax

        company = self.company

        address = self.address

        city = self.city

        state = self.state

        postcode = self.postcode

        country = self.country

        country2: None | str | Unset
        if isinstance(self.country2, Unset):
            country2 = UNSET
        else:
            country2 = self.country2

        arrival_time = self.arrival_time

        voucher = self.voucher

        comments = self.comments

        notes = self.notes

        message = self.message

        group_note: None | str | Unset
        if isinstance(self.group_note, Unset):
            group_note = UNSET
        else:
            group_note = self.group_note

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

        flag_color = self.flag_color

        flag_text = self.flag_text

        lang = self.lang

        price = self.price

        deposit = self.deposit

        tax = self.tax

        commission = self.commission

        referer_editable = self.referer_editable

        rate_description = self.rate_description

        invoicee_id: int | None | Unset
        if isinstance(self.invoicee_id, Unset):
            invoicee_id = UNSET
        else:
            invoicee_id = self.invoicee_id

        stripe_token: None | str | Unset
        if isinstance(self.stripe_token, Unset):
            stripe_token = UNSET
        else:
            stripe_token = self.stripe_token

        pcibooking_token: None | str | Unset
        if isinstance(self.pcibooking_token, Unset):
            pcibooking_token = UNSET
        else:
            pcibooking_token = self.pcibooking_token

        api_message = self.api_message

        invoice_items: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.invoice_items, Unset):
            invoice_items = []
            for invoice_items_item_data in self.invoice_items:
                invoice_items_item = invoice_items_item_data.to_dict()
                invoice_items.append(invoice_items_item)

        info_items: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.info_items, Unset):
            info_items = []
            for info_items_item_data in self.info_items:
                info_items_item = info_items_item_data.to_dict()
                info_items.append(info_items_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "roomId": room_id,
                "arrival": arrival,
                "departure": departure,
            }
        )
        if master_id is not UNSET:
            field_dict["masterId"] = master_id
        if unit_id is not UNSET:
            field_dict["unitId"] = unit_id
        if room_qty is not UNSET:
            field_dict["roomQty"] = room_qty
        if status is not UNSET:
            field_dict["status"] = status
        if num_adult is not UNSET:
            field_dict["numAdult"] = num_adult
        if num_child is not UNSET:
            field_dict["numChild"] = num_child
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
        if fax is not UNSET:
            field_dict["fax"] = fax
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
        if arrival_time is not UNSET:
            field_dict["arrivalTime"] = arrival_time
        if voucher is not UNSET:
            field_dict["voucher"] = voucher
        if comments is not UNSET:
            field_dict["comments"] = comments
        if notes is not UNSET:
            field_dict["notes"] = notes
        if message is not UNSET:
            field_dict["message"] = message
        if group_note is not UNSET:
            field_dict["groupNote"] = group_note
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
        if flag_color is not UNSET:
            field_dict["flagColor"] = flag_color
        if flag_text is not UNSET:
            field_dict["flagText"] = flag_text
        if lang is not UNSET:
            field_dict["lang"] = lang
        if price is not UNSET:
            field_dict["price"] = price
        if deposit is not UNSET:
            field_dict["deposit"] = deposit
        if tax is not UNSET:
            field_dict["tax"] = tax
        if commission is not UNSET:
            field_dict["commission"] = commission
        if referer_editable is not UNSET:
            field_dict["refererEditable"] = referer_editable
        if rate_description is not UNSET:
            field_dict["rateDescription"] = rate_description
        if invoicee_id is not UNSET:
            field_dict["invoiceeId"] = invoicee_id
        if stripe_token is not UNSET:
            field_dict["stripeToken"] = stripe_token
        if pcibooking_token is not UNSET:
            field_dict["pcibookingToken"] = pcibooking_token
        if api_message is not UNSET:
            field_dict["apiMessage"] = api_message
        if invoice_items is not UNSET:
            field_dict["invoiceItems"] = invoice_items
        if info_items is not UNSET:
            field_dict["infoItems"] = info_items

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.invoice_item_post import InvoiceItemPost
        from ..models.new_booking_info_items_item import NewBookingInfoItemsItem

        d = dict(src_dict)
        room_id = d.pop("roomId")

        arrival = datetime.date.fromisoformat(d.pop("arrival"))

        departure = datetime.date.fromisoformat(d.pop("departure"))

        master_id = d.pop("masterId", UNSET)

        unit_id = d.pop("unitId", UNSET)

        room_qty = d.pop("roomQty", UNSET)

        _status = d.pop("status", UNSET)
        status: NewBookingStatus | Unset
        if isinstance(_status, Unset):
            status = UNSET
        else:
            status = check_new_booking_status(_status)

        num_adult = d.pop("numAdult", UNSET)

        num_child = d.pop("numChild", UNSET)

        title = d.pop("title", UNSET)

        first_name = d.pop("firstName", UNSET)

        last_name = d.pop("lastName", UNSET)

        email = d.pop("email", UNSET)

        phone = d.pop("phone", UNSET)

        mobile = d.pop("mobile", UNSET)

        fax = d.pop("fax", UNSET)

        company = d.pop("company", UNSET)

        address = d.pop("address", UNSET)

        city = d.pop("city", UNSET)

        state = d.pop("state", UNSET)

        postcode = d.pop("postcode", UNSET)

        country = d.pop("country", UNSET)

        def _parse_country2(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        country2 = _parse_country2(d.pop("country2", UNSET))

        arrival_time = d.pop("arrivalTime", UNSET)

        voucher = d.pop("voucher", UNSET)

        comments = d.pop("comments", UNSET)

        notes = d.pop("notes", UNSET)

        message = d.pop("message", UNSET)

        def _parse_group_note(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        group_note = _parse_group_note(d.pop("groupNote", UNSET))

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

        flag_color = d.pop("flagColor", UNSET)

        flag_text = d.pop("flagText", UNSET)

        lang = d.pop("lang", UNSET)

        price = d.pop("price", UNSET)

        deposit = d.pop("deposit", UNSET)

        tax = d.pop("tax", UNSET)

        commission = d.pop("commission", UNSET)

        referer_editable = d.pop("refererEditable", UNSET)

        rate_description = d.pop("rateDescription", UNSET)

        def _parse_invoicee_id(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        invoicee_id = _parse_invoicee_id(d.pop("invoiceeId", UNSET))

        def _parse_stripe_token(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        stripe_token = _parse_stripe_token(d.pop("stripeToken", UNSET))

        def _parse_pcibooking_token(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        pcibooking_token = _parse_pcibooking_token(d.pop("pcibookingToken", UNSET))

        api_message = d.pop("apiMessage", UNSET)

        _invoice_items = d.pop("invoiceItems", UNSET)
        invoice_items: list[InvoiceItemPost] | Unset = UNSET
        if _invoice_items is not UNSET:
            invoice_items = []
            for invoice_items_item_data in _invoice_items:
                invoice_items_item = InvoiceItemPost.from_dict(invoice_items_item_data)

                invoice_items.append(invoice_items_item)

        _info_items = d.pop("infoItems", UNSET)
        info_items: list[NewBookingInfoItemsItem] | Unset = UNSET
        if _info_items is not UNSET:
            info_items = []
            for info_items_item_data in _info_items:
                info_items_item = NewBookingInfoItemsItem.from_dict(
                    info_items_item_data
                )

                info_items.append(info_items_item)

        new_booking = cls(
            room_id=room_id,
            arrival=arrival,
            departure=departure,
            master_id=master_id,
            unit_id=unit_id,
            room_qty=room_qty,
            status=status,
            num_adult=num_adult,
            num_child=num_child,
            title=title,
            first_name=first_name,
            last_name=last_name,
            email=email,
            phone=phone,
            mobile=mobile,
            fax=fax,
            company=company,
            address=address,
            city=city,
            state=state,
            postcode=postcode,
            country=country,
            country2=country2,
            arrival_time=arrival_time,
            voucher=voucher,
            comments=comments,
            notes=notes,
            message=message,
            group_note=group_note,
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
            flag_color=flag_color,
            flag_text=flag_text,
            lang=lang,
            price=price,
            deposit=deposit,
            tax=tax,
            commission=commission,
            referer_editable=referer_editable,
            rate_description=rate_description,
            invoicee_id=invoicee_id,
            stripe_token=stripe_token,
            pcibooking_token=pcibooking_token,
            api_message=api_message,
            invoice_items=invoice_items,
            info_items=info_items,
        )

        new_booking.additional_properties = d
        return new_booking

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
