"""The bookingManagement dispute routes under /bookingmanagement-api (spec §5.2):
createDispute, getDispute, listDisputes and updateDispute, by hand over
staykit.domain.disputes (the rules live there: who opens, who sees, who decides, the
refund a decision approves).

A Dispute (spec §5.1) with staykit's additions: `raisedAs` (guest or host), the refund's
`refundAmount` in the reservation's `currency`, and `refundEntryId` (the ledger row of
the refund)."""

# No `from __future__ import annotations`: FastAPI must see the real body classes.

import uuid
from datetime import datetime
from decimal import Decimal
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Path
from fastapi.responses import JSONResponse
from pydantic import Field, StrictBool, field_validator
from pydantic_core import PydanticCustomError
from sqlalchemy import select

from staykit.api.deps import payment_provider
from staykit.api.marketplace import filters as flt
from staykit.api.marketplace.context import Context, Ctx
from staykit.api.marketplace.envelope import RECORD_FIELDS, jsonable, money_json, respond
from staykit.api.marketplace.filters import Kind
from staykit.api.marketplace.resource import (
    Resource,
    get_joins,
    list_parameters,
    list_records,
    read_parameters,
)
from staykit.api.marketplace.responses import READ, WRITE, Record, described, envelope
from staykit.api.marketplace.responses import Access as A
from staykit.core.errors import InvalidInput
from staykit.core.schemas import Input
from staykit.domain.booking.models import Reservation
from staykit.domain.disputes import access, service
from staykit.domain.disputes.models import RESOLUTION_STATUSES, Dispute
from staykit.domain.records import Records

router = APIRouter()
DisputeId = Annotated[uuid.UUID, Path(description="The dispute's id")]
ResolutionStatus = Literal["pending", "reviewing", "resolved", "rejected"]
RefundAmount = Annotated[Decimal, Field(gt=0, le=Decimal("1000000000"), max_digits=16)]


# --- bodies -----------------------------------------------------------------------------------


class CreateDispute(Input):
    """createDispute. The server sets raisedBy (the caller: when sent it must be), the
    status (pending: when sent it must be), reportedAt (its clock: a sent value is checked
    and ignored); adminId, resolvedAt and refundApproved are an admin's decision and may
    only be sent empty."""

    reservation_id: uuid.UUID
    issue_type: str = Field(min_length=1, max_length=service.MAX_ISSUE_TYPE)
    description: str = Field(min_length=1, max_length=service.MAX_DESCRIPTION)
    related_payment_id: uuid.UUID | None = None
    raised_by: uuid.UUID | None = None
    reported_at: datetime | None = None
    resolution_status: ResolutionStatus | None = None
    admin_id: uuid.UUID | None = None
    resolved_at: datetime | None = None
    refund_approved: StrictBool | None = None

    def command(self) -> service.NewDispute:
        for name, wire, value, empty in (
            ("admin_id", "adminId", self.admin_id, None),
            ("resolved_at", "resolvedAt", self.resolved_at, None),
            ("refund_approved", "refundApproved", self.refund_approved, False),
        ):
            if value is not None and value != empty:
                raise InvalidInput(
                    f"{wire} is set by an admin's decision, not when a dispute is opened.",
                    code=f"{wire}IsSetByAdmins",
                    field=name,
                )
        if self.resolution_status not in (None, "pending"):
            raise InvalidInput(
                "A dispute opens as pending.", code="disputeOpensPending", field="resolution_status"
            )
        return service.NewDispute(
            reservation_id=self.reservation_id,
            issue_type=self.issue_type,
            description=self.description,
            related_payment_id=self.related_payment_id,
            claimed_raised_by=self.raised_by,
        )


