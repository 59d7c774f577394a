"""The browser session of staykit's pages and the CSRF token of their forms.

A signed-in browser carries the marketplace session token (the same RS256 JWT that
`/auth-api/login` returns) in an HttpOnly, SameSite=Lax cookie, Secure when
`settings.cookie_secure`. Every form carries a CSRF token: the HMAC, keyed by a random
value in its own HttpOnly cookie, of the session id (or "anonymous" before sign-in). A
page on another site can make the browser send both cookies but can read neither, so
it cannot write the matching form field; binding it to the session id means a token
from before a sign-in does not work after it. No server-side secret is needed, so
every process of a scaled-out deployment checks every token.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
import uuid

from fastapi import Request
from fastapi.responses import Response
from sqlalchemy.ext.asyncio import AsyncSession

from staykit.core.config import Settings
from staykit.core.errors import DomainError, Forbidden
from staykit.domain.access.principal import Principal
from staykit.domain.auth.sessions import authenticate

CSRF_COOKIE = "staykit-csrf"
CSRF_FIELD = "csrf_token"


async def current_person(
    request: Request, session: AsyncSession, settings: Settings
) -> Principal | None:
    """The person whose session cookie the browser sent, or None (no cookie, or a
    session that ended)."""
    token = request.cookies.get(settings.token_name)
    if not token:
        return None
    try:
        return await authenticate(session, token)
    except DomainError:
        return None


def set_session_cookie(response: Response, settings: Settings, token: str, max_age: int) -> None:
    response.set_cookie(
        settings.token_name,
        token,
        max_age=max_age,
        httponly=True,
        samesite="lax",
        secure=settings.cookie_secure,
        path="/",
    )


def _binding(session_id: uuid.UUID | None) -> str:
    return "anonymous" if session_id is None else str(session_id)


def _mac(seed: str, binding: str) -> str:
    return hmac.new(seed.encode(), f"csrf|{binding}".encode(), hashlib.sha256).hexdigest()


class Csrf:
    """The token to put in this request's forms; `apply` sets its cookie if it is new."""

    def __init__(self, request: Request, session_id: uuid.UUID | None) -> None:
        seed = request.cookies.get(CSRF_COOKIE)
        self._new = not seed or len(seed) < 32
        self.seed = secrets.token_urlsafe(32) if self._new or not seed else seed
        self.token = _mac(self.seed, _binding(session_id))

    def apply(self, response: Response, settings: Settings) -> Response:
        if self._new:
            response.set_cookie(
                CSRF_COOKIE,
                self.seed,
                httponly=True,
                samesite="lax",
                secure=settings.cookie_secure,
                path="/",
            )
        return response


def check_csrf(request: Request, session_id: uuid.UUID | None, sent: object) -> None:
    """403 unless the form's token matches this browser's cookie and session."""
    seed = request.cookies.get(CSRF_COOKIE)
    if (
        not seed
        or not isinstance(sent, str)
        or not hmac.compare_digest(_mac(seed, _binding(session_id)), sent)
    ):
        raise Forbidden(
            "The form's security token is missing or stale; reload the page and try again.",
            code="csrfTokenInvalid",
            field=CSRF_FIELD,
        )
