"""The bookingManagement service under /bookingmanagement-api (spec §5): the reservation
routes createReservation, getReservation, listReservations, updateReservation and
deleteReservation, plus staykit's PATCH /v1/reservations/{reservationId}/stay.

The booking engine (staykit.domain.booking) holds the rules: prices, approval,
allocation, who may do what, which status changes are allowed. Routes parse, call it, and
shape a marketplace Reservation (docs/bookingmanagement-api.md)."""

# No `from __future__ import annotations` (see resource.py).

import uuid
from collections.abc import Iterable
from datetime import date, datetime
from decimal import Decimal
from typing import Annotated, Any

from fastapi import APIRouter, Path
from fastapi.responses import JSONResponse
from pydantic import BaseModel
from pydantic import Field as Prop
from sqlalchemy import ColumnElement, or_, select

from staykit.api.idempotency import idempotent
from staykit.api.marketplace import filters as flt
from staykit.api.marketplace.booking_schemas import (
    ChangeStay,
    CreateReservation,
    UpdateReservation,
)
from staykit.api.marketplace.catalog import Location, feed_urls, listing_json
from staykit.api.marketplace.context import Context, Ctx
from staykit.api.marketplace.envelope import (
    RECORD_FIELDS,
    jsonable,
    money_json,
    numbers_in,
    respond,
)
from staykit.api.marketplace.filters import Kind
from staykit.api.marketplace.resource import (
    Resource,
    get_joins,
    list_parameters,
    list_records,
    read_parameters,
)
from staykit.api.marketplace.responses import (
    DELETE,
    READ,
    WRITE,
    Record,
    described,
    envelope,
)
from staykit.api.marketplace.responses import Access as A
from staykit.core.errors import Conflict, InvalidInput
from staykit.domain.access import masking
from staykit.domain.auth.models import User
from staykit.domain.booking import changes, repository
from staykit.domain.booking.models import (
    DISPUTE_STATUSES,
    PAYMENT_CONFIRMATIONS,
    Reservation,
    UnitAssignment,
)
from staykit.domain.booking.statuses import FROM_MARKETPLACE, MARKETPLACE, MARKETPLACE_ENUM
from staykit.domain.catalog.models import APPROVAL_TYPES, Property, UnitType
from staykit.domain.payments import reservations as money
from staykit.domain.payments.providers import payment_setup
from staykit.domain.records import Records

router = APIRouter()
ReservationId = Annotated[uuid.UUID, Path(description="The reservation's id")]

LISTING_JOIN_FIELDS = (
    "title",
    "amenityIds",
    "hostId",
    "mainPhoto",
    "photos",
    "address",
    "propertyType",
    "propertyType_idx",
    "location",
)

# --- shaping --------------------------------------------------------------------------------


class NightPrice(BaseModel):
    date: date
    price: float


class Assignment(BaseModel):
    """A unit the stay (or part of it) is in."""

    id: uuid.UUID
    unitId: uuid.UUID
    arrival: date
    departure: date


class ListingJoin(BaseModel):
    title: str
    amenityIds: list[uuid.UUID]
    hostId: uuid.UUID
    mainPhoto: str | None
    photos: list[str]
    address: str
    propertyType: str
    propertyType_idx: int | None
    location: Location


class HostDetails(BaseModel):
    """The host; the email only for those who share the stay (and admins)."""

    email: str | None
    fullname: str
    avatar: str | None


_JOINED = "With getJoins=true (default) on get and list."


class ReservationRecord(Record):
    """A Reservation (spec §5.1) as `reservation_json` writes it, with its joins."""

    listingId: uuid.UUID
    approvalType: str
    approvalType_idx: int | None
    bookingStatus: str
    bookingStatus_idx: int | None
    hostId: uuid.UUID
    guestId: uuid.UUID | None
    checkIn: date
    checkOut: date
    currency: str
    guestCount: int
    totalPrice: float
    iCalExportUrl: str | None
    disputeStatus: str
    disputeStatus_idx: int | None
    bookingPoliciesSnapshot: Any
    iCalImportSource: str | None
    cancellationPolicySnapshot: Any
    paymentConfirmation: str
    paymentConfirmation_idx: int | None
    status: str
    subtotal: float
    extraGuestCharges: float
    cleaningFee: float
    cityTax: float
    refundAmount: float | None
    nights: list[NightPrice]
    version: int
    madeAt: datetime
    expiresAt: datetime | None
    cancelledAt: datetime | None
    cancelledBy: str | None
    masterId: uuid.UUID | None
    unitAssignments: list[Assignment]
    children: int
    notes: str | None
    listingJoins: list[ListingJoin] | None = Prop(default=None, description=_JOINED)
    hostDetails: list[HostDetails] | None = Prop(default=None, description=_JOINED)


