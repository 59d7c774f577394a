"""The OAuth 2 / OpenID Connect endpoints: token, revocation, introspection, userinfo,
discovery and keys. Authlib (`server.py`) checks the protocol; the domain
(`partners.oauth`) issues, rotates and revokes. The browser pages (authorize, sign-in,
consent) are in `pages.py`."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import JSONResponse, Response
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from staykit.api.connect import server as authlib_server
from staykit.api.connect.schemas import (
    JWKS,
    Discovery,
    Introspection,
    Revoked,
    TokenResponse,
    UserInfo,
)
from staykit.api.deps import DbSession, request_id
from staykit.core.config import Settings
from staykit.core.errors import Forbidden, Unauthenticated
from staykit.domain.access.scopes import BUNDLES, CATEGORIES, PROTOCOL_SCOPES
from staykit.domain.auth.keys import keyring
from staykit.domain.partners import credentials, oauth
from staykit.domain.partners.secrets import looks_like_partner_value

connect = APIRouter()
well_known = APIRouter()
bearer = HTTPBearer(auto_error=False, description="An access token.")

# What an error means when Authlib gave no words of its own.
_DESCRIPTIONS = {
    "invalid_request": "The request is missing a parameter or has a bad one.",
    "invalid_client": "The client could not be authenticated.",
    "invalid_grant": "The code or refresh token is invalid, expired, revoked, already used, "
    "or was issued to another client or redirect URI.",
    "unauthorized_client": "This client may not use this grant type.",
    "unsupported_grant_type": "grant_type must be authorization_code, refresh_token or "
    "client_credentials.",
    "invalid_scope": "A requested scope is unknown, not allowed, or more than was granted.",
    "unsupported_token_type": "token_type_hint must be access_token or refresh_token.",
}
_FORM = {
    "requestBody": {
        "content": {"application/x-www-form-urlencoded": {"schema": {"type": "object"}}}
    }
}


def settings_of(request: Request) -> Settings:
    settings: Settings = request.app.state.settings
    return settings


async def oauth_request(request: Request) -> authlib_server.StarletteRequest:
    form = await request.form() if request.method == "POST" else None
    return authlib_server.StarletteRequest(
        request.method, str(request.url), request.headers, request.query_params, form
    )


def json_answer(request: Request, answer: authlib_server.Answer) -> Response:
    """Authlib's (status, body, headers) as JSON, never cached; errors in OAuth's body
    with a description and the request id."""
    status, body, headers = answer
    content: dict[str, Any] = dict(body) if body else {}
    if status >= 400:
        error = str(content.get("error", "invalid_request"))
        content.setdefault(
            "error_description", _DESCRIPTIONS.get(error, "The request was refused.")
        )
        content["requestId"] = request_id(request)
    extra = {k: v for k, v in headers if k.lower() != "content-type"}
    extra["Cache-Control"] = "no-store"
    extra["Pragma"] = "no-cache"
    return JSONResponse(content, status_code=status, headers=extra)


@connect.post(
    "/token",
    response_model=TokenResponse,
    response_model_exclude_none=True,
    tags=["oauth"],
    summary="token",
    openapi_extra=_FORM,
)
async def token(request: Request, session: DbSession) -> Response:
    """RFC 6749 §3.2: authorization_code (with the PKCE code_verifier), refresh_token
    (rotating) and client_credentials; client_secret_basic or client_secret_post."""
    server = authlib_server.Server(session, settings_of(request))
    return json_answer(request, await server.token_response(await oauth_request(request)))


@connect.post(
    "/revocation",
    response_model=Revoked,
    tags=["oauth"],
    summary="revocation",
    openapi_extra=_FORM,
)
async def revocation(request: Request, session: DbSession) -> Response:
    """RFC 7009: revoke one of the calling client's tokens; 200 whatever the token was."""
    server = authlib_server.Server(session, settings_of(request))
    answer = await server.endpoint_response("revocation", await oauth_request(request))
    return json_answer(request, answer)


