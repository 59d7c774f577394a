"""How the host pages answer a failure: an HTML page saying what was wrong, with the
request id, for every 4xx a route or the framework raises (a 404 is the same page for a
listing that does not exist and one of another host). The shared request layer (body too
large, ...) answers before any route in `render`'s small JSON body; a 5xx stays the
shared handler's (a bug)."""

from __future__ import annotations

from fastapi import FastAPI, Request
from fastapi.responses import HTMLResponse

from staykit.api.deps import request_id
from staykit.api.host.render import html_page
from staykit.api.surface import Surface
from staykit.api.web.errors import TITLES, install_html_errors, render

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
        title=title or TITLES.get(status, "Something went wrong"),
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
    """HTML pages for the failures a person can cause (the shared JSON answers stay for 5xx)."""
    install_html_errors(
        app,
        HOST,
        lambda request, status, message, headers: error_page(
            request, status, message, headers=headers
        ),
        not_found,
    )
