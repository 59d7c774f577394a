"""A booking in Beds24 API V2's shapes (the document's `booking`, `bookingGuests`,
`invoiceItem` and `infoItem` schemas), from the domain's channel_views.Booking.

One rendering for every place that answers a booking in these words: the Channel API's
GET /bookings (api/channel/booking_schemas.py re-exports these models for its routes and
OpenAPI document) and the booking webhook's body (webhook_bodies.py), which the domain
builds outside any request. Keeping it here, rather than in the API surface, is what lets
the two never drift apart.

Fields a reader may not see are absent, not null: personal ones without personal
visibility, money without financial visibility (routes answer with
`response_model_exclude_unset=True`; `wire()` dumps the same way; these builders set only
what may be shown). Money is a JSON number in the booking's currency.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Annotated, Any, Literal

from pydantic import BaseModel, Field, PlainSerializer

from staykit.domain.booking import channel_views as cv


def _number(value: Decimal) -> int | float:
    """A whole value as a JSON integer (qty 2, not 2.0), any other as a number."""
    return int(value) if value == value.to_integral_value() else float(value)


Number = Annotated[Decimal, PlainSerializer(_number, return_type=int | float, when_used="json")]

Status = Literal["confirmed", "request", "new", "cancelled", "black", "inquiry"]
# Beds24's invoice item subType for the kinds staykit keeps: 7 "added by api" (a charge),
# 204 "added by api" (a payment), 213 "refund".
SUB_TYPE = {"charge": 7, "payment": 204, "refund": 213}


class InvoiceItemOut(BaseModel):
    id: int
    bookingId: int
    invoiceId: int | None = Field(
        default=None, description="Always null: staykit does not number invoices."
    )
    invoiceeId: int | None = None
    type: Literal["charge", "payment"] = Field(
        description="A refund is a payment with a negative line total (qty -1)."
    )
    subType: int | None = None
    description: str
    qty: Number = Field(description="Can be negative; staykit allows up to 3 decimals.")
    amount: Number
    vatRate: Number
    lineTotal: Number = Field(description="qty x amount.")
    createTime: datetime


class InfoItemOut(BaseModel):
    id: int
    bookingId: int
    code: str
    text: str
    createTime: datetime


class BookingGroupOut(BaseModel):
    master: int
    ids: list[int] = Field(description="Every booking of the group, the master first.")


class GuestOut(BaseModel):
    """A person of the booking (bookingGuests); staykit gives them no integer id."""

    firstName: str | None = None
    lastName: str | None = None
    email: str | None = None
    phone: str | None = None
    mobile: str | None = None


class UnitOut(BaseModel):
    """staykit's addition: one unit the booking holds, with its own dates."""

    propertyId: int
    roomId: int
    unitId: int
    arrival: date
    departure: date


class BookingOut(BaseModel):
    id: int
    propertyId: int
    roomId: int = Field(description="The booking's unit type.")
    unitId: int | None = Field(
        default=None, description="The unit of its first assignment in that unit type."
    )
    roomQty: int = Field(description="How many units the booking holds (see units).")
    units: list[UnitOut] | None = Field(
        default=None,
        description="staykit: every unit the booking holds, with its dates (a booking may "
        "hold units of several unit types).",
    )
    status: Status
    subStatus: str | None = None
    arrival: date = Field(description="Property-local date.")
    departure: date = Field(description="Property-local date.")
    numAdult: int
    numChild: int
    masterId: int | None = Field(
        default=None, description="The group's master booking (absent: not in a group)."
    )
    bookingGroup: BookingGroupOut | None = None
    channel: str
    apiSource: str
    apiSourceId: int | None = None
    apiReference: str | None = None
    bookingTime: datetime
    modifiedTime: datetime
    cancelTime: datetime | None = None
    # read:bookings-personal
    firstName: str | None = None
    lastName: str | None = None
    email: str | None = None
    phone: str | None = None
    mobile: str | None = None
    notes: str | None = None
    guests: list[GuestOut] | None = None
    # read:bookings-financial
    price: Number | None = None
    tax: Number | None = None
    invoiceItems: list[InvoiceItemOut] | None = None
    # any read scope of bookings
    infoItems: list[InfoItemOut] | None = None


def invoice_item(i: cv.BookingInvoiceItem) -> InvoiceItemOut:
    return InvoiceItemOut(
        id=i.id,
        bookingId=i.booking_id,
        invoiceId=None,
        invoiceeId=None,
        type="charge" if i.kind == "charge" else "payment",
        subType=SUB_TYPE.get(i.kind),
        description=i.description,
        qty=i.qty,
        amount=i.amount,
        vatRate=i.vat_rate,
        lineTotal=i.line_total,
        createTime=i.created_at,
    )


def info_item(i: cv.BookingInfoItem) -> InfoItemOut:
    return InfoItemOut(
        id=i.id, bookingId=i.booking_id, code=i.code, text=i.text, createTime=i.created_at
    )


def _person(p: cv.BookingPerson) -> dict[str, Any]:
    """A person's fields; unknown ones are empty strings, as Beds24 answers them."""
    return {
        "firstName": p.first_name or "",
        "lastName": p.last_name or "",
        "email": p.email or "",
        "phone": p.phone or "",
        "mobile": p.mobile or "",
    }


def booking(b: cv.Booking, *, group: bool = False) -> BookingOut:
    """The booking's answer; `group`: includeBookingGroup was asked (the group, or null)."""
    fields: dict[str, Any] = {
        "id": b.id,
        "propertyId": b.property_id,
        "roomId": b.unit_type_id,
        "roomQty": b.room_qty,
        "units": [
            UnitOut(
                propertyId=u.property_id,
                roomId=u.unit_type_id,
                unitId=u.unit_id,
                arrival=u.arrival,
                departure=u.departure,
            )
            for u in b.units
        ],
        "status": b.status,
        "subStatus": b.sub_status,
        "arrival": b.arrival,
        "departure": b.departure,
        "numAdult": b.adults,
        "numChild": b.children,
        "channel": b.channel,
        "apiSource": b.api_source,
        "bookingTime": b.made_at,
        "modifiedTime": b.updated_at,
        "cancelTime": b.cancelled_at,
    }
    # Integers and strings the document does not make nullable are left out when unknown
    # (a client generated from it would refuse a null): masterId means "in a group".
    for key, value in (
        ("unitId", b.unit_id),
        ("masterId", b.master_id),
        ("apiSourceId", b.api_source_id),
        ("apiReference", b.api_reference),
    ):
        if value is not None:
            fields[key] = value
    if group:
        fields["bookingGroup"] = (
            BookingGroupOut(master=b.group.master, ids=b.group.ids) if b.group else None
        )
    if b.visibility.personal:
        empty = cv.BookingPerson(None, None, None, None, None)
        fields |= _person(b.primary or empty)
        fields["notes"] = b.notes or ""
        if b.people is not None:
            fields["guests"] = [GuestOut(**_person(p)) for p in b.people]
    if b.visibility.financial:
        fields["price"], fields["tax"] = b.price, b.tax
        if b.invoice_items is not None:
            fields["invoiceItems"] = [invoice_item(i) for i in b.invoice_items]
    if b.info_items is not None:
        fields["infoItems"] = [info_item(i) for i in b.info_items]
    return BookingOut(**fields)


def wire(model: BaseModel) -> dict[str, Any]:
    """A model as its route answers it: JSON types, fields never set left out."""
    return model.model_dump(mode="json", exclude_unset=True)
