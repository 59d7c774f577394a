"""Signing in, signing up and out on the guest web app: the marketplace login with its
throttling and login-code step (staykit.api.web.signin, as the account portal does), and
sign-up through the auth package's registration (the same checks and confirmation mail as
POST /auth-api/signup), then on to where the person was going (`next`, a path here)."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from staykit.api.deps import DbSession
from staykit.api.ratelimit import RouteClass
from staykit.api.site.common import (
    HOME,
    LOGIN,
    form_text,
    safe_next,
    settings_of,
    signed_in,
    site_page,
    templates,
)
from staykit.api.site.errors import error_page
from staykit.api.web.limits import page_limited
from staykit.api.web.session import CSRF_FIELD, check_csrf, current_person
from staykit.api.web.signin import SignIn
from staykit.core.errors import DomainError
from staykit.core.schemas import normalize_email
from staykit.domain.auth import registration, sessions
from staykit.domain.auth.commands import NewUser

account = APIRouter(include_in_schema=False)

LOGIN_CODE = "/login/code"
SIGN_IN = SignIn(
    templates, code_action=LOGIN_CODE, carry_field="next", code_template="site_code.html"
)
MAX_NAME = 200


def _bad_next(request: Request) -> HTMLResponse:
    return error_page(
        request, 400, "The page to return to after signing in must be a page of this site."
    )


def login_page(
    request: Request,
    next_path: str,
    *,
    error: str | None = None,
    username: str | None = None,
    status: int = 200,
) -> HTMLResponse:
    return site_page(
        request,
        None,
        "site_login.html",
        status,
        action=LOGIN,
        next=next_path,
        error=error,
        username=username,
    )


@account.get("/login", response_class=HTMLResponse)
async def login_form(request: Request, session: DbSession, next: str | None = None) -> Response:
    target = safe_next(next)
    if target is None:
        return _bad_next(request)
    if await signed_in(request, session) is not None:
        return RedirectResponse(target, status_code=303)
    return login_page(request, target)


@account.post("/login", response_class=HTMLResponse)
async def login(request: Request, session: DbSession) -> Response:
    form = await request.form()
    check_csrf(request, None, form.get(CSRF_FIELD))
    target = safe_next(form_text(form, "next"))
    if target is None:
        return _bad_next(request)
    username = form_text(form, "username")
    return await SIGN_IN.with_password(
        request,
        session,
        username=username,
        password=form_text(form, "password"),
        carry=target,
        done=target,
        again=lambda error, status: login_page(
            request, target, error=error, username=username, status=status
        ),
    )


@account.post(LOGIN_CODE, response_class=HTMLResponse)
async def login_code(request: Request, session: DbSession) -> Response:
    form = await request.form()
    person = await current_person(request, session, settings_of(request))
    if person is None or person.session_id is None:
        return error_page(request, 401, "Your sign-in has ended; sign in again.")
    check_csrf(request, person.session_id, form.get(CSRF_FIELD))
    target = safe_next(form_text(form, "next"))
    if target is None:
        return _bad_next(request)
    answer = await SIGN_IN.with_code(
        request, session, person, form_text(form, "code"), carry=target, done=target
    )
    if answer is None:
        return error_page(request, 401, "Your sign-in has ended; sign in again.")
    return answer


def signup_page(
    request: Request,
    next_path: str,
    *,
    errors: dict[str, str] | None = None,
    values: dict[str, str] | None = None,
    status: int = 200,
) -> HTMLResponse:
    return site_page(
        request,
        None,
        "site_signup.html",
        status,
        next=next_path,
        errors=errors or {},
        values=values or {},
    )


@account.get("/signup", response_class=HTMLResponse)
async def signup_form(request: Request, session: DbSession, next: str | None = None) -> Response:
    target = safe_next(next)
    if target is None:
        return _bad_next(request)
    if await signed_in(request, session) is not None:
        return RedirectResponse(target, status_code=303)
    return signup_page(request, target)


@account.post(
    "/signup",
    response_class=HTMLResponse,
    dependencies=[page_limited(RouteClass.REGISTRATION)],
)
async def signup(request: Request, session: DbSession) -> Response:
    form = await request.form()
    check_csrf(request, None, form.get(CSRF_FIELD))
    target = safe_next(form_text(form, "next"))
    if target is None:
        return _bad_next(request)
    values = {"fullname": form_text(form, "fullname").strip(), "email": form_text(form, "email")}
    password = form_text(form, "password")
    errors: dict[str, str] = {}
    if not values["fullname"] or len(values["fullname"]) > MAX_NAME:
        errors["fullname"] = f"Enter your name (at most {MAX_NAME} characters)."
    try:
        email = normalize_email(values["email"].strip())
    except ValueError as exc:
        errors["email"] = f"Enter an email address like you@example.com ({exc})."
        email = ""
    if not password:
        errors["password"] = "Choose a password."
    if errors:
        return signup_page(request, target, errors=errors, values=values, status=400)
    settings = settings_of(request)
    try:
        async with session.begin_nested():
            await registration.register_user(
                session,
                NewUser(email=email, password=password, fullname=values["fullname"]),
                settings,
            )
    except DomainError as exc:
        field = exc.field if exc.field in ("email", "password", "fullname") else "form"
        return signup_page(
            request, target, errors={field: exc.message}, values=values, status=exc.status
        )
    # Signed in at once, through the same login (its session, its login-code step).
    return await SIGN_IN.with_password(
        request,
        session,
        username=email,
        password=password,
        carry=target,
        done=target,
        again=lambda error, status: login_page(
            request, target, error=error, username=email, status=status
        ),
        counted=False,
    )


@account.post("/logout")
async def logout(request: Request, session: DbSession) -> Response:
    settings = settings_of(request)
    form = await request.form()
    person = await current_person(request, session, settings)
    if person is not None:
        check_csrf(request, person.session_id, form.get(CSRF_FIELD))
        await sessions.logout(session, person)
    response = RedirectResponse(HOME, status_code=303)
    response.delete_cookie(settings.token_name, path="/")
    return response
