"""Response bodies of the Cloud API's reservations and reserved rates, and the words it uses
for staykit's reservation statuses and sources.

Fields a scope guards are ABSENT without it (not null): personal ones (people's names and
contacts, notes) need `read:bookings-personal`, money (assignment revenue, invoices,
totals) `read:bookings-financial`. The models declare them optional and the routes answer
with `response_model_exclude_unset=True`; `from_view` sets only what the view shows.
Every other field is always present, null when it has no value.

Status: the Cloud API's words of the one status model (domain/booking/statuses.py):
Inquiry, Tentative (a request the host has not accepted yet), Reserved (new and
confirmed), Blocked (the host's own hold), CheckedOut, Cancelled (cancelled, declined and
expired requests).
ingestionSource: marketplace -> Marketplace, direct -> PMS (entered by the business),
channel_api -> ChannelAPI, cloud_api -> CloudAPI, ical -> iCal.
"""

from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Any, Literal, get_args

from pydantic import BaseModel

from staykit.api.cloud.schemas import Amount
from staykit.domain.booking import statuses
from staykit.domain.booking.models import INVOICE_KINDS, SOURCES
from staykit.domain.booking.views import (
    AssignmentView,
    InvoiceItemView,
    PersonView,
    ReservationView,
)

STATUS_WORDS = statuses.CLOUD
SOURCE_WORDS = {
    "marketplace": "Marketplace",
    "direct": "PMS",
    "channel_api": "ChannelAPI",
    "cloud_api": "CloudAPI",
    "ical": "iCal",
}
KIND_WORDS = {"charge": "Charge", "payment": "Payment", "refund": "Refund"}
assert set(SOURCE_WORDS) == set(SOURCES)
assert set(KIND_WORDS) == set(INVOICE_KINDS)

Status = Literal["Inquiry", "Tentative", "Reserved", "Blocked", "CheckedOut", "Cancelled"]
assert set(STATUS_WORDS.values()) == set(get_args(Status))
IngestionSource = Literal["Marketplace", "PMS", "ChannelAPI", "CloudAPI", "iCal"]
InvoiceKind = Literal["Charge", "Payment", "Refund"]


class ReservedUnitAssignment(BaseModel):
    """One unit of the stay, as reserved rates show it."""

    id: uuid.UUID
    arrival: date
    departure: date
    nights: int
    unitId: uuid.UUID
    unitTypeId: uuid.UUID
    propertyId: uuid.UUID
    rateId: uuid.UUID
    ratePlanId: uuid.UUID
    occupancyCount: int
    # read:bookings-financial
    rentalRevenue: Amount | None = None
    rentalTax: Amount | None = None
    rentalFee: Amount | None = None


class UnitAssignment(ReservedUnitAssignment):
    """One unit of the stay, with the people assigned to it."""

    personIds: list[uuid.UUID]


class ReservedRate(BaseModel):
    """A reservation as pricing: never a person, a guest id or notes."""

    id: uuid.UUID
    version: int
    status: Status
    madeAt: datetime
    updatedAt: datetime
    arrival: date
    departure: date
    ingestionSource: IngestionSource
    currency: str
    unitAssignments: list[ReservedUnitAssignment]


class ReservationPerson(BaseModel):
    """A person of the group. Phone and mobile are separate numbers, each null when the
    person has none."""

    id: uuid.UUID
    isPrimary: bool
    unitAssignmentId: uuid.UUID | None
    # read:bookings-personal
    firstName: str | None = None
    lastName: str | None = None
    email: str | None = None
    phone: str | None = None
    mobile: str | None = None


class InvoiceLine(BaseModel):
    """A charge, payment or refund: who it is assigned to (personId) and the unit
    assignment it is linked to, each null when it is the whole reservation's."""

    id: uuid.UUID
    personId: uuid.UUID | None
    unitAssignmentId: uuid.UUID | None
    kind: InvoiceKind
    code: str | None
    description: str
    qty: Amount
    amount: Amount
    vatRate: Amount
    currency: str


class ReservationTotals(BaseModel):
    subtotal: Amount
    extraGuestCharges: Amount
    cleaningFee: Amount
    cityTax: Amount
    total: Amount
    refundAmount: Amount | None
    currency: str


