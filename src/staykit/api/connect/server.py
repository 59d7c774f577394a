"""Authlib's OAuth 2 server core behind the connect surface.

Authlib checks the protocol (parameters, client authentication, redirect URIs, PKCE,
scope subsets, the error codes of RFC 6749) and staykit's domain (`partners.oauth`) keeps
the state. Authlib's core is synchronous; staykit's database is async. Each call into
Authlib runs in a greenlet (`greenlet_spawn`, the bridge SQLAlchemy's own async layer is
built on) and the hooks Authlib calls await the domain's coroutines with `await_only`,
so the domain stays plain async code and runs in the request's one transaction.

A server is built per request (`Server(session, settings)`), as polar does, so it holds
the request's session. `handle_response` returns Authlib's (status, body, headers)
unchanged; the routes turn it into a response with the request id.
"""

from __future__ import annotations

import uuid
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, cast

from authlib.common.urls import add_params_to_uri
from authlib.consts import default_json_headers
from authlib.oauth2 import rfc6749, rfc7009, rfc7636, rfc7662
from authlib.oauth2.rfc6749 import (
    AccessDeniedError,
    AuthorizationCodeMixin,
    ClientMixin,
    InvalidRequestError,
    InvalidScopeError,
    OAuth2Payload,
    OAuth2Request,
    TokenMixin,
    UnauthorizedClientError,
)
from authlib.oauth2.rfc6749.util import scope_to_list
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.util import await_only, greenlet_spawn
from starlette.datastructures import FormData, QueryParams

from staykit.core.config import Settings
from staykit.domain.auth.models import User
from staykit.domain.partners import grants, oauth
from staykit.domain.partners.models import OAuthClient
from staykit.domain.partners.secrets import matches

AUTH_METHODS = ["client_secret_basic", "client_secret_post"]
GRANT_TYPES = ("authorization_code", "refresh_token", "client_credentials")
Answer = tuple[int, Any, list[tuple[str, str]]]


def safe_text(text: str) -> str:
    """Text fit for `error_description` (RFC 6749 allows printable ASCII but " and \\)."""
    return "".join(c if 0x20 <= ord(c) <= 0x7E and c not in '"\\' else "?" for c in text)


# --- the request adaptor ------------------------------------------------------------------


class _Payload(OAuth2Payload):
    def __init__(self, items: Sequence[tuple[str, str]]) -> None:
        self._datalist: defaultdict[str, list[str]] = defaultdict(list)
        for key, value in items:
            self._datalist[key].append(value)
        self._data = {key: values[0] for key, values in self._datalist.items()}

    @property
    def data(self) -> dict[str, str]:
        return self._data

    @property
    def datalist(self) -> defaultdict[str, list[str]]:
        return self._datalist


class StarletteRequest(OAuth2Request):
    """An OAuth2Request from a Starlette request's method, URL, headers, query and form.

    Authlib's own https check is not used: where staykit runs behind TLS is decided by
    its deployment (`public_base_url`, `cookie_secure`, the proxy's forwarded headers),
    and the check would refuse every plain-http development server."""

    def __init__(
        self,
        method: str,
        url: str,
        headers: Any,
        query: QueryParams,
        form: FormData | None,
    ) -> None:
        super().__init__(method, "https://staykit.invalid/", headers=headers)
        self.uri = url
        self._args = {k: v for k, v in query.items()}
        self._form = {k: v for k, v in (form or {}).items() if isinstance(v, str)}
        items = [(k, v) for k, v in query.multi_items()]
        if form is not None:
            items += [(k, v) for k, v in form.multi_items() if isinstance(v, str)]
        self.payload = _Payload(items)

    @property
    def args(self) -> dict[str, str]:
        return self._args

    @property
    def form(self) -> dict[str, str]:
        return self._form


# --- Authlib's models over staykit's rows --------------------------------------------------