RESERVATION = envelope("reservation", ReservationRecord)


def _index(values: tuple[str, ...], value: str | None) -> int | None:
    return values.index(value) if value in values else None


def reservation_json(
    r: Reservation, assignments: Iterable[UnitAssignment], ical_export_url: str | None = None
) -> dict[str, Any]:
    """A Reservation (spec §5.1) with staykit's additions, without joins: the one place
    the marketplace shapes a reservation. `ical_export_url` is the listing's feed, given
    only to those who manage the listing (catalog.feed_urls)."""
    cur = r.currency
    booking_status = MARKETPLACE[r.status]
    out: dict[str, Any] = {
        "id": str(r.id),
        "listingId": str(r.unit_type_id),
        "approvalType": r.approval_type,
        "approvalType_idx": _index(APPROVAL_TYPES, r.approval_type),
        "bookingStatus": booking_status,
        "bookingStatus_idx": _index(MARKETPLACE_ENUM, booking_status),
        "hostId": str(r.host_id),
        "guestId": jsonable(r.guest_id),
        "checkIn": r.arrival.isoformat(),
        "checkOut": r.departure.isoformat(),
        "currency": cur,
        "guestCount": r.adults + r.children,
        "totalPrice": money_json(r.total, cur),
        "iCalExportUrl": ical_export_url,
        "disputeStatus": r.dispute_status,
        "disputeStatus_idx": _index(DISPUTE_STATUSES, r.dispute_status),
        "bookingPoliciesSnapshot": r.booking_policies_snapshot,
        "iCalImportSource": r.ical_import_source,
        "cancellationPolicySnapshot": numbers_in(
            r.cancellation_policy_snapshot, ("refundPercent",)
        ),
        "paymentConfirmation": r.payment_confirmation,
        "paymentConfirmation_idx": _index(PAYMENT_CONFIRMATIONS, r.payment_confirmation),
        # staykit additions
        "status": r.status,
        "subtotal": money_json(r.subtotal, cur),
        "extraGuestCharges": money_json(r.extra_guest_charges, cur),
        "cleaningFee": money_json(r.cleaning_fee, cur),
        "cityTax": money_json(r.city_tax, cur),
        "refundAmount": money_json(r.refund_amount, cur),
        "nights": [
            {"date": night, "price": money_json(Decimal(price), cur)}
            for night, price in r.nightly_prices or []
        ],
        "version": r.record_version,
        "madeAt": jsonable(r.made_at),
        "expiresAt": jsonable(r.expires_at),
        "cancelledAt": jsonable(r.cancelled_at),
        "cancelledBy": r.cancelled_by,
        "masterId": jsonable(r.master_id),
        "unitAssignments": [
            {
                "id": str(a.id),
                "unitId": str(a.unit_id),
                "arrival": a.arrival.isoformat(),
                "departure": a.departure.isoformat(),
            }
            for a in assignments
        ],
        "children": r.children,
        "notes": r.notes,
    }
    for f in RECORD_FIELDS:
        out[f.name] = jsonable(getattr(r, f.attr))
    return out


async def _assignments(ctx: Ctx, rows: list[Reservation]) -> dict[uuid.UUID, list[UnitAssignment]]:
    """The active unit assignments of a page of reservations, in one query."""
    return await repository.assignments_for(ctx.session, [r.id for r in rows])


async def _shape_rows(ctx: Ctx, rows: list[Reservation]) -> list[dict[str, Any]]:
    by_reservation = await _assignments(ctx, rows)
    urls = await feed_urls(ctx, {r.unit_type_id for r in rows})
    return [reservation_json(r, by_reservation[r.id], urls.get(r.unit_type_id)) for r in rows]


async def reservation_joins(
    ctx: Ctx, rows: list[Reservation], shaped: list[dict[str, Any]]
) -> None:
    """The joins of listReservations (spec §5.2), in ONE query for the page:
    `listingJoins` [{title, amenityIds, hostId, mainPhoto, photos, address, propertyType,
    propertyType_idx, location}] and `hostDetails` [{email, fullname, avatar}]."""
    stmt = (
        select(Reservation.id, UnitType, Property, User)
        .select_from(Reservation)
        .join(UnitType, UnitType.id == Reservation.unit_type_id)
        .join(Property, Property.id == UnitType.property_id)
        .outerjoin(User, User.id == Reservation.host_id)
        .where(Reservation.id.in_([r.id for r in rows]))
    )
    found = {
        rid: (listing, prop, host) for rid, listing, prop, host in await ctx.session.execute(stmt)
    }
    for row, out in zip(rows, shaped, strict=True):
        listing, prop, host = found.get(row.id, (None, None, None))
        if listing is not None and prop is not None:
            full = listing_json(listing, prop)
            out["listingJoins"] = [{k: full[k] for k in LISTING_JOIN_FIELDS}]
        else:  # pragma: no cover - foreign keys
            out["listingJoins"] = []
        # The caller can read the reservation, so it is a party to the stay (or an admin).
        out["hostDetails"] = (
            [
                {
                    "email": host.email
                    if masking.sees_personal(ctx.actor, host.id, shares_a_stay=True)
                    else None,
                    "fullname": host.fullname,
                    "avatar": host.avatar,
                }
            ]
            if host is not None
            else []
        )


