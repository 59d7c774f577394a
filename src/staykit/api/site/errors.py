"""How the guest web app answers a failure: an HTML page in the site's layout saying what
was wrong, with the request id, for every 4xx a route or the framework raises (a page a
person reads, not a JSON body). A 5xx stays the shared handler's (a bug)."""

from __future__ import annotations

from fastapi import FastAPI, Request
from fastapi.responses import HTMLResponse

from staykit.api.deps import request_id
from staykit.api.site.common import site_page
from staykit.api.surface import Surface
from staykit.api.web.errors import TITLES, install_html_errors, render
from staykit.domain.access.principal import Principal

# Where the site's pages live: the shared request layer answers its own failures here in
# `render`'s small JSON body (a body too large, ...), before any page.
PREFIXES = ("/s", "/rooms", "/book", "/trips", "/inbox", "/login", "/signup", "/logout")


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
        title=title or TITLES.get(status, "Something went wrong"),
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
    """HTML pages for the failures a person can cause (the shared JSON answers stay for 5xx)."""
    install_html_errors(
        app,
        SITE,
        lambda request, status, message, headers: error_page(
            request, status, message, headers=headers
        ),
        not_found,
    )
