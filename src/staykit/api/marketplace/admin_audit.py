"""The platformAdmin service's audit log and API keys under /platformadmin-api (spec §7.2):
getAuditLog, listAuditLogs, createAuditLog; createApiKey, listApiKeys, updateApiKey.
Admins only (a first-party admin session: partner credentials never reach these).

Audit rows are written by the sensitive actions themselves (staykit.domain.audit); the
admin's createAuditLog reports one by hand, with the caller as performer and the server's
clock and connection address. API keys are the identity layer's api_key grants
(staykit.domain.partners.api_keys): the raw key is in createApiKey's answer only."""

# No `from __future__ import annotations`: FastAPI must see the real body classes.

import uuid
from datetime import datetime
from typing import Any

from fastapi import APIRouter, Path
from fastapi.responses import JSONResponse
from pydantic import Field, JsonValue

from staykit.api.marketplace import filters as flt
from staykit.api.marketplace.context import Context
from staykit.api.marketplace.envelope import Field as Prop
from staykit.api.marketplace.envelope import Paging, jsonable, respond, shape
from staykit.api.marketplace.filters import Kind
from staykit.api.marketplace.resource import list_params, read_parameters
from staykit.api.marketplace.responses import READ, described, envelope, record_model
from staykit.api.marketplace.responses import Access as A
from staykit.core.errors import InvalidInput
from staykit.core.schemas import Input
from staykit.domain.audit import service as audit
from staykit.domain.audit.models import AuditLog
from staykit.domain.partners import api_keys

router = APIRouter()

# --- audit logs ---------------------------------------------------------------------------

AUDIT_FIELDS = (
    Prop("performedBy", "performed_by"),
    Prop("objectId", "object_id"),
    Prop("details", "details"),
    Prop("ipAddress", "ip_address"),
    Prop("actionObject", "action_object"),
    Prop("occurredAt", "occurred_at"),
    Prop("actionType", "action_type"),
    Prop("credential", "credential"),
    Prop("clientId", "client_id"),
    Prop("tokenId", "token_id"),
    Prop("surface", "surface"),
)
AuditRecord = record_model("AuditLog", AUDIT_FIELDS, AuditLog, record=False)
AUDIT = envelope("auditLog", AuditRecord)
AUDIT_FILTERS = {
    "performedBy": flt.FilterSpec("performedBy", AuditLog.performed_by, Kind.ID),
    "objectId": flt.FilterSpec("objectId", AuditLog.object_id, Kind.ID),
    "actionObject": flt.FilterSpec("actionObject", AuditLog.action_object, Kind.STRING),
    "occurredAt": flt.FilterSpec("occurredAt", AuditLog.occurred_at, Kind.DATETIME),
    "actionType": flt.FilterSpec("actionType", AuditLog.action_type, Kind.STRING),
}


def _paged_parameters(filters: dict[str, flt.FilterSpec]) -> list[dict[str, Any]]:
    """Paging, the common parameters and the filters, as listAuditLogs reads them."""
    params: list[dict[str, Any]] = [
        {"name": "pageNumber", "in": "query", "required": False,
         "schema": {"type": "integer", "minimum": 0}, "description": "1-based; 0 = every row."},
        {"name": "pageRowCount", "in": "query", "required": False,
         "schema": {"type": "integer", "minimum": 1}, "description": "Rows per page (25)."},
        {"name": "cacheTTL", "in": "query", "required": False,
         "schema": {"type": "integer", "minimum": 0, "maximum": 86_400}},
        *read_parameters(),
    ]  # fmt: skip
    kinds = {Kind.ID: {"type": "string", "format": "uuid"}}
    for name, spec in filters.items():
        item = kinds.get(spec.kind, {"type": "string", "maxLength": 500})
        params.append(
            {
                "name": name,
                "in": "query",
                "required": False,
                "schema": {"type": "array", "items": item},
                "style": "form",
                "explode": True,
                "description": "Filter; repeat to OR values; `null` matches none.",
            }
        )
    return params


@router.get(
    "/v1/auditlogs/{auditLogId}",
    tags=["auditLogs"],
    summary="getAuditLog",
    **described(A.LOGIN, *READ, model=AUDIT, parameters=read_parameters()),
)
async def get_audit_log(ctx: Context, auditLogId: uuid.UUID = Path(...)) -> JSONResponse:
    """Admins only: one audit row."""
    row = await audit.get_audit_log(ctx.session, ctx.user(), auditLogId)
    return respond(ctx, "auditLog", shape(row, AUDIT_FIELDS, record=False), action="get")


