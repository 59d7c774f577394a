"""What the marketplace answers, as its OpenAPI documents describe it: the success
envelope (spec §1.6) around each record's shape, the error body (§1.7) for each status a
route can return, and how a caller authenticates (the seed's four token places).

Routes keep answering with `envelope.respond`'s JSONResponse, so FastAPI neither
validates nor serialises a response a second time: these models only describe the bytes.
A route declares them with `**described(access, statuses..., model=...)`.
"""

from __future__ import annotations

import enum
import uuid
from collections.abc import Iterable, Sequence
from datetime import date, datetime
from decimal import Decimal
from typing import Any, Literal

import sqlalchemy as sa
from pydantic import BaseModel, ConfigDict, create_model
from pydantic import Field as Prop

from staykit.api.marketplace.envelope import Field
from staykit.api.openapi import error_responses

# --- the error body (§1.7) --------------------------------------------------------------------


class ErrorItem(BaseModel):
    """One thing wrong: where (a dotted field path) and what; request validation adds
    `location` (body, query, path, header), domain rules add facts such as `nights`."""

    model_config = ConfigDict(extra="allow")

    field: str
    message: str
    location: str | None = None


class MarketplaceError(BaseModel):
    """The marketplace error body: `message` is the machine name (errMsg_...), `detail`
    says what is wrong for a person, `field` where, `requestId` which request."""

    result: Literal["ERR"]
    status: int
    message: str = Prop(pattern=r"^errMsg_")
    errCode: int
    date: str
    detail: str
    field: str | None = None
    errors: list[ErrorItem] | None = None
    requestId: str | None = None


class SessionError(BaseModel):
    """The seed's short answer of the session routes when there is no login."""

    status: Literal["ERR"]
    message: str


# --- the success envelope (§1.6) ---------------------------------------------------------------


class Envelope(BaseModel):
    """Every envelope field; the record (or list) is under the key named by `dataName`."""

    status: Literal["OK"]
    statusCode: int
    elapsedMs: int
    ssoTime: int
    source: str
    cacheKey: str | None
    userId: uuid.UUID | None
    sessionId: uuid.UUID | None
    requestId: str
    dataName: str
    method: str
    action: str
    appVersion: str
    rowCount: int


class Paging(BaseModel):
    pageNumber: int
    pageRowCount: int
    totalRowCount: int
    pageCount: int


class PagedEnvelope(Envelope):
    paging: Paging
    filters: list[Any]
    uiPermissions: list[Any]


_ENVELOPES: dict[tuple[str, type[BaseModel], str], type[BaseModel]] = {}


def envelope(data_name: str, record: type[BaseModel], kind: str = "one") -> type[BaseModel]:
    """The envelope with `record` under `data_name`: kind "one" (get, create, update,
    delete), "many" (a plain list) or "page" (a list route: adds paging)."""
    key = (data_name, record, kind)
    if key not in _ENVELOPES:
        suffix = {"one": "", "many": "List", "page": "Page"}[kind]
        data: Any = record if kind == "one" else list[record]  # type: ignore[valid-type]
        base: type[Envelope] = PagedEnvelope if kind == "page" else Envelope
        _ENVELOPES[key] = create_model(
            f"{record.__name__}{suffix}Envelope",
            __base__=base,
            __doc__=f"The envelope with `{data_name}`.",
            **{data_name: (data, ...)},  # type: ignore[call-overload]
        )
    return _ENVELOPES[key]


# --- records ----------------------------------------------------------------------------------


class Record(BaseModel):
    """What every marketplace record carries (spec §1.8): its id and RECORD_FIELDS."""

    model_config = ConfigDict(populate_by_name=True)

    id: uuid.UUID
    isActive: bool
    recordVersion: int
    createdAt: datetime
    updatedAt: datetime
    owner_: uuid.UUID | None = Prop(alias="_owner", description="Who created it.")


# --- records from a resource's Field list ------------------------------------------------------