class Reservation(BaseModel):
    """The full reservation."""

    id: uuid.UUID
    version: int
    status: Status
    madeAt: datetime
    createdAt: datetime
    updatedAt: datetime
    cancelledAt: datetime | None
    arrival: date
    departure: date
    nights: int
    ingestionSource: IngestionSource
    propertyId: uuid.UUID
    unitTypeId: uuid.UUID
    currency: str
    adults: int
    children: int
    masterId: uuid.UUID | None
    unitAssignments: list[UnitAssignment]
    people: list[ReservationPerson]
    # read:bookings-personal
    notes: str | None = None
    # read:bookings-financial
    invoices: list[InvoiceLine] | None = None
    totals: ReservationTotals | None = None


# --- from the domain's views ------------------------------------------------------------------


def _money(a: AssignmentView) -> dict[str, Any]:
    if a.rental_revenue is None:  # hidden: leave the fields unset (absent)
        return {}
    return {"rentalRevenue": a.rental_revenue, "rentalTax": a.rental_tax, "rentalFee": a.rental_fee}


def _assignment_fields(a: AssignmentView) -> dict[str, Any]:
    return {
        "id": a.id,
        "arrival": a.arrival,
        "departure": a.departure,
        "nights": a.nights,
        "unitId": a.unit_id,
        "unitTypeId": a.unit_type_id,
        "propertyId": a.property_id,
        "rateId": a.rate_id,
        "ratePlanId": a.rate_plan_id,
        "occupancyCount": a.occupancy_count,
        **_money(a),
    }


def reserved_rate(view: ReservationView) -> ReservedRate:
    return ReservedRate(
        id=view.id,
        version=view.version,
        status=STATUS_WORDS[view.status],
        madeAt=view.made_at,
        updatedAt=view.updated_at,
        arrival=view.arrival,
        departure=view.departure,
        ingestionSource=SOURCE_WORDS[view.source],
        currency=view.currency,
        unitAssignments=[ReservedUnitAssignment(**_assignment_fields(a)) for a in view.assignments],
    )


def _person(p: PersonView, personal: bool) -> ReservationPerson:
    fields: dict[str, Any] = {
        "id": p.id,
        "isPrimary": p.is_primary,
        "unitAssignmentId": p.unit_assignment_id,
    }
    if personal:
        fields |= {
            "firstName": p.first_name,
            "lastName": p.last_name,
            "email": p.email,
            "phone": p.phone,
            "mobile": p.mobile,
        }
    return ReservationPerson(**fields)


def _invoice(i: InvoiceItemView) -> InvoiceLine:
    return InvoiceLine(
        id=i.id,
        personId=i.person_id,
        unitAssignmentId=i.unit_assignment_id,
        kind=KIND_WORDS[i.kind],
        code=i.code,
        description=i.description,
        qty=i.qty,
        amount=i.amount,
        vatRate=i.vat_rate,
        currency=i.currency,
    )


def reservation(view: ReservationView) -> Reservation:
    personal, financial = view.visibility.personal, view.visibility.financial
    fields: dict[str, Any] = {
        "id": view.id,
        "version": view.version,
        "status": STATUS_WORDS[view.status],
        "madeAt": view.made_at,
        "createdAt": view.created_at,
        "updatedAt": view.updated_at,
        "cancelledAt": view.cancelled_at,
        "arrival": view.arrival,
        "departure": view.departure,
        "nights": view.nights,
        "ingestionSource": SOURCE_WORDS[view.source],
        "propertyId": view.property_id,
        "unitTypeId": view.unit_type_id,
        "currency": view.currency,
        "adults": view.adults,
        "children": view.children,
        "masterId": view.master_id,
        "unitAssignments": [
            UnitAssignment(**_assignment_fields(a), personIds=a.person_ids)
            for a in view.assignments
        ],
        "people": [_person(p, personal) for p in view.people],
    }
    if personal:
        fields["notes"] = view.notes
    if financial and view.totals is not None:
        t = view.totals
        fields["invoices"] = [_invoice(i) for i in view.invoices]
        fields["totals"] = ReservationTotals(
            subtotal=t.subtotal,
            extraGuestCharges=t.extra_guest_charges,
            cleaningFee=t.cleaning_fee,
            cityTax=t.city_tax,
            total=t.total,
            refundAmount=t.refund_amount,
            currency=view.currency,
        )
    return Reservation(**fields)
