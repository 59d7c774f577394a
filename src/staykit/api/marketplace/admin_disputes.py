"""The platformAdmin service's admin dispute actions under /platformadmin-api (spec §7.2):
listAdminDisputeActions and createAdminDisputeAction, admins only.

updateDispute writes an action for each decision it takes (assign, review, resolve,
reject, edit); this route records other actions by hand (a call, evidence, a note). Each
writes an audit log row (staykit.domain.disputes.actions); the audit log's own routes come
with the platform admin work."""

# No `from __future__ import annotations`: FastAPI must see the real body classes.

import uuid
from datetime import datetime

from fastapi import APIRouter
from fastapi.responses import JSONResponse
from pydantic import Field
from sqlalchemy import select

from staykit.api.marketplace import filters as flt
from staykit.api.marketplace.context import Context
from staykit.api.marketplace.envelope import Field as Prop
from staykit.api.marketplace.envelope import respond, shape
from staykit.api.marketplace.filters import Kind
from staykit.api.marketplace.resource import Resource, list_parameters, list_records
from staykit.api.marketplace.responses import Access as A
from staykit.api.marketplace.responses import described, envelope, record_model
from staykit.core.schemas import Input
from staykit.domain.auth import policy
from staykit.domain.disputes import actions
from staykit.domain.disputes.models import AdminDisputeAction
from staykit.domain.records import Records

router = APIRouter()

FIELDS = (
    Prop("disputeId", "dispute_id"),
    Prop("actionTaken", "action_taken"),
    Prop("notes", "notes"),
    Prop("adminId", "admin_id"),
    Prop("outcome", "outcome"),
    Prop("actionDate", "action_date"),
)
ActionRecord = record_model("AdminDisputeAction", FIELDS, AdminDisputeAction)
ACTION = envelope("adminDisputeAction", ActionRecord)


class CreateAdminDisputeAction(Input):
    """createAdminDisputeAction. adminId is the caller (when sent it must be);
    actionDate is the server's clock (a sent value is checked and ignored). The decision
    words (assign, review, resolve, reject, edit) are updateDispute's."""

    dispute_id: uuid.UUID
    action_taken: str = Field(min_length=1, max_length=actions.MAX_ACTION)
    admin_id: uuid.UUID | None = None
    notes: str | None = Field(default=None, max_length=actions.MAX_NOTES)
    outcome: str | None = Field(default=None, max_length=actions.MAX_OUTCOME)
    action_date: datetime | None = None

    def command(self, ip_address: str) -> actions.NewAdminAction:
        return actions.NewAdminAction(
            dispute_id=self.dispute_id,
            action_taken=self.action_taken,
            notes=self.notes,
            outcome=self.outcome,
            claimed_admin_id=self.admin_id,
            ip_address=ip_address,
        )


actions_resource = Resource(
    name="adminDisputeAction",
    plural="adminDisputeActions",
    records=Records(AdminDisputeAction, "adminDisputeAction", may_read=policy.require_admin),
    id_param="adminDisputeActionId",
    fields=FIELDS,
    filters={
        "disputeId": flt.FilterSpec("disputeId", AdminDisputeAction.dispute_id, Kind.ID),
        "adminId": flt.FilterSpec("adminId", AdminDisputeAction.admin_id, Kind.ID),
    },
)


@router.get(
    "/v1/admindisputeactions",
    tags=["adminDisputeActions"],
    summary="listAdminDisputeActions",
    **described(
        A.LOGIN,
        400,
        model=envelope("adminDisputeActions", ActionRecord, "page"),
        parameters=list_parameters(actions_resource),
    ),
)
async def list_admin_dispute_actions(ctx: Context) -> JSONResponse:
    """Admins only: every action on disputes, newest first; filter by disputeId, adminId."""
    base = select(AdminDisputeAction).where(actions.readable_actions(ctx.user()))
    return await list_records(ctx, actions_resource, base=base)


@router.post(
    "/v1/admindisputeactions",
    tags=["adminDisputeActions"],
    summary="createAdminDisputeAction",
    status_code=201,
    **described(A.LOGIN, 400, 404, 413, model=ACTION),
)
async def create_admin_dispute_action(ctx: Context, body: CreateAdminDisputeAction) -> JSONResponse:
    """Admins only: record an action on a dispute (404 for an unknown dispute), with an
    audit log row."""
    row = await actions.add_admin_action(ctx.session, ctx.user(), body.command(ctx.ip))
    return respond(ctx, "adminDisputeAction", shape(row, FIELDS), action="create")