@router.get(
    "/v1/auditlogs",
    tags=["auditLogs"],
    summary="listAuditLogs",
    **described(
        A.LOGIN,
        400,
        model=envelope("auditLogs", AuditRecord, "page"),
        parameters=_paged_parameters(AUDIT_FILTERS),
    ),
)
async def list_audit_logs(ctx: Context) -> JSONResponse:
    """Admins only: audit rows, newest first; filter by performedBy, objectId,
    actionObject, occurredAt (a UTC date or a §1.5 date range), actionType."""
    actor = ctx.user()
    params = list_params(ctx)
    conditions = flt.build(AUDIT_FILTERS, list(ctx.request.query_params.multi_items()))
    page = await audit.audit_page(
        ctx.session,
        actor,
        conditions=conditions,
        page_number=params.page_number,
        page_row_count=params.page_row_count,
        max_rows=ctx.settings.max_page_rows,
    )
    rows = [shape(r, AUDIT_FIELDS, record=False) for r in page.rows]
    size = (
        params.page_row_count if params.page_number else min(page.total, ctx.settings.max_page_rows)
    )
    return respond(
        ctx,
        "auditLogs",
        rows,
        action="list",
        paging=Paging(params.page_number, size, page.total),
    )


class CreateAuditLog(Input):
    """createAuditLog. performedBy is the caller (when sent it must be); occurredAt is
    the server's clock; ipAddress, when sent, is kept in the details as the reported
    address beside the connection's own."""

    performed_by: uuid.UUID | None = None
    object_id: uuid.UUID | None = None
    details: dict[str, JsonValue] | None = None
    ip_address: str | None = Field(default=None, max_length=45)
    action_object: str = Field(min_length=1, max_length=audit.MAX_ACTION_OBJECT)
    action_type: str = Field(min_length=1, max_length=audit.MAX_ACTION_TYPE)
    occurred_at: datetime | None = None

    def command(self, ip: str) -> audit.ReportedAction:
        return audit.ReportedAction(
            action_type=self.action_type,
            action_object=self.action_object,
            object_id=self.object_id,
            details=self.details,
            claimed_performer=self.performed_by,
            claimed_ip_address=self.ip_address,
            ip_address=ip,
        )


@router.post(
    "/v1/auditlogs",
    tags=["auditLogs"],
    summary="createAuditLog",
    status_code=201,
    **described(A.LOGIN, 400, 413, model=AUDIT),
)
async def create_audit_log(ctx: Context, body: CreateAuditLog) -> JSONResponse:
    """Admins only: report an action by hand (the platform's own flows write theirs)."""
    row = await audit.report_action(ctx.session, ctx.user(), body.command(ctx.ip))
    return respond(ctx, "auditLog", shape(row, AUDIT_FIELDS, record=False), action="create")


# --- API keys -----------------------------------------------------------------------------

API_KEY_PROPS: dict[str, Any] = {
    "key": str,
    "keyHash": str,
    "active": bool,
    "description": str | None,
    "revokedAt": datetime | None,
    "createdBy": uuid.UUID,
    "createdAt": datetime,
    "lastUsedAt": datetime | None,
    "businessIds": list[uuid.UUID],
    "scopes": list[str],
}
ApiKeyRecord = record_model("ApiKey", (), AuditLog, record=False, extra=API_KEY_PROPS)
API_KEY = envelope("apiKey", ApiKeyRecord)


def _api_key(view: api_keys.ApiKeyView) -> dict[str, Any]:
    """A key as every route shows it: `key` is the raw value in createApiKey's answer
    and the non-secret hint (prefix and four characters, then "...") everywhere else."""
    g = view.grant
    return {
        "id": str(g.id),
        "key": view.value if view.value is not None else f"{view.hint}...",
        "keyHash": view.key_hash,
        "active": g.revoked_at is None,
        "description": g.label,
        "revokedAt": jsonable(g.revoked_at),
        "createdBy": str(g.user_id),
        "createdAt": jsonable(g.created_at),
        "lastUsedAt": jsonable(view.last_used_at),
        "businessIds": [str(b) for b in g.business_ids],
        "scopes": list(g.scopes),
    }