_PYTHON_TYPES: dict[type, Any] = {
    str: str,
    bool: bool,
    int: int,
    float: float,
    Decimal: float,  # written as a JSON number (envelope.number)
    uuid.UUID: uuid.UUID,
    datetime: datetime,
    date: date,
}
_RECORDS: dict[str, type[BaseModel]] = {}


def _column_type(model: type[Any], attr: str) -> Any:
    column = sa.inspect(model).mapper.column_attrs[attr].columns[0]
    try:
        kind = _PYTHON_TYPES.get(column.type.python_type, Any)
    except NotImplementedError:
        kind = Any
    return kind | None if column.nullable and kind is not Any else kind


def _prop(name: str, kind: Any) -> tuple[str, tuple[Any, Any]]:
    """A pydantic field for a JSON name; names with a leading underscore (`_owner`) go
    through an alias, as pydantic keeps such attribute names private."""
    if name.startswith("_"):
        return f"{name.lstrip('_')}_", (kind, Prop(alias=name))
    return name, (kind, ...)


def record_model(
    name: str,
    fields: Sequence[Field],
    model: type[Any],
    *,
    record: bool = True,
    extra: dict[str, Any] | None = None,
    joins: dict[str, Any] | None = None,
) -> type[BaseModel]:
    """The shape `envelope.shape(obj, fields)` writes, typed from the model's columns:
    `id`, each field (and `<name>_idx` for enums), the record fields, `extra` (name ->
    type) for what a route always adds and `joins` for what getJoins=true adds."""
    if name in _RECORDS:
        return _RECORDS[name]
    props: dict[str, Any] = {} if record else dict([_prop("id", uuid.UUID)])
    for f in fields:
        props.update([_prop(f.name, _column_type(model, f.attr))])
        if f.enum:
            props.update([_prop(f"{f.name}_idx", int | None)])
    for key, kind in (extra or {}).items():
        props.update([_prop(key, kind)])
    for key, kind in (joins or {}).items():
        props[key] = (kind, Prop(default=None, description="With getJoins=true (default)."))
    _RECORDS[name] = create_model(
        name, __base__=Record if record else None, __doc__=f"A {name} record.", **props
    )
    return _RECORDS[name]


# --- answers outside the envelope (the seed's session and service routes) ---------------------


class Health(BaseModel):
    status: Literal["OK", "ERR"]
    service: str
    version: str


class HealthChecks(BaseModel):
    database: Literal["OK", "ERR"]


class AdminHealth(Health):
    """503 with the same body when a check fails."""

    checks: HealthChecks


class SessionObject(BaseModel):
    """The session the seed answers from login, relogin, currentuser and the completed
    email two-factor check (without a new token there)."""

    sessionId: uuid.UUID
    userId: uuid.UUID
    email: str
    fullname: str
    avatar: str | None
    roleId: str
    emailVerified: bool
    mobile: str | None
    mobileVerified: bool
    preferredLanguage: str | None
    tenantId: str | None
    sessionNeedsEmail2FA: bool
    sessionNeedsMobile2FA: bool
    loginDate: datetime
    accessToken: str | None
    expiresIn: int | None


class Grant(BaseModel):
    """A permission the caller holds (GET /permissions)."""

    id: uuid.UUID
    permissionName: str
    roleId: str | None
    subjectUserId: uuid.UUID | None
    subjectUserGroupId: uuid.UUID | None
    objectId: uuid.UUID | None
    canDo: bool
    tenantCodename: str | None


class PermissionCheck(BaseModel):
    """Whether the caller may, in general, and the object ids that are exceptions."""

    canDo: bool
    exceptions: list[uuid.UUID]


class StatusMessage(BaseModel):
    status: Literal["OK"]
    message: str


class PostmanCollection(BaseModel):
    """A Postman v2.1 collection of the service's operations."""

    info: dict[str, Any]
    item: list[dict[str, Any]]
    variable: list[dict[str, Any]]