class UpdateDispute(Input):
    """updateDispute (admins). `resolutionStatus` pending -> reviewing -> resolved or
    rejected; assigning `adminId` takes a pending dispute into review. A refund is
    approved with resolutionStatus resolved, refundApproved true and refundAmount
    (staykit). resolvedAt is the server's (a sent value is checked and ignored). `notes`
    (staykit) go on the decision's admin dispute action."""

    admin_id: uuid.UUID | None = None
    issue_type: str | None = Field(default=None, min_length=1, max_length=service.MAX_ISSUE_TYPE)
    description: str | None = Field(default=None, min_length=1, max_length=service.MAX_DESCRIPTION)
    resolution_status: ResolutionStatus | None = None
    resolved_at: datetime | None = None
    refund_approved: StrictBool | None = None
    refund_amount: RefundAmount | None = None
    notes: str | None = Field(default=None, max_length=service.MAX_NOTES)

    @field_validator("admin_id", "issue_type", "description", "resolution_status")
    @classmethod
    def _not_null(cls, value: Any) -> Any:
        if value is None:
            raise PydanticCustomError("not_null", "must not be null")
        return value

    def change(self, ip_address: str) -> service.DisputeChange:
        if not self.model_fields_set - {"resolved_at"}:
            raise InvalidInput(
                "Nothing to change: send adminId, resolutionStatus, issueType, description "
                "or a refund decision.",
                code="bodyIsEmpty",
                field="body",
            )
        return service.DisputeChange(
            admin_id=self.admin_id,
            issue_type=self.issue_type,
            description=self.description,
            resolution_status=self.resolution_status,
            refund_approved=self.refund_approved,
            refund_amount=self.refund_amount,
            note=self.notes,
            ip_address=ip_address,
        )


# --- shaping ----------------------------------------------------------------------------------


class DisputeRecord(Record):
    """A Dispute (spec §5.1) as `dispute_json` writes it."""

    reservationId: uuid.UUID
    raisedBy: uuid.UUID
    adminId: uuid.UUID | None
    issueType: str
    description: str
    relatedPaymentId: uuid.UUID | None
    resolutionStatus: str
    resolutionStatus_idx: int | None
    reportedAt: datetime
    resolvedAt: datetime | None
    refundApproved: bool
    raisedAs: str
    refundAmount: float | None
    currency: str
    refundEntryId: uuid.UUID | None


DISPUTE = envelope("dispute", DisputeRecord)


def dispute_json(d: Dispute, currency: str) -> dict[str, Any]:
    """The one place the marketplace shapes a dispute (money in the reservation's
    currency, written by the surface's money serializer)."""
    status = d.resolution_status
    out: dict[str, Any] = {
        "id": str(d.id),
        "reservationId": str(d.reservation_id),
        "raisedBy": str(d.raised_by),
        "adminId": jsonable(d.admin_id),
        "issueType": d.issue_type,
        "description": d.description,
        "relatedPaymentId": jsonable(d.related_payment_id),
        "resolutionStatus": status,
        "resolutionStatus_idx": (
            RESOLUTION_STATUSES.index(status) if status in RESOLUTION_STATUSES else None
        ),
        "reportedAt": jsonable(d.reported_at),
        "resolvedAt": jsonable(d.resolved_at),
        "refundApproved": d.refund_approved,
        # staykit additions
        "raisedAs": d.raised_as,
        "refundAmount": money_json(d.refund_amount, currency),
        "currency": currency,
        "refundEntryId": jsonable(d.refund_entry_id),
    }
    for f in RECORD_FIELDS:
        out[f.name] = jsonable(getattr(d, f.attr))
    return out


async def _shape_rows(ctx: Ctx, rows: list[Dispute]) -> list[dict[str, Any]]:
    """Disputes with their reservations' currencies, read in one query."""
    ids = {d.reservation_id for d in rows}
    currencies: dict[uuid.UUID, str] = {}
    if ids:
        found = await ctx.session.execute(
            select(Reservation.id, Reservation.currency).where(Reservation.id.in_(ids))
        )
        currencies = {rid: cur for rid, cur in found}
    return [dispute_json(d, currencies[d.reservation_id]) for d in rows]