class Client(ClientMixin):
    def __init__(self, row: OAuthClient) -> None:
        self.row = row
        self.client_id = row.client_id

    def get_client_id(self) -> str:
        return self.client_id

    def get_default_redirect_uri(self) -> str | None:
        # Only an unambiguous default: with several registered URIs the request names one.
        uris = self.row.redirect_uris
        return uris[0] if len(uris) == 1 else None

    def get_allowed_scope(self, scope: str | None) -> str | None:
        if not scope:
            return None
        try:
            oauth.allowed_for(self.row, oauth.requested_scopes(scope))
        except oauth.ScopeRefused:
            return None
        return " ".join(oauth.requested_scopes(scope))

    def check_redirect_uri(self, redirect_uri: str) -> bool:
        return redirect_uri in self.row.redirect_uris  # exact match only

    def check_client_secret(self, client_secret: str) -> bool:
        return matches(client_secret, self.row.secret_hash)

    def check_endpoint_auth_method(self, method: str, endpoint: str) -> bool:
        return method in AUTH_METHODS

    def check_response_type(self, response_type: str) -> bool:
        return response_type == "code"

    def check_grant_type(self, grant_type: str) -> bool:
        return grant_type in GRANT_TYPES


@dataclass
class Person:
    """The resource owner Authlib passes around: the user, and at consent the businesses."""

    user: User
    business_ids: Sequence[uuid.UUID] = ()
    auth_time: int | None = None


class Code(AuthorizationCodeMixin):
    def __init__(self, found: grants.Found) -> None:
        self.found = found
        extra = found.secret.extra
        self.code_challenge = extra.get("code_challenge")
        self.code_challenge_method = extra.get("code_challenge_method")

    def get_redirect_uri(self) -> str | None:
        uri = self.found.secret.extra.get("redirect_uri")
        return uri if isinstance(uri, str) else None

    def get_scope(self) -> str:
        return " ".join(self.found.grant.scopes)


class RefreshToken(TokenMixin):
    def __init__(self, found: grants.Found) -> None:
        self.found = found

    def check_client(self, client: Client) -> bool:
        return self.found.grant.client_id == client.client_id

    def get_scope(self) -> str:
        return " ".join(self.found.secret.scopes)


# --- grants ----------------------------------------------------------------------------------


class S256Required(rfc7636.CodeChallenge):
    """PKCE for every client, S256 only (RFC 9700 §2.1.1): a request without a challenge,
    or with `plain`, is refused before any page is shown."""

    SUPPORTED_CODE_CHALLENGE_METHOD = ["S256"]

    def validate_code_challenge(self, grant: Any, redirect_uri: str) -> None:
        data = grant.request.payload.data
        if not data.get("code_challenge"):
            raise InvalidRequestError(
                "PKCE is required: send code_challenge with code_challenge_method=S256."
            )
        if data.get("code_challenge_method") != "S256":
            raise InvalidRequestError(
                "code_challenge_method must be S256 (plain and a missing method are refused)."
            )
        super().validate_code_challenge(grant, redirect_uri)


class CodeGrant(rfc6749.grants.AuthorizationCodeGrant):
    TOKEN_ENDPOINT_AUTH_METHODS = AUTH_METHODS

    @property
    def staykit(self) -> Server:
        return cast(Server, self.server)

    def create_authorization_response(self, redirect_uri: str, grant_user: Person | None) -> Answer:
        if grant_user is None:
            raise AccessDeniedError("The person declined the request.", redirect_uri=redirect_uri)
        payload = self.request.payload
        consent = oauth.Consent(
            user_id=grant_user.user.id,
            business_ids=grant_user.business_ids,
            scopes=oauth.requested_scopes(self.request.scope),
            # What the request sent (None when it relied on the one registered URI): the
            # token request must then send the same (RFC 6749 §4.1.3).
            redirect_uri=payload.redirect_uri,
            code_challenge=payload.data["code_challenge"],
            code_challenge_method=payload.data["code_challenge_method"],
            nonce=payload.data.get("nonce"),
            auth_time=grant_user.auth_time,
        )
        server = self.staykit
        value = await_only(
            oauth.store_code(server.session, server.settings, self.client.row, consent)
        )
        params = [("code", value)]
        if payload.state:
            params.append(("state", payload.state))
        return 302, "", [("Location", add_params_to_uri(redirect_uri, params))]

    def query_authorization_code(self, code: str, client: Client) -> Code | None:
        found = await_only(oauth.find_code(self.staykit.session, code, client.client_id))
        return Code(found) if found is not None else None

    def delete_authorization_code(self, authorization_code: Code) -> None:
        """Nothing: `oauth.exchange_code` spends the code as it issues the tokens."""

    def authenticate_user(self, authorization_code: Code) -> Person | None:
        found = authorization_code.found
        user = await_only(oauth.active_user(self.staykit.session, found.grant.user_id))
        return Person(user, found.grant.business_ids) if user is not None else None


