"""Bookings written through the Channel API (Beds24 API V2 POST and DELETE /bookings): many
items per request, each applied on its own through the booking engine's rules.

Each item runs in its own SAVEPOINT: an item that fails leaves nothing behind and does not
stop the others; each invoice or info sub-item runs in a SAVEPOINT inside its booking's, so
a bad sub-item does not sink its valid booking. Items are applied in request order: the
same booking modified twice gets both changes, one after the other.

What the engine decides is never taken from the client: the price (a client's `price` is a
claim, checked against the server's quote: a mismatch is that item's error), the unit
(allocated by the engine, or the one asked for when it is free), the availability (a taken
night is that item's error, naming the nights; the exclusion constraint is the last line).

Integer ids are resolved for the whole request in a fixed number of queries, scoped by the
businesses the caller acts for: an id of another business is "not found", never a change
elsewhere. The unit types the request will touch are locked first, in sorted order (the
engine's own advisory locks, see availability.lock_unit_types), so that two requests
writing the same rooms queue behind each other instead of deadlocking.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from sqlalchemy import select
from sqlalchemy.exc import DBAPIError
from sqlalchemy.ext.asyncio import AsyncSession

from staykit.core import money
from staykit.core.errors import Conflict, DomainError, Forbidden, InvalidInput
from staykit.core.schemas import check_text
from staykit.domain.access.principal import Principal
from staykit.domain.booking import bulk, changes, channel_views, items, lifecycle
from staykit.domain.booking.bulk import BulkBooking
from staykit.domain.booking.channel_outcomes import (
    CAUGHT,
    Action,
    BookingSummary,
    BookingWrite,
    Issue,
    Outcome,
    RequestIds,
    SubItemResult,
    SubItemWrite,
    issue_of,
    resolve_ids,
)
from staykit.domain.booking.commands import (
    ACCOMMODATION,
    CITY_TAX,
    CLEANING,
    EXTRA_GUESTS,
    REFUND,
    Booked,
    NewReservation,
    Person,
    StayChange,
)
from staykit.domain.booking.create import create_reservation
from staykit.domain.booking.errors import PriceMismatch
from staykit.domain.booking.models import (
    InfoItem,
    InvoiceItem,
    Reservation,
    ReservationGuest,
)
from staykit.domain.booking.repository import assignments_of, get_reservation, may_manage
from staykit.domain.booking.statuses import CHANNEL, FINAL
from staykit.domain.catalog.availability import lock_unit_types, sellable_units
from staykit.domain.catalog.errors import NightsUnavailable
from staykit.domain.catalog.models import UnitType

SOURCE = "channel_api"
# Invoice lines the engine computes from the rate calendar (and the refund it records on
# cancellation): the API neither changes nor removes them, so the invoice keeps agreeing
# with the booking's price.
ENGINE_LINES = (ACCOMMODATION, EXTRA_GUESTS, CLEANING, CITY_TAX, REFUND)
GUEST_FIELDS = ("first_name", "last_name", "email", "phone", "mobile")
# New bookings the bulk planner takes: those that hold nights (inquiries go one by one).
PLANNED_STATUSES = ("confirmed", "new", "request", "black")

# --- the request -----------------------------------------------------------------------------


async def write_bookings(
    session: AsyncSession,
    principal: Principal,
    business_ids: frozenset[uuid.UUID],
    writes: Sequence[BookingWrite | None],
) -> list[Outcome | None]:
    """Apply each item in order (None: the caller refused it already and answers for it).

    New bookings the bulk planner books exactly as the engine would (bulk.plannable) are
    planned in memory and written together; any other item first writes what is planned,
    then goes through the engine on its own, so items still take effect in request order."""
    present = [w for w in writes if w is not None]
    ids = await resolve_ids(session, business_ids, present)
    touched = {ut.id for ut in ids.rooms.values()}
    touched |= {ids.bookings[w.id][1] for w in present if w.id in ids.bookings}
    await lock_unit_types(session, touched)
    ctx = _Context(session, principal, ids, BulkBooking(session, principal))
    await ctx.prepare(present)
    out: list[Outcome | None] = []
    for write in writes:
        if write is None:
            out.append(None)
        elif write.id is None and (refused := ctx.refusal(write)) is not None:
            out.append(refused)  # nothing read or written: the planned stays may wait
        elif write.id is None and ctx.plannable(write):
            out.append(await ctx.plan(write))
        else:
            await ctx.write_planned()
            out.append(await (ctx.create(write) if write.id is None else ctx.modify(write)))
            ctx.bulk.forget()
    await ctx.write_planned()
    return out


@dataclass
class _Context:
    session: AsyncSession
    principal: Principal
    ids: RequestIds
    bulk: BulkBooking
    group_master: uuid.UUID | None = None  # the first booking of this request's makeGroup
    int_ids: dict[uuid.UUID, int] = field(default_factory=dict)  # units, properties seen
    # apiReferences of the request already taken: (business, reference) -> booking int id,
    # or None for a booking this request planned (not written yet, so no id yet).
    references: dict[tuple[uuid.UUID, str], int | None] = field(default_factory=dict)
    planned: list[tuple[BookingWrite, Outcome]] = field(default_factory=list)

    # --- create --------------------------------------------------------------------------

    async def create(self, w: BookingWrite) -> Outcome:
        out = Outcome("create")
        room = self._refuse_unbookable(w, out)
        if room is None:
            return out
        try:
            async with self.session.begin_nested():
                booked = await create_reservation(
                    self.session, self.principal, await self._request(w, room)
                )
        except CAUGHT as exc:
            out.errors.append(issue_of("create", exc))
            return out
        if w.make_group and self.group_master is None:
            self.group_master = booked.reservation.id
        if booked.reservation.external_ref:
            ref = (booked.reservation.business_id, booked.reservation.external_ref)
            self.references[ref] = booked.reservation.int_id
        await self._sub_items(booked.reservation, w, out, new_booking=True)
        out.booking = await self._summary(booked.reservation, booked)
        return out

    def refusal(self, w: BookingWrite) -> Outcome | None:
        """The outcome of a new booking refused before anything is read, else None."""
        out = Outcome("create")
        return out if self._refuse_unbookable(w, out) is None else None

    def _refuse_unbookable(self, w: BookingWrite, out: Outcome) -> UnitType | None:
        """The item's room, or None with the item's error when it cannot be a booking."""
        room = self.ids.rooms.get(w.room_id) if w.room_id is not None else None
        if room is None:
            out.errors.append(Issue("create", "room_id", f"No room {w.room_id} in this account."))
            return None
        if w.arrival is None or w.departure is None:
            missing = "arrival" if w.arrival is None else "departure"
            out.errors.append(Issue("create", missing, f"{missing} is required."))
            return None
        if w.sub_item_ids():
            out.errors.append(
                Issue("create", "id", "A new booking has no invoice or info items to change.")
            )
            return None
        return room

    async def _request(self, w: BookingWrite, room: UnitType) -> NewReservation:
        """The engine's request for a new booking, after the Channel API's own checks."""
        status = w.status or "confirmed"
        if status == "cancelled":
            raise InvalidInput(
                "A booking cannot be created cancelled.", code="statusIsInvalid", field="status"
            )
        unit_id = self._unit_of(w.unit_id, room.id) if w.unit_id is not None else None
        if w.api_reference:
            key = (room.business_id, w.api_reference)
            if key in self.references:
                raise Conflict(
                    f"apiReference {w.api_reference} is already booking "
                    f"{self.references[key]}: modify it by its id instead of creating it again.",
                    code="apiReferenceTaken",
                    field="api_reference",
                )
        master = None
        if "master_id" in w.provided and w.master_id is not None:
            master = self._booking_uuid(w.master_id, "master_id")
        elif w.make_group:
            master = self.group_master
        assert w.arrival is not None and w.departure is not None
        if w.check_availability and status == "inquiry":
            # An inquiry holds no nights; asked to, it is refused like a booking would be.
            await _refuse_taken(self.session, room.id, w.arrival, w.departure)
        person = Person(**{k: v for k, v in w.guest.items() if k in GUEST_FIELDS})
        return NewReservation(
            unit_type_id=room.id,
            arrival=w.arrival,
            departure=w.departure,
            adults=1 if w.adults is None else w.adults,
            children=w.children or 0,
            unit_id=unit_id,
            people=[person] if w.guest else [],
            notes=w.notes,
            source=SOURCE,
            external_ref=w.api_reference or None,
            master_id=master,
            status=status,
            claimed_total=w.claimed_price,
        )

    # --- many new bookings at once (bulk.py) ---------------------------------------------

    async def prepare(self, writes: Sequence[BookingWrite]) -> None:
        """Read once what the request's new bookings need: the apiReferences already taken
        in their businesses, and the calendars of the rooms the planner will book."""
        wanted = {w.api_reference for w in writes if w.id is None and w.api_reference}
        businesses = {room.business_id for room in self.ids.rooms.values()}
        if wanted and businesses:
            for row in await self.session.execute(
                select(Reservation.business_id, Reservation.external_ref, Reservation.int_id).where(
                    Reservation.business_id.in_(businesses),
                    Reservation.source == SOURCE,
                    Reservation.external_ref.in_(wanted),
                )
            ):
                self.references[(row.business_id, row.external_ref)] = row.int_id
        await self.bulk.load(stay for w in writes if (stay := self._plannable_stay(w)))

    def plannable(self, w: BookingWrite) -> bool:
        return self._plannable_stay(w) is not None

    def _plannable_stay(self, w: BookingWrite) -> NewReservation | None:
        """The stay of a new booking the planner books as the engine would (a plain stay
        that holds nights, in a room of this account, with no group and no invoice or
        info items), or None."""
        room = self.ids.rooms.get(w.room_id) if w.room_id is not None else None
        if (
            w.id is not None
            or room is None
            or w.arrival is None
            or w.departure is None
            or (w.status or "confirmed") not in PLANNED_STATUSES
            or w.make_group
            or "master_id" in w.provided
            or w.invoice_items
            or w.info_items
        ):
            return None
        stay = NewReservation(room.id, w.arrival, w.departure, adults=1, source=SOURCE)
        return stay if bulk.plannable(stay) else None

    async def plan(self, w: BookingWrite) -> Outcome:
        """Plan the new booking; its outcome is completed when the plan is written."""
        out = Outcome("create")
        room = self._refuse_unbookable(w, out)
        if room is None:
            return out
        if w.api_reference and self.references.get((room.business_id, w.api_reference), 0) is None:
            # The reference of a booking planned in this request: written first, so that
            # the refusal names it.
            await self.write_planned()
        try:
            req = await self._request(w, room)
            await self.bulk.plan(req)
        except DomainError as exc:
            out.errors.append(issue_of("create", exc))
            return out
        if req.external_ref:
            self.references[(room.business_id, req.external_ref)] = None
        self.planned.append((w, out))
        return out

    async def write_planned(self) -> None:
        """Write the planned bookings together; should the database refuse the batch (a
        concurrent write the locks do not cover), book each one through the engine
        instead, in order, so that only the booking at fault fails."""
        planned, self.planned = self.planned, []
        if not planned:
            return
        try:
            booked = await self.bulk.write()
        except DBAPIError:
            # The references they hold in memory (None: planned, never written) are free.
            self.references = {k: v for k, v in self.references.items() if v is not None}
            for w, out in planned:
                one = await self.create(w)
                out.booking, out.errors, out.info = one.booking, one.errors, one.info
            return
        for (_, out), b in zip(planned, booked, strict=True):
            if b.reservation.external_ref:
                ref = (b.reservation.business_id, b.reservation.external_ref)
                self.references[ref] = b.reservation.int_id
            out.booking = await self._summary(b.reservation, b)

    # --- modify --------------------------------------------------------------------------

    async def modify(self, w: BookingWrite) -> Outcome:
        out = Outcome("modify")
        assert w.id is not None
        found = self.ids.bookings.get(w.id)
        if found is None:
            out.errors.append(Issue("modify", "id", f"No booking {w.id} in this account."))
            return out
        reservation_id = found[0]
        try:
            async with self.session.begin_nested():
                reservation = await self._modify(w, reservation_id, out)
        except CAUGHT as exc:
            out.changed.clear()
            out.errors.append(issue_of("modify", exc))
            if w.invoice_items or w.info_items:
                out.info.append(
                    Issue("modify", None, "Its invoice and info items were not applied.")
                )
            return out
        await self._sub_items(reservation, w, out, new_booking=False)
        await self.session.refresh(reservation)
        out.booking = await self._summary(reservation)
        return out

    async def _modify(
        self, w: BookingWrite, reservation_id: uuid.UUID, out: Outcome
    ) -> Reservation:
        session, me = self.session, self.principal
        reservation, _ = await get_reservation(session, me, reservation_id, lock=True)
        if not await may_manage(session, me, reservation):
            raise Forbidden(
                "Only the business's owners and managers may change its bookings.",
                code="notYourListing",
            )
        # A roomId other than the booking's own moves it to that room (any property of the
        # booking's business): re-priced on its default rate and re-allocated by the engine.
        move_to: uuid.UUID | None = None
        if "room_id" in w.provided:
            room = self.ids.rooms.get(w.room_id) if w.room_id is not None else None
            if room is None:
                raise InvalidInput(f"No room {w.room_id} in this account.", field="room_id")
            if room.id != reservation.unit_type_id:
                move_to = room.id
        wanted = w.status
        if wanted is not None and wanted != CHANNEL[reservation.status] and wanted != "cancelled":
            if reservation.status == "request" and wanted == "confirmed":
                await lifecycle.approve(session, me, reservation.id)
                out.changed.append("status")
            else:
                raise InvalidInput(
                    f"A {CHANNEL[reservation.status]} booking cannot be made {wanted} here "
                    "(requests can be confirmed; any booking can be cancelled).",
                    code="statusChangeUnsupported",
                    field="status",
                )
        stay = StayChange(
            arrival=w.arrival,
            departure=w.departure,
            adults=w.adults,
            children=w.children,
            unit_id=self._unit_of(w.unit_id, move_to or reservation.unit_type_id)
            if w.unit_id is not None
            else None,
        )
        if move_to is not None or _differs(reservation, stay, self.ids, w.unit_id):
            property_before = reservation.property_id
            await changes.modify(session, me, reservation.id, stay, unit_type_id=move_to)
            if move_to is not None:
                out.changed.append("room_id")
                if reservation.property_id != property_before:
                    out.changed.append("property_id")
            out.changed += [
                k for k in ("arrival", "departure", "adults", "children") if k in w.provided
            ]
            if w.unit_id is not None or move_to is not None:
                out.changed.append("unit_id")
        if w.guest or "notes" in w.provided or "api_reference" in w.provided:
            await self._details(reservation, w, out)
        if "master_id" in w.provided:
            master = None if w.master_id is None else self._booking_uuid(w.master_id, "master_id")
            before = reservation.master_id
            await changes.set_master(session, me, reservation.id, master)
            if reservation.master_id != before:
                out.changed.append("master_id")
        if wanted == "cancelled" and reservation.status not in FINAL:
            await lifecycle.cancel(session, me, reservation.id)
            out.changed.append("status")
        if w.claimed_price is not None:
            total = money.quantize(reservation.total, reservation.currency)
            if not money.fits(w.claimed_price, reservation.currency) or w.claimed_price != total:
                raise PriceMismatch(w.claimed_price, total, reservation.currency)
        return reservation

    async def _details(self, reservation: Reservation, w: BookingWrite, out: Outcome) -> None:
        """The lead guest's contact fields, the notes and the API reference."""
        session = self.session
        for name, value in w.guest.items():
            check_text(name, value, 100 if name != "email" else 320)
        if w.guest:
            lead = await session.scalar(
                select(ReservationGuest)
                .where(
                    ReservationGuest.reservation_id == reservation.id,
                    ReservationGuest.is_primary,
                    ReservationGuest.is_active,
                )
                .limit(1)
            )
            if lead is None:
                lead = ReservationGuest(
                    reservation_id=reservation.id,
                    business_id=reservation.business_id,
                    is_primary=True,
                )
                session.add(lead)
            for name, value in w.guest.items():
                if getattr(lead, name) != (value or None):
                    setattr(lead, name, value or None)
                    out.changed.append(name)
        if "notes" in w.provided and reservation.notes != (w.notes or None):
            check_text("notes", w.notes, 5000)
            reservation.notes = w.notes or None
            out.changed.append("notes")
        if "api_reference" in w.provided and reservation.external_ref != (w.api_reference or None):
            check_text("api_reference", w.api_reference, 200)
            reservation.external_ref = w.api_reference or None
            out.changed.append("api_reference")
        if out.changed:
            items.touch(reservation)
            await session.flush()

    # --- invoice and info items ----------------------------------------------------------

    async def _sub_items(
        self, reservation: Reservation, w: BookingWrite, out: Outcome, *, new_booking: bool
    ) -> None:
        for kind, subs in (("invoice", w.invoice_items), ("info", w.info_items)):
            for sub in subs:
                action: Action = "create" if sub.id is None else "modify"
                if sub.id is not None and not sub.values:
                    action = "delete"
                try:
                    async with self.session.begin_nested():
                        result = await self._sub_item(reservation, kind, sub, action)
                except CAUGHT as exc:
                    issue = issue_of(action, exc)
                    issue.field = f"{kind}Items.{issue.field or 'id'}"
                    out.errors.append(issue)
                    continue
                out.sub_items.append(result)

    async def _sub_item(
        self, reservation: Reservation, kind: str, sub: SubItemWrite, action: Action
    ) -> SubItemResult:
        session, me, v = self.session, self.principal, sub.values
        if action == "create":
            if kind == "invoice":
                made: InvoiceItem | InfoItem = await items.add_invoice_item(
                    session,
                    me,
                    reservation.id,
                    kind=v.get("kind", "charge"),
                    description=v.get("description") or default_description(v.get("kind")),
                    amount=_required(v, "amount"),
                    qty=v.get("qty", Decimal(1)),
                    vat_rate=v.get("vat_rate", Decimal(0)),
                )
            else:
                made = await items.add_info_item(
                    session,
                    me,
                    reservation.id,
                    code=_required(v, "code"),
                    text=_required(v, "text"),
                )
            return SubItemResult(kind, "new", made.int_id)  # type: ignore[arg-type]
        assert sub.id is not None
        if kind == "invoice":
            found = self.ids.invoice_items.get(sub.id)
            if found is None or found[1] != reservation.id:
                raise InvalidInput(f"No invoice item {sub.id} on this booking.", field="id")
            if found[2] in ENGINE_LINES:
                raise InvalidInput(
                    f"Invoice item {sub.id} is computed by staykit from the booking's stay: "
                    "change the stay instead.",
                    code="computedItem",
                    field="id",
                )
            item_id = found[0]
        else:
            info = self.ids.info_items.get(sub.id)
            if info is None or info[1] != reservation.id:
                raise InvalidInput(f"No info item {sub.id} on this booking.", field="id")
            item_id = info[0]
        if action == "delete":
            await items.remove_item(session, me, reservation.id, item_id)
            return SubItemResult(kind, "deleted", sub.id)  # type: ignore[arg-type]
        await items.change_item(session, me, reservation.id, kind, item_id, v)
        return SubItemResult(kind, "modified", sub.id)  # type: ignore[arg-type]

    # --- helpers -------------------------------------------------------------------------

    def _unit_of(self, unit_int: int | None, unit_type_id: uuid.UUID) -> uuid.UUID:
        found = self.ids.units.get(unit_int) if unit_int is not None else None
        if found is None or found[1] != unit_type_id:
            raise InvalidInput(
                f"No unit {unit_int} in this booking's room.",
                code="unitIdIsInvalid",
                field="unit_id",
            )
        return found[0]

    def _booking_uuid(self, booking_int: int, field_: str) -> uuid.UUID:
        found = self.ids.bookings.get(booking_int)
        if found is None:
            raise InvalidInput(
                f"No booking {booking_int} in this account.", code="masterIdIsInvalid", field=field_
            )
        return found[0]

    async def _summary(self, r: Reservation, booked: Booked | None = None) -> BookingSummary:
        units = (
            booked.assignments if booked is not None else await assignments_of(self.session, r.id)
        )
        own = [a.unit_id for a in units if a.unit_type_id == r.unit_type_id and a.is_active]
        wanted = {r.property_id, r.unit_type_id, *own[:1], *([r.master_id] if r.master_id else [])}
        missing = [u for u in wanted if u not in self.int_ids]
        if missing:
            self.int_ids |= await channel_views.int_ids_of(self.session, missing)
        return BookingSummary(
            id=r.int_id,
            property_id=self.int_ids[r.property_id],
            room_id=self.int_ids[r.unit_type_id],
            unit_id=self.int_ids.get(own[0]) if own else None,
            status=CHANNEL[r.status],
            arrival=r.arrival,
            departure=r.departure,
            adults=r.adults,
            children=r.children,
            master_id=self.int_ids.get(r.master_id) if r.master_id else None,
            price=money.quantize(r.total, r.currency),
            currency=r.currency,
        )