async def _one(ctx: Ctx, dispute: Dispute) -> dict[str, Any]:
    return (await _shape_rows(ctx, [dispute]))[0]


disputes_resource = Resource(
    name="dispute",
    plural="disputes",
    # Lists only: the route builds the readable statement (disputes.access).
    records=Records(Dispute, "dispute"),
    id_param="disputeId",
    filters={
        "reservationId": flt.FilterSpec("reservationId", Dispute.reservation_id, Kind.ID),
        "raisedBy": flt.FilterSpec("raisedBy", Dispute.raised_by, Kind.ID),
        "adminId": flt.FilterSpec("adminId", Dispute.admin_id, Kind.ID),
        "resolutionStatus": flt.FilterSpec(
            "resolutionStatus", Dispute.resolution_status, Kind.ENUM, RESOLUTION_STATUSES
        ),
        "issueType": flt.FilterSpec("issueType", Dispute.issue_type, Kind.STRING),
    },
    shape_rows=_shape_rows,
)


# --- routes -----------------------------------------------------------------------------------


@router.post(
    "/v1/disputes",
    tags=["disputes"],
    summary="createDispute",
    status_code=201,
    **described(A.LOGIN, *WRITE, model=DISPUTE),
)
async def create_dispute(ctx: Context, body: CreateDispute) -> JSONResponse:
    """Open a dispute on a reservation: its guest or host only (403 for anyone else who
    can see it, 404 for a reservation the caller cannot see). One open dispute per
    reservation (409). The reservation's disputeStatus becomes `requested`."""
    dispute = await service.open_dispute(ctx.session, ctx.user(), body.command())
    return respond(ctx, "dispute", await _one(ctx, dispute), action="create")


@router.get(
    "/v1/disputes/{disputeId}",
    tags=["disputes"],
    summary="getDispute",
    **described(A.LOGIN, *READ, model=DISPUTE, parameters=read_parameters()),
)
async def get_dispute(ctx: Context, disputeId: DisputeId) -> JSONResponse:
    """The reservation's guest and host, the assigned admin and admins; 404 for anyone
    else. No joins."""
    get_joins(ctx)  # the common parameters are checked; a dispute has no joins
    dispute = await service.get_dispute(ctx.session, ctx.user(), disputeId)
    return respond(ctx, "dispute", await _one(ctx, dispute), action="get")


@router.get(
    "/v1/disputes",
    tags=["disputes"],
    summary="listDisputes",
    **described(
        A.LOGIN,
        400,
        model=envelope("disputes", DisputeRecord, "page"),
        parameters=list_parameters(disputes_resource),
    ),
)
async def list_disputes(ctx: Context) -> JSONResponse:
    """The disputes the caller may see (of reservations they are the guest or host of;
    admins all), newest first. No joins."""
    base = select(Dispute).where(access.readable_condition(ctx.user()))
    return await list_records(ctx, disputes_resource, base=base)


@router.patch(
    "/v1/disputes/{disputeId}",
    tags=["disputes"],
    summary="updateDispute",
    **described(A.LOGIN, *WRITE, 503, model=DISPUTE),
)
async def update_dispute(ctx: Context, disputeId: DisputeId, body: UpdateDispute) -> JSONResponse:
    """Admins only (the assigned admin or any admin; 403 for the guest and host, 404 for
    anyone who cannot see it). A resolved or rejected dispute is final (409). An approved
    refund goes through the payment provider, never above what is left to refund (400),
    once however often the decision is sent. Each decision writes an admin dispute action
    and an audit log row; the reservation's disputeStatus follows."""
    dispute = await service.decide(
        ctx.session,
        ctx.user(),
        lambda: payment_provider(ctx.request),
        disputeId,
        body.change(ctx.ip),
    )
    return respond(ctx, "dispute", await _one(ctx, dispute), action="update")


__all__ = ["dispute_json", "router"]