class RefreshGrant(rfc6749.grants.RefreshTokenGrant):
    TOKEN_ENDPOINT_AUTH_METHODS = AUTH_METHODS
    INCLUDE_NEW_REFRESH_TOKEN = True  # every refresh rotates (`oauth.refresh`)

    def authenticate_refresh_token(self, refresh_token: str) -> RefreshToken | None:
        server = cast(Server, self.server)
        found = await_only(
            oauth.find_refresh(server.session, refresh_token, self.request.client.client_id)
        )
        return RefreshToken(found) if found is not None else None

    def authenticate_user(self, refresh_token: RefreshToken) -> Person | None:
        server = cast(Server, self.server)
        grant = refresh_token.found.grant
        user = await_only(oauth.active_user(server.session, grant.user_id))
        return Person(user, grant.business_ids) if user is not None else None

    def revoke_old_credential(self, refresh_token: RefreshToken) -> None:
        """Nothing: `oauth.refresh` spends the old token as it issues the new pair."""


class ClientCredentialsGrant(rfc6749.grants.ClientCredentialsGrant):
    """A token for the client itself: no person, no business, no data scope."""

    TOKEN_ENDPOINT_AUTH_METHODS = AUTH_METHODS

    def validate_token_request(self) -> None:
        super().validate_token_request()
        if self.request.payload.scope:
            raise InvalidScopeError(
                "client_credentials tokens carry no scopes: business data needs a "
                "person's consent (the authorization code flow)."
            )
        if self.request.client.row.created_by is None:
            raise UnauthorizedClientError(
                "This client was registered without an admin and cannot use client_credentials."
            )


# --- revocation and introspection ----------------------------------------------------------


class Revocation(rfc7009.RevocationEndpoint):
    CLIENT_AUTH_METHODS = AUTH_METHODS

    def create_endpoint_response(self, request: StarletteRequest) -> Answer:
        client = self.authenticate_endpoint_client(request)
        self.check_params(request, client)
        server = cast(Server, self.server)
        await_only(
            oauth.revoke(
                server.session,
                request.form["token"],
                client.client_id,
                request.form.get("token_type_hint"),
            )
        )
        return 200, {}, default_json_headers


class Introspection(rfc7662.IntrospectionEndpoint):
    CLIENT_AUTH_METHODS = AUTH_METHODS

    def create_endpoint_response(self, request: StarletteRequest) -> Answer:
        client = self.authenticate_endpoint_client(request)
        self.check_params(request, client)
        server = cast(Server, self.server)
        body = await_only(
            oauth.introspect(
                server.session,
                request.form["token"],
                client.client_id,
                request.form.get("token_type_hint"),
            )
        )
        return 200, body, default_json_headers


# --- the server --------------------------------------------------------------------------------