async def _one(
    ctx: Ctx, reservation: Reservation, assignments: list[UnitAssignment] | None = None
) -> dict[str, Any]:
    if assignments is None:
        assignments = (await _assignments(ctx, [reservation]))[reservation.id]
    urls = await feed_urls(ctx, [reservation.unit_type_id])
    return reservation_json(reservation, assignments, urls.get(reservation.unit_type_id))


# --- routes -----------------------------------------------------------------------------------


@router.post(
    "/v1/reservations",
    tags=["reservations"],
    summary="createReservation",
    status_code=201,
    **described(A.LOGIN, *WRITE, model=RESERVATION),
)
@idempotent
async def create_reservation(ctx: Context, body: CreateReservation) -> JSONResponse:
    """Book a stay; the guest is the caller. The server prices it (totalPrice, when sent,
    must match) and holds its nights, pending, until the guest pays
    (startreservationpayment) within STAYKIT_UNPAID_HOLD_MINUTES: paid, an instant
    listing's booking is confirmed, a manual listing's goes to the host to answer."""
    setup = payment_setup(ctx.settings)
    booked = await money.book_stay(ctx.session, ctx.user(), setup, body.request())
    shaped = await _one(ctx, booked.reservation, booked.assignments)
    return respond(ctx, "reservation", shaped, action="create")


@router.get(
    "/v1/reservations/{reservationId}",
    tags=["reservations"],
    summary="getReservation",
    **described(A.LOGIN, *READ, model=RESERVATION, parameters=read_parameters()),
)
async def get_reservation(ctx: Context, reservationId: ReservationId) -> JSONResponse:
    """The guest, the host (the listing's host or a member of its business) and admins;
    404 for anyone else. Joins listingJoins and hostDetails unless getJoins=false."""
    joins = get_joins(ctx)
    reservation, _ = await repository.get_reservation(ctx.session, ctx.user(), reservationId)
    shaped = await _one(ctx, reservation)
    if joins:
        await reservation_joins(ctx, [reservation], [shaped])
    return respond(ctx, "reservation", shaped, action="get")


reservations_resource = Resource(
    name="reservation",
    plural="reservations",
    # Lists only: the routes build the readable statement (repository.visible_condition).
    records=Records(Reservation, "reservation"),
    id_param="reservationId",
    fields=(),
    filters={
        "listingId": flt.FilterSpec("listingId", Reservation.unit_type_id, Kind.ID),
        "approvalType": flt.FilterSpec(
            "approvalType", Reservation.approval_type, Kind.ENUM, APPROVAL_TYPES
        ),
        "hostId": flt.FilterSpec("hostId", Reservation.host_id, Kind.ID),
        "guestId": flt.FilterSpec("guestId", Reservation.guest_id, Kind.ID),
        "checkIn": flt.FilterSpec("checkIn", Reservation.arrival, Kind.DATE),
        "paymentConfirmation": flt.FilterSpec(
            "paymentConfirmation",
            Reservation.payment_confirmation,
            Kind.ENUM,
            PAYMENT_CONFIRMATIONS,
        ),
    },
    shape_rows=_shape_rows,
    joins=reservation_joins,
)
# bookingStatus is the marketplace's name for several staykit statuses: filtered by hand.
_BOOKING_STATUS_FILTER = {
    "bookingStatus": flt.FilterSpec(
        "bookingStatus", Reservation.status, Kind.ENUM, MARKETPLACE_ENUM
    )
}


def _booking_status_condition(ctx: Ctx) -> ColumnElement[bool] | None:
    """?bookingStatus=pending&bookingStatus=declined -> the staykit statuses they stand
    for (statuses.FROM_MARKETPLACE); exact, case-insensitive, OR-ed, `null` matches none."""
    conditions: list[ColumnElement[bool]] = []
    for raw in ctx.request.query_params.getlist("bookingStatus"):
        if raw == "":
            continue
        if raw == "null":
            conditions.append(Reservation.status.is_(None))
            continue
        statuses = FROM_MARKETPLACE.get(raw.lower())
        if statuses is None:
            shown = raw[:40].replace("\x00", "\\0")
            raise InvalidInput(
                f"Filter bookingStatus: {shown!r} is not one of {', '.join(MARKETPLACE_ENUM)}.",
                code="bookingStatusFilterIsInvalid",
                field="bookingStatus",
            )
        conditions.append(Reservation.status.in_(statuses))
    if not conditions:
        return None
    return conditions[0] if len(conditions) == 1 else or_(*conditions)


