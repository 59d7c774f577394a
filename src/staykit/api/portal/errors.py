"""How the account portal answers a failure: an HTML page saying what was wrong, with
the request id, for every 4xx a route or the framework raises (a page a person reads,
not a JSON body). The shared request layer (body too large, ...) answers before any
route, in `render`'s small JSON body; a 5xx stays the shared handler's (a bug)."""

from __future__ import annotations

from fastapi import FastAPI, Request
from fastapi.responses import HTMLResponse

from staykit.api.deps import request_id
from staykit.api.surface import Surface
from staykit.api.web.errors import TITLES, install_html_errors, render
from staykit.api.web.templates import environment, page

templates = environment("staykit.api.portal")


PORTAL = Surface("portal", ("/account",), render)


def error_page(
    request: Request,
    status: int,
    message: str,
    *,
    title: str | None = None,
    hint: str = "",
    headers: dict[str, str] | None = None,
) -> HTMLResponse:
    rid = request_id(request)
    response = page(
        templates,
        "error.html",
        status,
        title=title or TITLES.get(status, "Something went wrong"),
        message=message,
        hint=hint,
        request_id=rid,
    )
    response.headers["X-Request-Id"] = rid
    response.headers.update(headers or {})
    return response


def not_found(request: Request) -> HTMLResponse:
    # The same page for a business that does not exist and one the person does not
    # manage: the portal never says which.
    return error_page(
        request,
        404,
        "There is no such page, or it is not one you can open.",
        hint="Go back to your account and pick a business from the list.",
    )


def install(app: FastAPI) -> None:
    """HTML pages for the failures a person can cause (the shared JSON answers stay for 5xx)."""
    install_html_errors(
        app,
        PORTAL,
        lambda request, status, message, headers: error_page(
            request, status, message, headers=headers
        ),
        not_found,
    )
