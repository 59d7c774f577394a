"""Signing a person in on staykit's pages: the marketplace login (its throttling and its
failure count), then the login-code step while the session still needs one (email code
first, then mobile), then on to where the person was going.

Each surface with pages (the OAuth consent flow, the account portal) renders its own
sign-in and code pages and says where the person goes next; the steps are the same.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from fastapi import Request
from fastapi.responses import RedirectResponse, Response
from jinja2 import Environment
from sqlalchemy.ext.asyncio import AsyncSession

from staykit.api import ratelimit
from staykit.api.ratelimit import RouteClass
from staykit.api.web.session import Csrf, set_session_cookie
from staykit.api.web.templates import page
from staykit.core.config import Settings
from staykit.core.errors import DomainError, TooManyRequests
from staykit.domain.access.principal import Principal
from staykit.domain.auth import sessions
from staykit.domain.auth import verification as two_factor
from staykit.domain.auth.models import AuthSession, User

# A surface's sign-in page again, with an error: (message, status) -> the page.
Again = Callable[[str, int], Response]


def _settings(request: Request) -> Settings:
    settings: Settings = request.app.state.settings
    return settings


@dataclass(frozen=True)
class SignIn:
    """The sign-in steps of one surface: its templates (with a `code.html`), where its
    code form posts, and the hidden field that carries where the person is going."""

    templates: Environment
    code_action: str
    carry_field: str  # "query" (the authorization request) or "next" (a portal path)
    code_template: str = "code.html"  # a surface whose names carry a prefix names its own

    async def with_password(
        self,
        request: Request,
        session: AsyncSession,
        *,
        username: str,
        password: str,
        carry: str,
        done: str,
        again: Again,
        counted: bool = True,
    ) -> Response:
        """Check the password; on to the code step or to `done`, with the session cookie.
        A wrong password is recorded (it counts toward throttling) and committed with the
        page that says so: the page is a normal answer, not an exception. The attempt
        counts against the sign-in rate limit first, before the password hash (`counted`
        False: the sign-in that follows a sign-up, which counted as one)."""
        try:
            if counted:
                await ratelimit.check(request, RouteClass.LOGIN, None)
            issued = await sessions.login(
                session,
                _settings(request),
                username=username,
                password=password,
                ip=request.client.host if request.client else "unknown",
                user_agent=request.headers.get("user-agent"),
            )
        except TooManyRequests as exc:
            throttled = again(exc.message, 429)
            throttled.headers.update(exc.headers)
            return throttled
        except DomainError as exc:
            return again(exc.message, exc.status)
        response: Response
        if issued.session.needs_email_2fa or issued.session.needs_mobile_2fa:
            response = await self.code_page(request, session, issued.user, issued.session, carry)
        else:
            response = RedirectResponse(done, status_code=303)
        set_session_cookie(response, _settings(request), issued.access_token, issued.expires_in)
        return response

    async def code_page(
        self,
        request: Request,
        session: AsyncSession,
        user: User,
        auth_session: AuthSession,
        carry: str,
        *,
        error: str | None = None,
        status: int = 200,
        send: bool = True,
    ) -> Response:
        """Send (unless `send` is False) and ask for the login code the session still
        needs: email first, then mobile."""
        settings = _settings(request)
        method = "email" if auth_session.needs_email_2fa else "mobile"
        if send:
            start = two_factor.start_email_2fa if method == "email" else two_factor.start_mobile_2fa
            await start(session, settings, user.id, auth_session.id)
        csrf = Csrf(request, auth_session.id)
        response = page(
            self.templates,
            self.code_template,
            status,
            destination="your email address" if method == "email" else "your mobile phone",
            action=self.code_action,
            csrf=csrf.token,
            method=method,
            error=error,
            **{self.carry_field: carry},
        )
        csrf.apply(response, settings)
        return response

    async def with_code(
        self,
        request: Request,
        session: AsyncSession,
        person: Principal,
        code: str,
        *,
        carry: str,
        done: str,
    ) -> Response | None:
        """Check the login code of the signed-in person's session; the next code page, or
        on to `done`. None when the sign-in has ended (the surface says so its own way)."""
        if person.session_id is None:
            return None
        user = await session.get(User, person.user_id)
        auth_session = await session.get(AuthSession, person.session_id)
        if user is None or auth_session is None:
            return None
        method = "email" if auth_session.needs_email_2fa else "mobile"
        complete = (
            two_factor.complete_email_2fa if method == "email" else two_factor.complete_mobile_2fa
        )
        try:
            await complete(session, _settings(request), user.id, auth_session.id, code)
        except DomainError as exc:
            return await self.code_page(
                request,
                session,
                user,
                auth_session,
                carry,
                error=exc.message,
                status=exc.status,
                send=False,
            )
        if auth_session.needs_email_2fa or auth_session.needs_mobile_2fa:
            return await self.code_page(request, session, user, auth_session, carry)
        return RedirectResponse(done, status_code=303)
