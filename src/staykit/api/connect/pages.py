"""The browser side of the authorization code flow: /connect/authorize (the consent page
and its form), the sign-in page and its login-code step.

Every authorization request is checked (by Authlib, `server.py`) before any page shows:
an unknown client or an unregistered redirect URI gets an error page here and is never
redirected to; any other problem (no PKCE, plain PKCE, a scope the client may not ask
for) goes back to the client's registered redirect URI with `error` and `state`.
"""

from __future__ import annotations

import uuid
from typing import Any
from urllib.parse import parse_qsl, urlencode

from authlib.common.urls import add_params_to_uri
from authlib.oauth2.rfc6749 import OAuth2Error
from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response
from starlette.datastructures import FormData, QueryParams

from staykit.api.connect import server as authlib_server
from staykit.api.connect.routes import settings_of
from staykit.api.deps import DbSession, request_id
from staykit.api.web.session import CSRF_FIELD, Csrf, check_csrf, current_person
from staykit.api.web.signin import SignIn
from staykit.api.web.templates import environment, page
from staykit.api.web.words import scope_in_words
from staykit.core.errors import DomainError
from staykit.domain.access.principal import Principal
from staykit.domain.access.scopes import BUNDLES
from staykit.domain.auth.models import AuthSession, User
from staykit.domain.tenancy import service as tenancy

pages = APIRouter(include_in_schema=False)
templates = environment("staykit.api.connect")

AUTHORIZE = "/connect/authorize"
SIGNIN = "/connect/signin"
SIGNIN_CODE = "/connect/signin/code"
SIGN_IN = SignIn(templates, code_action=SIGNIN_CODE, carry_field="query")
# Form fields of staykit's own pages, never passed on as authorization parameters.
OWN_FIELDS = frozenset({CSRF_FIELD, "business", "decision"})

# --- answers -------------------------------------------------------------------------------


def error_page(
    request: Request, status: int, title: str, message: str, hint: str = ""
) -> HTMLResponse:
    return page(
        templates,
        "error.html",
        status,
        title=title,
        message=message,
        hint=hint,
        request_id=request_id(request),
    )


def refused(request: Request, error: OAuth2Error) -> Response:
    """An authorization request Authlib refused: back to the client when its redirect URI
    is known good, else a page (a redirect would hand the error to anyone's URI)."""
    status, _, headers = error()
    if error.redirect_uri and status == 302:
        return Response(status_code=302, headers=dict(headers))
    return error_page(
        request,
        400,
        "This sign-in link is not valid",
        error.get_error_description() or "The authorization request is invalid.",
        "Nothing was shared. Go back to the application and start again, or tell its "
        "developers about this message.",
    )


def _redirect(answer: authlib_server.Answer) -> Response:
    status, _, headers = answer
    return Response(status_code=status, headers=dict(headers))


def _params(items: list[tuple[str, str]]) -> list[tuple[str, str]]:
    return [(k, v) for k, v in items if k not in OWN_FIELDS]


def _authorize_url(query: str) -> str:
    # Re-encoded from its parts: the hidden field cannot smuggle anything into the path.
    return f"{AUTHORIZE}?{urlencode(parse_qsl(query, keep_blank_values=True))}"


def _signed_in(person: Principal | None) -> Principal | None:
    """The person, once past any pending login-code step."""
    return person if person is not None and not person.pending_2fa else None


def signin_page(
    request: Request,
    grant: authlib_server.CodeGrant,
    query: str,
    *,
    error: str | None = None,
    username: str | None = None,
    status: int = 200,
) -> HTMLResponse:
    csrf = Csrf(request, None)
    response = page(
        templates,
        "signin.html",
        status,
        client_name=grant.client.row.name,
        action=SIGNIN,
        csrf=csrf.token,
        query=query,
        error=error,
        username=username,
    )
    csrf.apply(response, settings_of(request))
    return response


async def _check(
    server: authlib_server.Server, req: authlib_server.StarletteRequest
) -> authlib_server.CodeGrant | OAuth2Error:
    try:
        return await server.consent_grant(req)
    except OAuth2Error as error:
        return error


# --- /connect/authorize -----------------------------------------------------------------------


@pages.get(AUTHORIZE.removeprefix("/connect"), response_class=HTMLResponse)
async def authorize(request: Request, session: DbSession) -> Response:
    settings = settings_of(request)
    server = authlib_server.Server(session, settings)
    req = authlib_server.StarletteRequest(
        "GET", str(request.url), request.headers, request.query_params, None
    )
    grant = await _check(server, req)
    if isinstance(grant, OAuth2Error):
        return refused(request, grant)
    query = request.url.query
    if "none" in (request.query_params.get("prompt") or "").split():
        # Consent is always asked for, so a request that forbids asking cannot succeed.
        params = [("error", "consent_required")]
        if req.payload.state:
            params.append(("state", req.payload.state))
        return Response(
            status_code=302, headers={"Location": add_params_to_uri(grant.redirect_uri, params)}
        )
    person = _signed_in(await current_person(request, session, settings))
    if person is None:
        return signin_page(request, grant, query)
    return await consent_page(
        request, session, grant, person, _params(list(request.query_params.multi_items()))
    )


