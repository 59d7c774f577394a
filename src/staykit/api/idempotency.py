"""The `Idempotency-Key` header of create and payment calls, the same on every surface.

A route opts in with one line, under its route decorator:

    @router.post("/v1/reservations", ...)
    @idempotent
    async def create_reservation(ctx: Context, body: CreateReservation) -> JSONResponse:

Without the header the route runs as before, with no extra query. With it (1-255
printable ASCII characters, else 400 naming the header), in the request's transaction:

- the caller's key is locked without waiting: a request already running under it makes
  this one a 409 `idempotencyKeyInProgress`;
- an answer stored under the key is replayed byte for byte with `Idempotent-Replayed:
  true`, when method, path and body (sha-256) are the same; otherwise 409
  `idempotencyKeyReused`;
- else the route runs and its answer is stored in the same transaction as its work.

What is stored: the route's answer when it is a success or a refusal of the request
itself (a domain 4xx: invalid, forbidden, not found, nights taken), so that a retry gets
the same refusal. Not stored, so a retry runs again: 5xx, a failure of the database
(a race answered 409 "try again"), 401 and 429 (about the credential or the rate, not
the request), and the 400 of a body the route cannot parse (a retry with the same body
gets the same 400 anyway). Keys belong to their caller (`store.Caller`): another user's
(or partner client's) same key is another key. Anonymous requests and sessions still
owing two-factor verification use no key (every route that takes one refuses them, and
the refusal must not outlive the login).
"""

from __future__ import annotations

import functools
import inspect
from collections.abc import Awaitable, Callable
from typing import Annotated, Any, ParamSpec, TypeVar

from fastapi import Header, Request
from fastapi.responses import Response
from sqlalchemy.ext.asyncio import AsyncSession

from staykit.api.deps import request_id, request_session
from staykit.core.errors import Conflict, DomainError, InvalidInput
from staykit.domain.access.principal import Principal
from staykit.domain.idempotency import store

HEADER = "Idempotency-Key"
REPLAYED = "Idempotent-Replayed"
MAX_LENGTH = 255

# The response headers a replay repeats: what describes the body or the created thing.
# Never cookies (a stored Set-Cookie would hand a session to whoever replays), never the
# request id (the replay is a request of its own), never the length (recomputed).
KEPT_HEADERS = frozenset(
    {"content-type", "content-language", "location", "etag", "last-modified", "link"}
)
# Refusals that are about the caller's credential or rate, not the request: a retry
# after logging in again or waiting must run, not replay the refusal.
NOT_STORED_STATUSES = frozenset({401, 407, 408, 425, 429})


class IdempotencyKeyReused(Conflict):
    """The key was used before for another request (another body, path or method).

    409 like the other conflict over a key (one still running): the marketplace answers
    no 422 anywhere, and a client tells the two apart by the code."""

    code = "idempotencyKeyReused"


def _header_problem(message: str) -> list[dict[str, str]]:
    return [{"field": HEADER, "location": "header", "message": message}]


def _invalid(message: str) -> InvalidInput:
    return InvalidInput(
        message,
        code="idempotencyKeyIsInvalid",
        field=HEADER,
        errors=_header_problem(message),
    )


def idempotency_key(request: Request) -> str | None:
    """The request's key, or None without the header; 400 naming the header when the
    value is not 1-255 printable ASCII characters or the header is given twice."""
    values = request.headers.getlist(HEADER)
    if not values:
        return None
    if len(values) > 1:
        raise _invalid(f"{HEADER} is given {len(values)} times; send it once.")
    key = values[0]
    if not 1 <= len(key) <= MAX_LENGTH:
        raise _invalid(f"{HEADER} must be 1 to {MAX_LENGTH} characters long, not {len(key)}.")
    if not all(" " <= ch <= "~" for ch in key):
        raise _invalid(f"{HEADER} must be printable ASCII characters only.")
    return key


def _answer_of(response: Response) -> store.Answer:
    body = getattr(response, "body", None)
    if not isinstance(body, bytes):
        raise TypeError("an idempotent route must answer with a Response that has a body")
    headers = {k: v for k, v in response.headers.items() if k.lower() in KEPT_HEADERS}
    return store.Answer(response.status_code, headers, body)


def replay(request: Request, answer: store.Answer) -> Response:
    """The stored answer again, byte for byte, marked as a replay."""
    headers = {**answer.headers, REPLAYED: "true", "X-Request-Id": request_id(request)}
    return Response(content=answer.body, status_code=answer.status, headers=headers)