@router.get(
    "/v1/reservations",
    tags=["reservations"],
    summary="listReservations",
    **described(
        A.LOGIN,
        400,
        model=envelope("reservations", ReservationRecord, "page"),
        parameters=list_parameters(reservations_resource, _BOOKING_STATUS_FILTER),
    ),
)
async def list_reservations(ctx: Context) -> JSONResponse:
    """The reservations the caller may see (as guest, host or business member; admins
    all), newest first. Joins listingJoins and hostDetails unless getJoins=false."""
    base = select(Reservation).where(repository.visible_condition(ctx.user()))
    status = _booking_status_condition(ctx)
    if status is not None:
        base = base.where(status)
    return await list_records(ctx, reservations_resource, base=base)


@router.patch(
    "/v1/reservations/{reservationId}",
    tags=["reservations"],
    summary="updateReservation",
    **described(A.LOGIN, *WRITE, model=RESERVATION),
)
async def update_reservation(
    ctx: Context, reservationId: ReservationId, body: UpdateReservation
) -> JSONResponse:
    """bookingStatus `confirmed` approves a pending request and `declined` declines it
    (the host); `cancelled` cancels (guest, host or admin); `complete` and `pending` are
    never set by hand (409). iCalImportSource: the host; iCalExportUrl is the listing's
    feed, set by the server (a sent value is ignored); disputeStatus: admins. All or
    nothing."""
    reservation, assignments = await _update(ctx, reservationId, body)
    shaped = await _one(ctx, reservation, assignments)
    return respond(ctx, "reservation", shaped, action="update")


@router.delete(
    "/v1/reservations/{reservationId}",
    tags=["reservations"],
    summary="deleteReservation",
    **described(A.LOGIN, *DELETE, model=RESERVATION),
)
async def delete_reservation(ctx: Context, reservationId: ReservationId) -> JSONResponse:
    """Cancels the reservation (the spec's soft delete) and answers its last state. The
    guest or the host before the stay starts; admins at any time."""
    setup = payment_setup(ctx.settings)
    booked = await money.cancel_stay(ctx.session, ctx.user(), setup, reservationId)
    shaped = await _one(ctx, booked.reservation, booked.assignments)
    return respond(ctx, "reservation", shaped, action="delete")


@router.patch(
    "/v1/reservations/{reservationId}/stay",
    tags=["reservations"],
    summary="changeReservationStay",
    **described(A.LOGIN, *WRITE, model=RESERVATION),
)
async def change_stay(ctx: Context, reservationId: ReservationId, body: ChangeStay) -> JSONResponse:
    """staykit: new dates, group or (the host) unit, re-priced and re-allocated by the
    server; all or nothing. `version` makes it conditional on the recordVersion read."""
    me = ctx.user()
    setup = payment_setup(ctx.settings)
    booked = await money.change_stay(ctx.session, me, setup, reservationId, body.change())
    shaped = await _one(ctx, booked.reservation, booked.assignments)
    return respond(ctx, "reservation", shaped, action="update")


# --- updateReservation ------------------------------------------------------------------------


async def _update(
    ctx: Ctx, reservation_id: uuid.UUID, body: UpdateReservation
) -> tuple[Reservation, list[UnitAssignment] | None]:
    """bookingStatus `confirmed` approves, `declined` declines, `cancelled` cancels;
    `complete` (the periodic job's) and `pending` are never set by hand: 409, after the
    404 of a reservation the caller cannot see."""
    me = ctx.user()
    values = body.provided()
    # The listing's feed URL is the server's to give (reservation_json): a sent one is
    # checked as a URL, then ignored.
    values.pop("ical_export_url", None)
    status = values.pop("booking_status", None)
    step = None
    if status is not None:
        # bookingStatus as the marketplace sets it -> the lifecycle step it stands for,
        # with its money (a refund on cancelling or declining a paid booking).
        step = money.status_steps(payment_setup(ctx.settings)).get(status)
        if step is None:
            await repository.get_reservation(ctx.session, me, reservation_id)
            raise Conflict(
                "bookingStatus complete is set when the stay's check-out time has passed; "
                "nobody sets it by hand."
                if status == "complete"
                else "A reservation never goes back to pending.",
                code="invalidStatusChange",
                field="booking_status",
            )
    booked = await changes.update_details(ctx.session, me, reservation_id, values, then=step)
    return booked.reservation, booked.assignments


__all__ = ["reservation_json", "router"]
