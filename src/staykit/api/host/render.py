"""Rendering a host page: the package's templates (host_*.html over the shared base page)
and the headers every page carries."""

from __future__ import annotations

from typing import Any

from fastapi.responses import HTMLResponse

from staykit.api.web.templates import environment, page

templates = environment("staykit.api.host")

# The shared pages allow no script and no image; the host pages run their one script
# file (same origin) and show listing photos (uploaded ones are served from this site,
# others are the https addresses a host gave through the API).
CSP = (
    "default-src 'none'; script-src 'self'; style-src 'unsafe-inline'; "
    "img-src 'self' https:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'"
)


def html_page(name: str, status: int = 200, **context: Any) -> HTMLResponse:
    response = page(templates, name, status, **context)
    response.headers["Content-Security-Policy"] = CSP
    return response