@connect.post(
    "/introspect",
    response_model=Introspection,
    response_model_exclude_none=True,
    tags=["oauth"],
    summary="introspect",
    openapi_extra=_FORM,
)
async def introspect(request: Request, session: DbSession) -> Response:
    """RFC 7662: whether a token of the calling client is active, with its scope, user,
    expiry and businesses (`tenants`)."""
    server = authlib_server.Server(session, settings_of(request))
    answer = await server.endpoint_response("introspection", await oauth_request(request))
    return json_answer(request, answer)


@connect.get(
    "/userinfo",
    response_model=UserInfo,
    response_model_exclude_none=True,
    tags=["oidc"],
    summary="userinfo",
)
async def userinfo(
    request: Request,
    session: DbSession,
    auth: Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)],
) -> UserInfo:
    """The signed-in person's claims: for an OAuth access token carrying `openid`, sub,
    plus email with `email` and name with `profile`; for a marketplace session, all."""
    if auth is None:
        raise Unauthenticated("Send Authorization: Bearer <token>.", code="invalid_token")
    if looks_like_partner_value(auth.credentials):
        found = await oauth.openid_access(session, auth.credentials)
        if found == "invalid":
            raise Unauthenticated(
                "The access token is unknown, expired or revoked.", code="invalid_token"
            )
        if found == "scope" or isinstance(found, str):
            raise Forbidden(
                "userinfo needs an access token granted the openid scope.",
                code="insufficient_scope",
                field="scope",
            )
        claims = oauth.identity_claims(found.user, found.scopes)
        return UserInfo(sub=str(found.user.id), **claims)
    principal = await credentials.resolve(session, auth.credentials, surface="connect")
    request.state.principal = principal
    return UserInfo(
        sub=str(principal.user_id),
        email=principal.email or None,
        name=principal.fullname or None,
    )


@well_known.get("/jwks.json", response_model=JWKS, tags=["discovery"], summary="jwks")
async def jwks(session: DbSession) -> JWKS:
    """The public keys that sign staykit's tokens (RFC 7517): marketplace sessions and
    OpenID Connect id_tokens; old keys stay listed until every token they signed has
    expired."""
    await keyring.load(session)
    return JWKS(keys=keyring.jwks())


def supported_scopes() -> list[str]:
    methods = ("read", "write", "delete", "all")
    categories = [f"{m}:{c}" for c in CATEGORIES for m in methods]
    return [*categories, *sorted(BUNDLES), *sorted(PROTOCOL_SCOPES)]


@well_known.get(
    "/openid-configuration",
    response_model=Discovery,
    tags=["discovery"],
    summary="openidConfiguration",
)
async def openid_configuration(request: Request) -> Discovery:
    base = settings_of(request).public_base_url.rstrip("/")
    methods = list(authlib_server.AUTH_METHODS)
    return Discovery(
        issuer=base,
        authorization_endpoint=f"{base}/connect/authorize",
        token_endpoint=f"{base}/connect/token",
        revocation_endpoint=f"{base}/connect/revocation",
        introspection_endpoint=f"{base}/connect/introspect",
        userinfo_endpoint=f"{base}/connect/userinfo",
        jwks_uri=f"{base}/.well-known/jwks.json",
        scopes_supported=supported_scopes(),
        response_types_supported=["code"],
        response_modes_supported=["query"],
        grant_types_supported=list(authlib_server.GRANT_TYPES),
        token_endpoint_auth_methods_supported=methods,
        revocation_endpoint_auth_methods_supported=methods,
        introspection_endpoint_auth_methods_supported=methods,
        code_challenge_methods_supported=["S256"],
        id_token_signing_alg_values_supported=["RS256"],
        subject_types_supported=["public"],
        claims_supported=[
            "sub",
            "iss",
            "aud",
            "exp",
            "iat",
            "auth_time",
            "nonce",
            "email",
            "email_verified",
            "name",
        ],
        prompt_values_supported=["consent", "login"],
    )
