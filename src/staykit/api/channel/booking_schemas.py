"""GET /bookings and GET /bookings/invoices answers in Beds24 API V2's shapes.

A booking's shape (the document's `booking`, `bookingGuests`, `invoiceItem`, `infoItem`)
is rendered by the domain's channel_wire, which the booking webhook's body shares; this
module names those models for the routes (response models, OpenAPI document) and adds
what only the routes answer: the channel filter's words and GET /bookings/invoices's
invoice.

Fields a caller may not see are absent, not null: personal ones without
read:bookings-personal, money without read:bookings-financial (routes answer with
`response_model_exclude_unset=True`). Money is a JSON number in the booking's currency.
"""

from __future__ import annotations

from datetime import date

from pydantic import BaseModel, Field

from staykit.domain.booking.channel_wire import (
    BookingOut,
    InvoiceItemOut,
    booking,
    invoice_item,
)

__all__ = ["CHANNELS", "BookingOut", "InvoiceItemOut", "InvoiceOut", "booking", "invoice_item"]

# The document's channel words (GET /bookings `channel`).
CHANNELS = (
    "agoda", "airbnb", "asiatravel", "atraveode", "booking", "bookingpage", "despegar",
    "direct", "edreamsodigeo", "expedia", "feratel", "goibibo", "hometogo", "hostelworld",
    "hotelbeds", "hrs", "jomres", "marriott", "ostrovokru", "ota", "tiket", "tomastravel",
    "traveloka", "travia", "traum", "trip", "tripadvisorrentals", "vacationstay", "vrbo",
    "airbnbical", "bedandbreakfasteu", "bedandbreakfastnl", "bookeasycomau", "bookitconz",
    "flipkey", "googlecal", "googleads", "guestlinkcouk", "holidaylettingscouk",
    "hostelinternational", "hostelsclub", "housetripcom", "icalimport1", "icalimport2",
    "icalimport3", "lastminute", "nzaa", "reserva", "rezintelnet", "tablethotels",
    "traumferienwohnungen", "trivagocom", "visitscotlandcom", "vrboical", "webroomsconz",
)  # fmt: skip


class InvoiceOut(BaseModel):
    """A booking's invoice: staykit keeps one open invoice per booking, not numbered."""

    invoiceId: int | None = None
    invoiceDate: date | None = None
    bookingId: int = Field(description="staykit: the booking the invoice belongs to.")
    invoiceItems: list[InvoiceItemOut]
