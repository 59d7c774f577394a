"""The platformAdmin service's GDPR requests under /platformadmin-api (spec §7.2):
createGdprAction, listGdprActions and updateGdprAction, and the download of an export's
archive by its signed link. There is no delete route: requests are compliance records."""

# No `from __future__ import annotations`: FastAPI must see the real body classes.

import uuid
from datetime import datetime
from typing import Annotated

from fastapi import APIRouter, Path
from fastapi.responses import JSONResponse, Response

from staykit.api.marketplace import filters as flt
from staykit.api.marketplace.context import Context
from staykit.api.marketplace.envelope import Field as Prop
from staykit.api.marketplace.envelope import respond, shape
from staykit.api.marketplace.filters import Kind
from staykit.api.marketplace.resource import Resource, list_parameters, list_records
from staykit.api.marketplace.responses import Access as A
from staykit.api.marketplace.responses import described, envelope, record_model
from staykit.core.schemas import Input
from staykit.domain.gdpr import exports, service
from staykit.domain.gdpr.models import STATUSES, GdprAction

router = APIRouter()

FIELDS = (
    Prop("requestedAt", "requested_at"),
    Prop("status", "status", STATUSES),
    Prop("actionType", "action_type"),
    Prop("userId", "user_id"),
    Prop("processedAt", "processed_at"),
    Prop("failureReason", "failure_reason"),
)
ActionRecord = record_model("GdprAction", FIELDS, GdprAction)
ACTION = envelope("gdprAction", ActionRecord)


class CreateGdprAction(Input):
    """createGdprAction: actionType export, delete or consent; userId is the caller's own
    id (an admin's: anyone's). requestedAt and status (pending) are the server's;
    processedAt is set when a compliance admin decides (a sent value is not stored)."""

    action_type: str
    user_id: uuid.UUID
    processed_at: datetime | None = None


class UpdateGdprAction(Input):
    """updateGdprAction: the decision (complete or failed). processedAt is the server's
    clock at the decision (a sent value is not stored)."""

    status: str | None = None
    processed_at: datetime | None = None


gdpr_resource = Resource(
    name="gdprAction",
    plural="gdprActions",
    records=service.ACTIONS,
    id_param="gdprActionId",
    fields=FIELDS,
    filters={
        "userId": flt.FilterSpec("userId", GdprAction.user_id, Kind.ID),
        "actionType": flt.FilterSpec("actionType", GdprAction.action_type, Kind.ENUM),
        "status": flt.FilterSpec("status", GdprAction.status, Kind.ENUM),
        "requestedAt": flt.FilterSpec("requestedAt", GdprAction.requested_at, Kind.DATETIME),
    },
)


@router.get(
    "/v1/gdpractions",
    tags=["gdprActions"],
    summary="listGdprActions",
    **described(
        A.LOGIN,
        400,
        model=envelope("gdprActions", ActionRecord, "page"),
        parameters=list_parameters(gdpr_resource),
    ),
)
async def list_gdpr_actions(ctx: Context) -> JSONResponse:
    """Admins see every request (audit and compliance); a user sees their own. Newest
    first; filter by userId, actionType, status, requestedAt."""
    ctx.user()
    return await list_records(ctx, gdpr_resource)


@router.post(
    "/v1/gdpractions",
    tags=["gdprActions"],
    summary="createGdprAction",
    status_code=201,
    **described(A.LOGIN, 400, 404, 413, model=ACTION),
)
async def create_gdpr_action(ctx: Context, body: CreateGdprAction) -> JSONResponse:
    """File an export, delete or consent request about yourself (an admin: about anyone;
    another user's id is 403). An export is built at once and its link sent to you."""
    command = service.NewGdprAction(body.action_type, body.user_id, ctx.ip)
    row = await service.create_action(ctx.session, ctx.user(), command)
    return respond(ctx, "gdprAction", shape(row, FIELDS), action="create")


@router.patch(
    "/v1/gdpractions/{gdprActionId}",
    tags=["gdprActions"],
    summary="updateGdprAction",
    **described(A.LOGIN, 400, 404, 409, 413, model=ACTION),
)
async def update_gdpr_action(
    ctx: Context, gdprActionId: uuid.UUID, body: UpdateGdprAction
) -> JSONResponse:
    """Compliance admins only (a superAdmin, or an admin granted `gdpr.manage`): decide a
    pending request. Completing a delete request erases the person, irreversibly;
    completing an export builds it now. A decided request is final (409)."""
    command = service.GdprDecision(body.status, ctx.ip)
    row = await service.update_action(ctx.session, ctx.user(), gdprActionId, command, ctx.settings)
    return respond(ctx, "gdprAction", shape(row, FIELDS), action="update")


@router.get(
    "/v1/gdprexports/{token}",
    tags=["gdprActions"],
    summary="downloadGdprExport",
    response_class=Response,
    **described(
        A.LOGIN,
        400,
        410,
        content={200: {"application/zip": {"schema": {"type": "string", "format": "binary"}}}},
    ),
)
async def download_gdpr_export(
    ctx: Context, token: Annotated[str, Path(min_length=1, max_length=1000)]
) -> Response:
    """The archive of your export (a zip of JSON files), by the signed link you were
    sent: 403 if the link was altered or is someone else's, 410 once it expired."""
    got = await exports.download(ctx.session, ctx.user(), token, ctx.settings)
    return Response(
        got.data,
        media_type="application/zip",
        headers={
            "Content-Disposition": f'attachment; filename="{got.filename}"',
            "Cache-Control": "no-store",
            "X-Content-Type-Options": "nosniff",
        },
    )