async def consent_page(
    request: Request,
    session: Any,
    grant: authlib_server.CodeGrant,
    person: Principal,
    params: list[tuple[str, str]],
) -> HTMLResponse:
    managed = [
        t for t in await tenancy.tenants_of(session, person) if t.role in tenancy.MANAGING_ROLES
    ]
    csrf = Csrf(request, person.session_id)
    common: dict[str, Any] = {
        "client_name": grant.client.row.name,
        "person_email": person.email,
        "action": AUTHORIZE,
        "csrf": csrf.token,
        "params": params,
    }
    if not managed:
        response = page(templates, "no_business.html", 200, **common)
    else:
        names = (grant.request.scope or "").split()
        response = page(
            templates,
            "consent.html",
            200,
            scopes=[scope_in_words(n) for n in names],
            businesses=managed,
            multi=_multi(params),
            bundles=BUNDLES,
            **common,
        )
    csrf.apply(response, settings_of(request))
    return response


def _multi(items: list[tuple[str, str]]) -> bool:
    return any(k == "multiTenant" and v.lower() == "true" for k, v in items)


@pages.post(AUTHORIZE.removeprefix("/connect"), response_class=HTMLResponse)
async def decide(request: Request, session: DbSession) -> Response:
    """The consent form: allow (for the businesses picked) or deny."""
    settings = settings_of(request)
    form = await request.form()
    person = _signed_in(await current_person(request, session, settings))
    try:
        check_csrf(request, person.session_id if person else None, form.get(CSRF_FIELD))
    except DomainError as exc:
        return error_page(request, 403, "This form has expired", exc.message)
    server = authlib_server.Server(session, settings)
    req = authlib_server.StarletteRequest(
        "POST", str(request.url), request.headers, QueryParams(""), form
    )
    grant = await _check(server, req)
    if isinstance(grant, OAuth2Error):
        return refused(request, grant)
    if person is None:
        query = urlencode(_params([(k, v) for k, v in form.multi_items() if isinstance(v, str)]))
        return signin_page(request, grant, query)
    if form.get("decision") != "allow":
        return _redirect(await server.authorization_response(req, grant, None))
    chosen = await _chosen_businesses(session, person, form)
    if isinstance(chosen, str):
        return error_page(
            request,
            400,
            "Pick a business you manage",
            chosen,
            "Nothing was shared. Go back, choose again, and allow.",
        )
    user = await session.get(User, person.user_id)
    auth_session = await session.get(AuthSession, person.session_id)
    if user is None:
        return signin_page(request, grant, urlencode(_params(list(form.multi_items()))))  # type: ignore[arg-type]
    owner = authlib_server.Person(
        user,
        chosen,
        int(auth_session.created_at.timestamp()) if auth_session is not None else None,
    )
    return _redirect(await server.authorization_response(req, grant, owner))


async def _chosen_businesses(
    session: Any, person: Principal, form: FormData
) -> list[uuid.UUID] | str:
    """The business ids the form names, each one the person manages; or what is wrong."""
    raw = [v for v in form.getlist("business") if isinstance(v, str)]
    if not raw:
        return "Choose the business this application may act for."
    multi = _multi([(k, v) for k, v in form.multi_items() if isinstance(v, str)])
    if len(raw) > 1 and not multi:
        return "This application asked for one business; choose exactly one."
    chosen: list[uuid.UUID] = []
    for value in raw:
        try:
            business_id = uuid.UUID(value)
        except ValueError:
            return "The business chosen is not one you manage."
        if not await tenancy.can_manage(session, person, business_id):
            return "The business chosen is not one you manage."
        chosen.append(business_id)
    return list(dict.fromkeys(chosen))


# --- sign-in -----------------------------------------------------------------------------------


async def _grant_for(
    server: authlib_server.Server, request: Request, query: str
) -> authlib_server.CodeGrant | OAuth2Error:
    """The authorization request the sign-in form carries, checked again."""
    req = authlib_server.StarletteRequest(
        "GET", str(request.url), request.headers, QueryParams(query), None
    )
    return await _check(server, req)


@pages.post(SIGNIN.removeprefix("/connect"), response_class=HTMLResponse)
async def signin(request: Request, session: DbSession) -> Response:
    """Password sign-in (the marketplace login: its throttling, its failure count), then
    the login-code step when the account needs one, then back to the request."""
    settings = settings_of(request)
    form = await request.form()
    try:
        check_csrf(request, None, form.get(CSRF_FIELD))
    except DomainError as exc:
        return error_page(request, 403, "This form has expired", exc.message)
    query = str(form.get("query") or "")
    server = authlib_server.Server(session, settings)
    grant = await _grant_for(server, request, query)
    if isinstance(grant, OAuth2Error):
        return refused(request, grant)
    username = str(form.get("username") or "")
    return await SIGN_IN.with_password(
        request,
        session,
        username=username,
        password=str(form.get("password") or ""),
        carry=query,
        done=_authorize_url(query),
        again=lambda error, status: signin_page(
            request, grant, query, error=error, username=username, status=status
        ),
    )


@pages.post(SIGNIN_CODE.removeprefix("/connect"), response_class=HTMLResponse)
async def signin_code(request: Request, session: DbSession) -> Response:
    settings = settings_of(request)
    form = await request.form()
    person = await current_person(request, session, settings)
    if person is None or person.session_id is None:
        return error_page(
            request, 401, "Your sign-in has ended", "Start again from the application."
        )
    try:
        check_csrf(request, person.session_id, form.get(CSRF_FIELD))
    except DomainError as exc:
        return error_page(request, 403, "This form has expired", exc.message)
    query = str(form.get("query") or "")
    answer = await SIGN_IN.with_code(
        request,
        session,
        person,
        str(form.get("code") or ""),
        carry=query,
        done=_authorize_url(query),
    )
    if answer is None:
        return error_page(
            request, 401, "Your sign-in has ended", "Start again from the application."
        )
    return answer