def default_description(kind: str | None) -> str:
    return "Payment" if kind == "payment" else "Charge"


def _required(values: dict[str, Any], name: str) -> Any:
    if values.get(name) is None:
        raise InvalidInput(
            f"{name} is required for a new item.", code=f"{name}IsRequired", field=name
        )
    return values[name]


def _differs(r: Reservation, stay: StayChange, ids: RequestIds, unit_int: int | None) -> bool:
    return (
        (stay.arrival is not None and stay.arrival != r.arrival)
        or (stay.departure is not None and stay.departure != r.departure)
        or (stay.adults is not None and stay.adults != r.adults)
        or (stay.children is not None and stay.children != r.children)
        or stay.unit_id is not None
    )


async def _refuse_taken(
    session: AsyncSession, unit_type_id: uuid.UUID, arrival: date, departure: date
) -> None:
    """actions.checkAvailability on a booking that holds no nights (an inquiry): refused
    like a booking when a night has no unit to sell (availability's one rule)."""
    sellable = await sellable_units(session, unit_type_id, arrival, departure)
    taken = sorted(night for night, count in sellable.items() if count < 1)
    if taken:
        raise NightsUnavailable(taken)


# --- delete --------------------------------------------------------------------------------


async def cancel_bookings(
    session: AsyncSession,
    principal: Principal,
    business_ids: frozenset[uuid.UUID],
    booking_ids: Sequence[int],
) -> list[Outcome]:
    """DELETE /bookings: each booking cancelled through the lifecycle (its nights freed, its
    refund recorded); nothing is erased, so the money history stays. One already cancelled
    is reported as such and counts as done."""
    ids = await resolve_ids(session, business_ids, [BookingWrite(id=i) for i in booking_ids])
    await lock_unit_types(session, {t for _, t in ids.bookings.values()})
    ctx = _Context(session, principal, ids, BulkBooking(session, principal))
    out: list[Outcome] = []
    for booking_id in booking_ids:
        result = Outcome("delete")
        found = ids.bookings.get(booking_id)
        if found is None:
            result.errors.append(Issue("delete", "id", f"No booking {booking_id} in this account."))
            out.append(result)
            continue
        try:
            async with session.begin_nested():
                reservation, _ = await get_reservation(session, principal, found[0], lock=True)
                if reservation.status in FINAL:
                    result.info.append(
                        Issue("delete", "id", f"Booking {booking_id} was already cancelled.")
                    )
                else:
                    await lifecycle.cancel(session, principal, found[0])
                    result.changed.append("status")
        except CAUGHT as exc:
            result.errors.append(issue_of("delete", exc))
        cancelled = await session.get(Reservation, found[0])
        assert cancelled is not None
        await session.refresh(cancelled)
        result.booking = await ctx._summary(cancelled)
        out.append(result)
    return out