class CreateApiKey(Input):
    """createApiKey. Leave `key` out and the server makes one (recommended: 256 random
    bits); a sent key must be `stk_ak_` and 32+ random URL-safe characters. `active`
    must be true (a key is made active; revoke it with updateApiKey) and `revokedAt`
    empty. `createdBy` is the caller. `businessIds` (default none) are businesses the
    admin manages that the key may act on, with `scopes` (default: every read scope)."""

    key: str | None = Field(default=None, max_length=300)
    active: bool | None = None
    description: str | None = Field(default=None, max_length=api_keys.MAX_DESCRIPTION)
    revoked_at: datetime | None = None
    created_by: uuid.UUID | None = None
    business_ids: list[uuid.UUID] = Field(default_factory=list, max_length=api_keys.MAX_BUSINESSES)
    scopes: list[str] | None = Field(default=None, max_length=60)

    def command(self, ip: str) -> api_keys.NewApiKey:
        if self.active is False or self.revoked_at is not None:
            raise InvalidInput(
                "A key is made active: send active true (or leave it out) and no revokedAt; "
                "revoke it later with updateApiKey.",
                code="activeIsInvalid",
                field="active" if self.active is False else "revoked_at",
            )
        return api_keys.NewApiKey(
            key=self.key,
            description=self.description,
            business_ids=self.business_ids,
            scopes=self.scopes,
            claimed_creator=self.created_by,
            ip_address=ip,
        )


class UpdateApiKey(Input):
    """updateApiKey: `active` false or any `revokedAt` revokes the key now (the server's
    clock); `active` true on a revoked key is a 409; `description` relabels it."""

    active: bool | None = None
    description: str | None = Field(default=None, max_length=api_keys.MAX_DESCRIPTION)
    revoked_at: datetime | None = None

    def command(self, ip: str) -> api_keys.ApiKeyChanges:
        sent = self.model_fields_set
        return api_keys.ApiKeyChanges(
            revoke=self.active is False or self.revoked_at is not None,
            reactivate=self.active is True,
            description=self.description,
            description_sent="description" in sent,
            ip_address=ip,
        )


@router.post(
    "/v1/apikeys",
    tags=["apiKeys"],
    summary="createApiKey",
    status_code=201,
    **described(A.LOGIN, 400, 404, 409, 413, model=API_KEY),
)
async def create_api_key(ctx: Context, body: CreateApiKey) -> JSONResponse:
    """Admins only: a new API key; its raw value is in this answer and never again."""
    view = await api_keys.create_api_key(ctx.session, ctx.user(), body.command(ctx.ip))
    return respond(ctx, "apiKey", _api_key(view), action="create")


@router.get(
    "/v1/apikeys",
    tags=["apiKeys"],
    summary="listApiKeys",
    **described(
        A.LOGIN,
        400,
        model=envelope("apiKeys", ApiKeyRecord, "page"),
        parameters=_paged_parameters({}),
    ),
)
async def list_api_keys(ctx: Context) -> JSONResponse:
    """Admins only: every API key on the platform, newest first, without raw values."""
    actor = ctx.user()
    params = list_params(ctx)
    views, total = await api_keys.api_key_page(
        ctx.session,
        actor,
        page_number=params.page_number,
        page_row_count=params.page_row_count,
        max_rows=ctx.settings.max_page_rows,
    )
    size = params.page_row_count if params.page_number else min(total, ctx.settings.max_page_rows)
    return respond(
        ctx,
        "apiKeys",
        [_api_key(v) for v in views],
        action="list",
        paging=Paging(params.page_number, size, total),
    )


@router.patch(
    "/v1/apikeys/{apiKeyId}",
    tags=["apiKeys"],
    summary="updateApiKey",
    **described(A.LOGIN, *READ, 409, 413, model=API_KEY),
)
async def update_api_key(
    ctx: Context,
    body: UpdateApiKey,
    apiKeyId: uuid.UUID = Path(...),
) -> JSONResponse:
    """Admins only: revoke a key (it stops working everywhere at once) or relabel it."""
    view = await api_keys.update_api_key(ctx.session, ctx.user(), apiKeyId, body.command(ctx.ip))
    return respond(ctx, "apiKey", _api_key(view), action="update")
