"""The messaging service's report routes under /messaging-api (spec §3.2):
createMessageReport, getMessageReport, listMessageReports and updateMessageReport, by
hand over staykit.domain.messaging.reports (the rules live there). No delete route: the
spec has none, and a report is moderation history."""

# No `from __future__ import annotations`: FastAPI must see the real body classes.

import uuid
from typing import Annotated, Any

from fastapi import APIRouter, Path
from fastapi.responses import JSONResponse
from sqlalchemy import select

from staykit.api.marketplace import filters as flt
from staykit.api.marketplace.context import Context, Ctx
from staykit.api.marketplace.envelope import respond
from staykit.api.marketplace.filters import Kind
from staykit.api.marketplace.messaging_schemas import (
    CreateMessageReport,
    MessageReportRecord,
    UpdateMessageReport,
    report_json,
)
from staykit.api.marketplace.resource import (
    Resource,
    get_joins,
    list_parameters,
    list_records,
    read_parameters,
)
from staykit.api.marketplace.responses import READ, WRITE, described, envelope
from staykit.api.marketplace.responses import Access as A
from staykit.domain.messaging import reports
from staykit.domain.messaging.models import MODERATION_STATUSES, MessageReport
from staykit.domain.records import Records

router = APIRouter()
ReportId = Annotated[uuid.UUID, Path(description="The message report's id")]
REPORT = envelope("messageReport", MessageReportRecord)


async def _shape(ctx: Ctx, rows: list[MessageReport]) -> list[dict[str, Any]]:
    return [report_json(r) for r in rows]


reports_resource = Resource(
    name="messageReport",
    plural="messageReports",
    records=Records(MessageReport, "messageReport"),
    id_param="messageReportId",
    filters={
        "messageId": flt.FilterSpec("messageId", MessageReport.message_id, Kind.ID),
        "reportedBy": flt.FilterSpec("reportedBy", MessageReport.reported_by, Kind.ID),
        "adminId": flt.FilterSpec("adminId", MessageReport.admin_id, Kind.ID),
        "moderationStatus": flt.FilterSpec(
            "moderationStatus", MessageReport.moderation_status, Kind.ENUM, MODERATION_STATUSES
        ),
        "reportedAt": flt.FilterSpec("reportedAt", MessageReport.reported_at, Kind.DATETIME),
    },
    shape_rows=_shape,
)


@router.post(
    "/v1/messagereports",
    tags=["messageReports"],
    summary="createMessageReport",
    status_code=201,
    **described(A.LOGIN, *WRITE, model=REPORT),
)
async def create_message_report(ctx: Context, body: CreateMessageReport) -> JSONResponse:
    """Report a message: a participant of its thread who did not write it (404 for a
    message the caller cannot read, 403 for readers who are not participants). The
    report is pending; reportedBy and reportedAt are the server's."""
    caller = ctx.user()
    report = await reports.file_report(ctx.session, caller, body.command(caller))
    return respond(ctx, "messageReport", report_json(report), action="create")


@router.get(
    "/v1/messagereports/{messageReportId}",
    tags=["messageReports"],
    summary="getMessageReport",
    **described(A.LOGIN, *READ, model=REPORT, parameters=read_parameters()),
)
async def get_message_report(ctx: Context, messageReportId: ReportId) -> JSONResponse:
    """The reporter, the reported message's sender and admins; 404 for anyone else."""
    get_joins(ctx)
    report = await reports.get_report(ctx.session, ctx.user(), messageReportId)
    return respond(ctx, "messageReport", report_json(report), action="get")


@router.get(
    "/v1/messagereports",
    tags=["messageReports"],
    summary="listMessageReports",
    **described(
        A.LOGIN,
        400,
        model=envelope("messageReports", MessageReportRecord, "page"),
        parameters=list_parameters(reports_resource),
    ),
)
async def list_message_reports(ctx: Context) -> JSONResponse:
    """Admins: every report; others: those they filed and those about their messages.
    Newest first."""
    base = select(MessageReport).where(reports.readable_reports(ctx.user()))
    return await list_records(ctx, reports_resource, base=base)


@router.patch(
    "/v1/messagereports/{messageReportId}",
    tags=["messageReports"],
    summary="updateMessageReport",
    **described(A.LOGIN, *WRITE, model=REPORT),
)
async def update_message_report(
    ctx: Context, messageReportId: ReportId, body: UpdateMessageReport
) -> JSONResponse:
    """Admins only (403 for the reporter and the sender, 404 for anyone else): move the
    status forward (pending, reviewed, closed; closed is final: 409), assign the
    moderating admin (the caller by default), add resolution notes."""
    report = await reports.moderate(ctx.session, ctx.user(), messageReportId, body.decision())
    return respond(ctx, "messageReport", report_json(report), action="update")


__all__ = ["router"]