async def render_refusal(request: Request, exc: DomainError) -> Response:
    """The refusal as the surface's own exception handler writes it (its error body),
    so that the stored bytes are the ones the client would have received."""
    handlers: dict[Any, Callable[[Request, Exception], Awaitable[Response]]]
    handlers = request.app.exception_handlers
    for kind in type(exc).__mro__:
        if kind in handlers:
            return await handlers[kind](request, exc)
    raise exc  # every surface installs the shared handlers (api.errors.install)


P = ParamSpec("P")
R = TypeVar("R")

_REQUEST = "_idempotency_request"
_KEY = "_idempotency_key"
# Declared so that each surface's OpenAPI document shows the header on the route; the
# value is read (and checked) by `idempotency_key`, which also sees a repeated header.
_KEY_PARAMETER = Annotated[
    str | None,
    Header(
        alias=HEADER,
        description=(
            "Any 1-255 printable ASCII characters, new for each new request (a UUID). "
            "A retry with the same key and body gets the first answer again, with "
            f"`{REPLAYED}: true`, for 24 hours."
        ),
    ),
]


def idempotent(endpoint: Callable[P, Awaitable[R]]) -> Callable[P, Awaitable[R]]:
    """Make a create or payment route honour `Idempotency-Key` (see the module's text).

    The route keeps its signature; the request is added for the wrapper, which works in
    the request's own transaction (opened by the route's session dependency). The caller is the
    principal the surface's authentication put on `request.state.principal`, which runs
    first because it is one of the route's own parameters."""

    @functools.wraps(endpoint)
    async def run(*args: Any, **kwargs: Any) -> Any:
        request: Request = kwargs.pop(_REQUEST)
        kwargs.pop(_KEY)
        key = idempotency_key(request)
        principal = getattr(request.state, "principal", None)
        if key is None or not isinstance(principal, Principal) or principal.pending_2fa:
            # Without a caller, or one still owing two-factor verification (the route
            # refuses it, and must not replay that refusal once it is done), no key.
            return await endpoint(*args, **kwargs)
        caller = store.Caller.of(principal)
        session = request_session(request)
        fingerprint = store.Fingerprint.of(request.method, request.url.path, await request.body())
        if not await store.claim(session, caller, key):
            raise Conflict(
                f"A request with this {HEADER} is still being processed; retry when it "
                "has finished to get its answer.",
                code="idempotencyKeyInProgress",
                field=HEADER,
                errors=_header_problem("in use by a request still running"),
            )
        stored = await store.find(session, caller, key)
        if stored is not None:
            if stored.fingerprint != fingerprint:
                raise IdempotencyKeyReused(
                    f"This {HEADER} was used for another request (method, path or body "
                    "differ); use a new key for a new request.",
                    field=HEADER,
                    errors=_header_problem("already used for another request"),
                )
            return replay(request, stored.answer)
        response = await _run_once(request, session, endpoint, args, kwargs)
        if response.status_code < 500 and response.status_code not in NOT_STORED_STATUSES:
            await store.remember(session, caller, key, fingerprint, _answer_of(response))
        return response

    params = list(inspect.signature(endpoint).parameters.values())
    params += [
        inspect.Parameter(_REQUEST, inspect.Parameter.KEYWORD_ONLY, annotation=Request),
        inspect.Parameter(
            _KEY, inspect.Parameter.KEYWORD_ONLY, annotation=_KEY_PARAMETER, default=None
        ),
    ]
    run.__signature__ = inspect.signature(endpoint).replace(parameters=params)  # type: ignore[attr-defined]
    return run


async def _run_once(
    request: Request,
    session: AsyncSession,
    endpoint: Callable[..., Awaitable[Any]],
    args: tuple[Any, ...],
    kwargs: dict[str, Any],
) -> Response:
    """Run the route inside a savepoint. A domain refusal (4xx) undoes the route's work
    (unless the error says it must persist) and is answered here, in the surface's error
    body, so that the request's transaction commits with the refusal stored. Anything
    else propagates: the request's transaction rolls back and nothing is stored."""
    savepoint = await session.begin_nested()
    try:
        response = await endpoint(*args, **kwargs)
    except DomainError as exc:
        if exc.status >= 500 or exc.status in NOT_STORED_STATUSES:
            raise
        if exc.commit:
            await savepoint.commit()
        else:
            await savepoint.rollback()
        return await render_refusal(request, exc)
    await savepoint.commit()
    if not isinstance(response, Response):
        raise TypeError(f"an idempotent route must return a Response, not {type(response)}")
    return response