class Server(rfc6749.AuthorizationServer):
    def __init__(self, session: AsyncSession, settings: Settings) -> None:
        super().__init__()
        self.session = session
        self.settings = settings
        self.register_token_generator("default", _token_shell)
        self.register_grant(CodeGrant, [S256Required(required=True)])
        self.register_grant(RefreshGrant)
        self.register_grant(ClientCredentialsGrant)
        self.register_endpoint(Revocation)
        self.register_endpoint(Introspection)

    # Authlib's hooks --------------------------------------------------------------------

    def query_client(self, client_id: str) -> Client | None:
        row = await_only(grants.client_by_id(self.session, client_id))
        return Client(row) if row is not None else None

    def validate_requested_scope(self, scope: str | None) -> None:
        try:
            oauth.requested_scopes(scope)
        except oauth.ScopeRefused as exc:
            raise InvalidScopeError(safe_text(f"{exc.name!r} {exc.why}.")) from exc

    def create_oauth2_request(self, request: StarletteRequest) -> StarletteRequest:
        return request

    def handle_response(self, status: int, body: Any, headers: Any) -> Answer:
        return status, body, list(headers or [])

    def send_signal(self, name: str, *args: Any, **kwargs: Any) -> None:
        """No signals: the domain logs what happened."""

    def save_token(self, token: dict[str, Any], request: StarletteRequest) -> None:
        """Issue the token Authlib approved (its values come from the domain) and complete
        the response body Authlib returns."""
        grant_type = request.payload.grant_type
        user: User | None = None
        nonce: str | None = None
        auth_time: int | None = None
        if grant_type == "authorization_code":
            code = cast(Code, request.authorization_code)
            issued = await_only(oauth.exchange_code(self.session, self.settings, code.found))
            user = cast(Person, request.user).user
            nonce = code.found.secret.extra.get("nonce")
            auth_time = code.found.secret.extra.get("auth_time")
        elif grant_type == "refresh_token":
            old = cast(RefreshToken, request.refresh_token)
            names = oauth.requested_scopes(token.get("scope"))
            issued = await_only(oauth.refresh(self.session, self.settings, old.found, names))
            user = cast(Person, request.user).user
        else:
            issued = await_only(oauth.client_token(self.session, self.settings, request.client.row))
        token.clear()
        token.update(
            access_token=issued.access_token,
            token_type="Bearer",  # noqa: S106 - the scheme, not a secret
            expires_in=issued.expires_in,
            scope=" ".join(issued.scopes),
        )
        if issued.refresh_token is not None:
            token["refresh_token"] = issued.refresh_token
        if user is not None and "openid" in issued.scopes:
            token["id_token"] = await_only(
                oauth.id_token(
                    self.session,
                    self.settings,
                    user,
                    request.client.client_id,
                    issued.scopes,
                    nonce=nonce,
                    auth_time=auth_time,
                )
            )

    # Entry points for the routes (async) --------------------------------------------------

    async def token_response(self, request: StarletteRequest) -> Answer:
        return cast(Answer, await greenlet_spawn(self.create_token_response, request))

    async def endpoint_response(self, name: str, request: StarletteRequest) -> Answer:
        return cast(Answer, await greenlet_spawn(self.create_endpoint_response, name, request))

    async def consent_grant(self, request: StarletteRequest) -> CodeGrant:
        """Authlib's checks of an authorization request; raises OAuth2Error (with
        `redirect_uri` set only once the client and its redirect URI are known)."""
        return cast(CodeGrant, await greenlet_spawn(self.get_consent_grant, request))

    async def authorization_response(
        self, request: StarletteRequest, grant: CodeGrant, person: Person | None
    ) -> Answer:
        return cast(
            Answer,
            await greenlet_spawn(self.create_authorization_response, request, person, grant),
        )


def _token_shell(
    grant_type: str,
    client: Client,
    user: Any = None,
    scope: str | None = None,
    expires_in: int | None = None,
    include_refresh_token: bool = True,
) -> dict[str, Any]:
    """Authlib's token generator: only the shape; `save_token` fills in the values the
    domain issues (so every value is made, hashed and stored in one place)."""
    return {"token_type": "Bearer", "scope": " ".join(scope_to_list(scope) or [])}