# --- how a caller authenticates -----------------------------------------------------------------

SCHEMES = ("bearerAuth", "accessTokenQuery", "accessTokenHeader", "accessTokenCookie")


def security_schemes(token_name: str) -> dict[str, Any]:
    """The four places the marketplace reads the access token from, in the order it
    looks: query `access_token`, `Authorization: Bearer`, the token header, the cookie."""
    how = "A session access token (an RS256 JWT from POST /auth-api/login)"
    return {
        "accessTokenQuery": {
            "type": "apiKey",
            "in": "query",
            "name": "access_token",
            "description": f"{how} in the query; read first.",
        },
        "bearerAuth": {
            "type": "http",
            "scheme": "bearer",
            "bearerFormat": "JWT",
            "description": f"{how} as `Authorization: Bearer <token>`.",
        },
        "accessTokenHeader": {
            "type": "apiKey",
            "in": "header",
            "name": token_name,
            "description": f"{how} in the `{token_name}` header.",
        },
        "accessTokenCookie": {
            "type": "apiKey",
            "in": "cookie",
            "name": token_name,
            "description": f"{how} in the `{token_name}` cookie (set by login).",
        },
    }


class Access(enum.Enum):
    """Who may call a route: anyone (a token changes nothing), anyone (a token shows more,
    e.g. a host's unpublished listings), or only a logged-in caller."""

    PUBLIC = "public"
    OPTIONAL = "optional"
    LOGIN = "login"


_TOKEN: list[dict[str, list[str]]] = [{scheme: []} for scheme in SCHEMES]
SECURITY: dict[Access, list[dict[str, list[str]]]] = {
    Access.PUBLIC: [],
    Access.OPTIONAL: [{}, *_TOKEN],
    Access.LOGIN: _TOKEN,
}

# --- what a route declares -----------------------------------------------------------------------

_ERRORS = {
    **error_responses(MarketplaceError),
    415: {"model": MarketplaceError, "description": "Not a file type this route accepts."},
    410: {"model": MarketplaceError, "description": "Expired: the link's time is up."},
    402: {"model": MarketplaceError, "description": "The card was declined (declineCode)."},
    503: {
        "model": MarketplaceError,
        "description": "The payment provider is unreachable or not configured; retry later.",
    },
}
_SESSION_401 = {
    "model": SessionError | MarketplaceError,
    "description": "No login (the session routes answer the seed's short body).",
}


def errors(statuses: Iterable[int]) -> dict[int | str, dict[str, Any]]:
    """The error responses of `statuses`, each with the marketplace error body."""
    return {status: _ERRORS[status] for status in sorted(set(statuses))}


def described(
    access: Access,
    *statuses: int,
    model: Any = None,
    parameters: list[dict[str, Any]] | None = None,
    session_401: bool = False,
    content: dict[int, dict[str, Any]] | None = None,
) -> dict[str, Any]:
    """Keyword arguments of a route decorator: its 2xx model, its error responses (a
    logged-in route adds 401 and 403; the seed's session routes only their 401), its
    security requirement and, for routes that read their query themselves, the
    parameters to document. `content` describes a status whose body is not JSON (an
    image, an event stream): {status: {media type: media type object}}."""
    codes = set(statuses)
    if access is Access.LOGIN and not session_401:
        codes |= {401, 403}
    responses = errors(codes)
    if session_401:  # these routes never refuse a logged-in caller
        responses[401] = _SESSION_401
    for status, media in (content or {}).items():  # a body that is not JSON
        responses[status] = {"content": media}
    extra: dict[str, Any] = {"security": SECURITY[access]}
    if parameters:
        extra["parameters"] = parameters
    out: dict[str, Any] = {"responses": responses, "openapi_extra": extra}
    if model is not None:
        out["response_model"] = model
    return out


# Error statuses by the kind of route (any route with a parameter or body may be 400).
READ = (400, 404)
WRITE = (400, 404, 409, 413)
DELETE = (400, 404, 409)
