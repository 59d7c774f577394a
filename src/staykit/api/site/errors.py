"""How the guest web app answers a failure: an HTML page in the site's layout saying what
was wrong, with the request id, for every 4xx a route or the framework raises (a page a
person reads, not a JSON body). A 5xx stays the shared handler's (a bug)."""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, Response
from starlette.exceptions import HTTPException as StarletteHTTPException

from staykit.api import errors as shared
from staykit.api.deps import request_id
from staykit.api.site.common import site_page
from staykit.api.surface import Problem, Surface
from staykit.core.errors import DomainError
from staykit.domain.access.principal import Principal

_TITLES = {
    400: "Something in the form is not right",
    401: "Please sign in",
    403: "This form has expired",
    404: "Page not found",
    405: "This page does not take that kind of request",
    409: "Something changed meanwhile",
    413: "Too much data",
    429: "Too many attempts",
}

# Where the site's pages live: the shared request layer answers its own failures here in
# `render`'s small JSON body (a body too large, ...), before any page.
PREFIXES = ("/s", "/rooms", "/book", "/trips", "/inbox", "/login", "/signup", "/logout")


def render(problem: Problem, rid: str | None) -> dict[str, Any]:
    body: dict[str, Any] = {"code": problem.code, "message": problem.message}
    if problem.field:
        body["field"] = problem.field
    if rid:
        body["requestId"] = rid
    return body


SITE = Surface("site", (*PREFIXES, "/static/site"), render)


def error_page(
    request: Request,
    status: int,
    message: str,
    *,
    title: str | None = None,
    headers: dict[str, str] | None = None,
    person: Principal | None = None,
) -> HTMLResponse:
    """The error page; with `person`, in their nav (the handlers below answer after the
    request's transaction ended, so they show the signed-out nav)."""
    rid = request_id(request)
    response = site_page(
        request,
        person,
        "site_error.html",
        status,
        title=title or _TITLES.get(status, "Something went wrong"),
        message=message,
        request_id=rid,
    )
    response.headers["X-Request-Id"] = rid
    response.headers.update(headers or {})
    return response


def not_found(request: Request, person: Principal | None = None) -> HTMLResponse:
    # The same page for what does not exist and what is not the person's to see.
    return error_page(
        request, 404, "There is no such page, or it is not one you can open.", person=person
    )


def install(app: FastAPI) -> None:
    """HTML pages for the failures a person can cause (after `surface_app` installed the
    shared JSON answers, which stay for 5xx)."""

    for kind in (DomainError, RequestValidationError, StarletteHTTPException):
        translate = shared.TRANSLATIONS[kind]

        async def handler(request: Request, exc: Exception, translate: Any = translate) -> Response:
            problem: Problem = translate(exc)
            if problem.status >= 500:
                return shared.respond(SITE, request, problem)
            if problem.status == 404:
                return not_found(request)
            message = problem.message
            if problem.status == 422:
                message = "The form is missing a field or has one of the wrong kind."
            return error_page(
                request,
                400 if problem.status == 422 else problem.status,
                message,
                headers=problem.headers,
            )

        app.add_exception_handler(kind, handler)
