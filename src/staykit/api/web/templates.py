"""The Jinja2 environment of the browser pages: autoescaped HTML templates shipped in the
package (staykit.api.web/templates for the base page, each surface's own folder for its
pages)."""

from __future__ import annotations

from typing import Any

from fastapi.responses import HTMLResponse
from jinja2 import ChoiceLoader, Environment, PackageLoader, select_autoescape


def environment(*packages: str) -> Environment:
    """Templates from `packages` (each's `templates` folder) and the shared base page."""
    loaders = [PackageLoader(p, "templates") for p in (*packages, "staykit.api.web")]
    return Environment(
        loader=ChoiceLoader(loaders),
        autoescape=select_autoescape(default=True, default_for_string=True),
        trim_blocks=True,
        lstrip_blocks=True,
    )


def page(env: Environment, name: str, status: int = 200, **context: Any) -> HTMLResponse:
    response = HTMLResponse(env.get_template(name).render(**context), status_code=status)
    # Pages carry forms with per-browser tokens and personal data: never cached, never framed.
    response.headers["Cache-Control"] = "no-store"
    response.headers["X-Frame-Options"] = "DENY"
    response.headers["Content-Security-Policy"] = (
        "default-src 'none'; style-src 'unsafe-inline'; form-action 'self' http: https:; "
        "frame-ancestors 'none'"
    )
    response.headers["Referrer-Policy"] = "no-referrer"
    return response
