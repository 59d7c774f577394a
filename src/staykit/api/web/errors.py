"""How a surface of pages (the account portal, the guest site, the host pages) answers a
failure a person can cause: an HTML page saying what was wrong, with the request id, for
every 4xx a route or the framework raises. The shared request layer (body too large, ...)
answers before any route, in `render`'s small JSON body; a 5xx stays the shared handler's
(a bug). Each surface supplies its own error page and its own not-found page."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import Response
from starlette.exceptions import HTTPException as StarletteHTTPException

from staykit.api import errors as shared
from staykit.api.surface import Problem, Surface
from staykit.core.errors import DomainError

TITLES = {
    400: "Something in the form is not right",
    401: "Please sign in",
    403: "This form has expired",
    404: "Page not found",
    405: "This page does not take that kind of request",
    409: "Something changed meanwhile",
    413: "Too much data",
    415: "That kind of file is not accepted",
    429: "Too many attempts",
}

# (request, status, message, headers) -> the surface's error page
ErrorPage = Callable[[Request, int, str, dict[str, str] | None], Response]


def render(problem: Problem, rid: str | None) -> dict[str, Any]:
    """The small JSON body of the failures answered before any page (the request layer's)."""
    body: dict[str, Any] = {"code": problem.code, "message": problem.message}
    if problem.field:
        body["field"] = problem.field
    if rid:
        body["requestId"] = rid
    return body


def install_html_errors(
    app: FastAPI,
    surface: Surface,
    error_page: ErrorPage,
    not_found: Callable[[Request], Response],
) -> None:
    """HTML pages for the failures a person can cause (after `surface_app` installed the
    shared JSON answers, which stay for 5xx)."""

    for kind in (DomainError, RequestValidationError, StarletteHTTPException):
        translate = shared.TRANSLATIONS[kind]

        async def handler(request: Request, exc: Exception, translate: Any = translate) -> Response:
            problem: Problem = translate(exc)
            if problem.status >= 500:
                return shared.respond(surface, request, problem)
            if problem.status == 404:
                return not_found(request)
            message = problem.message
            if problem.status == 422:
                message = "The form is missing a field or has one of the wrong kind."
            status = 400 if problem.status == 422 else problem.status
            return error_page(request, status, message, problem.headers)

        app.add_exception_handler(kind, handler)
