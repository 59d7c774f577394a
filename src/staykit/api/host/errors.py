"""How the host pages answer a failure: an HTML page saying what was wrong, with the
request id, for every 4xx a route or the framework raises (a 404 is the same page for a
listing that does not exist and one of another host). The shared request layer (body too
large, ...) answers before any route in `render`'s small JSON body; a 5xx stays the
shared handler's (a bug)."""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, Response
from starlette.exceptions import HTTPException as StarletteHTTPException

from staykit.api import errors as shared
from staykit.api.deps import request_id
from staykit.api.host.render import html_page
from staykit.api.surface import Problem, Surface
from staykit.core.errors import DomainError

_TITLES = {
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


def render(problem: Problem, rid: str | None) -> dict[str, Any]:
    body: dict[str, Any] = {"code": problem.code, "message": problem.message}
    if problem.field:
        body["field"] = problem.field
    if rid:
        body["requestId"] = rid
    return body


HOST = Surface("host", ("/host",), render)


def error_page(
    request: Request,
    status: int,
    message: str,
    *,
    title: str | None = None,
    headers: dict[str, str] | None = None,
) -> HTMLResponse:
    rid = request_id(request)
    response = html_page(
        "host_error.html",
        status,
        title=title or _TITLES.get(status, "Something went wrong"),
        message=message,
        request_id=rid,
    )
    response.headers["X-Request-Id"] = rid
    response.headers.update(headers or {})
    return response


def not_found(request: Request) -> HTMLResponse:
    return error_page(
        request, 404, "There is no such page, or it is not one of your listings or stays."
    )


def install(app: FastAPI) -> None:
    """HTML pages for the failures a person can cause (after `surface_app` installed the
    shared JSON answers, which stay for 5xx)."""

    for kind in (DomainError, RequestValidationError, StarletteHTTPException):
        translate = shared.TRANSLATIONS[kind]

        async def handler(request: Request, exc: Exception, translate: Any = translate) -> Response:
            problem: Problem = translate(exc)
            if problem.status >= 500:
                return shared.respond(HOST, request, problem)
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
