from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="BookingActionsActions")


@_attrs_define
class BookingActionsActions:
    """
    Attributes:
        notify_guest (bool | Unset): Any bookings - Send guest an email booking confirmation
        notify_host (bool | Unset): New bookings only - Send host an email booking confirmation.
        assign_booking (bool | Unset): New bookings only - Use room dependency settings to assign booking to a different
            room type or the first free unit within the room type.
        check_availability (bool | Unset): New bookings only - Do not save the booking if room has no availability.
        make_group (Any | Unset): New bookings only - Puts all bookings with this action set to true into a group
            booking
        assign_invoice_number (bool | Unset): Existing bookings only - Assign invoice number to the booking without
            specifying an invoicee.
        assign_invoice_number_invoicee (int | Unset): Existing bookings only - Assign invoice number to the booking with
            a specific invoicee.
        auto_invoice_item_charge (bool | Unset): New bookings only - If a price is provided, but no invoice charges,
            this option will create a charge using the price value and the default description.
        delete_invoice (bool | Unset): Existing bookings only - Delete all existing invoice items. (locked invoices
            cannot be deleted)
        allow_webhooks (bool | Unset): Any bookings - Allow the booking to trigger webhooks if a change to the booking
            is made which affects availability. Changes to the status, arrival, departure, roomId, unitId or roomQty will
            trigger a webhook if this action is set, but a change to e.g. the lastname field will not trigger a webhook.
    """

    notify_guest: bool | Unset = UNSET
    notify_host: bool | Unset = UNSET
    assign_booking: bool | Unset = UNSET
    check_availability: bool | Unset = UNSET
    make_group: Any | Unset = UNSET
    assign_invoice_number: bool | Unset = UNSET
    assign_invoice_number_invoicee: int | Unset = UNSET
    auto_invoice_item_charge: bool | Unset = UNSET
    delete_invoice: bool | Unset = UNSET
    allow_webhooks: bool | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        notify_guest = self.notify_guest

        notify_host = self.notify_host

        assign_booking = self.assign_booking

        check_availability = self.check_availability

        make_group = self.make_group

        assign_invoice_number = self.assign_invoice_number

        assign_invoice_number_invoicee = self.assign_invoice_number_invoicee

        auto_invoice_item_charge = self.auto_invoice_item_charge

        delete_invoice = self.delete_invoice

        allow_webhooks = self.allow_webhooks

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if notify_guest is not UNSET:
            field_dict["notifyGuest"] = notify_guest
        if notify_host is not UNSET:
            field_dict["notifyHost"] = notify_host
        if assign_booking is not UNSET:
            field_dict["assignBooking"] = assign_booking
        if check_availability is not UNSET:
            field_dict["checkAvailability"] = check_availability
        if make_group is not UNSET:
            field_dict["makeGroup"] = make_group
        if assign_invoice_number is not UNSET:
            field_dict["assignInvoiceNumber"] = assign_invoice_number
        if assign_invoice_number_invoicee is not UNSET:
            field_dict["assignInvoiceNumberInvoicee"] = assign_invoice_number_invoicee
        if auto_invoice_item_charge is not UNSET:
            field_dict["autoInvoiceItemCharge"] = auto_invoice_item_charge
        if delete_invoice is not UNSET:
            field_dict["deleteInvoice"] = delete_invoice
        if allow_webhooks is not UNSET:
            field_dict["allowWebhooks"] = allow_webhooks

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        notify_guest = d.pop("notifyGuest", UNSET)

        notify_host = d.pop("notifyHost", UNSET)

        assign_booking = d.pop("assignBooking", UNSET)

        check_availability = d.pop("checkAvailability", UNSET)

        make_group = d.pop("makeGroup", UNSET)

        assign_invoice_number = d.pop("assignInvoiceNumber", UNSET)

        assign_invoice_number_invoicee = d.pop("assignInvoiceNumberInvoicee", UNSET)

        auto_invoice_item_charge = d.pop("autoInvoiceItemCharge", UNSET)

        delete_invoice = d.pop("deleteInvoice", UNSET)

        allow_webhooks = d.pop("allowWebhooks", UNSET)

        booking_actions_actions = cls(
            notify_guest=notify_guest,
            notify_host=notify_host,
            assign_booking=assign_booking,
            check_availability=check_availability,
            make_group=make_group,
            assign_invoice_number=assign_invoice_number,
            assign_invoice_number_invoicee=assign_invoice_number_invoicee,
            auto_invoice_item_charge=auto_invoice_item_charge,
            delete_invoice=delete_invoice,
            allow_webhooks=allow_webhooks,
        )

        booking_actions_actions.additional_properties = d
        return booking_actions_actions

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
