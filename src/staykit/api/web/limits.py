"""The public-route rate limits (staykit.api.ratelimit) on the page surfaces: a route
dependency whose person is the one whose session cookie the browser sent. A refusal is
the surface's own HTML error page with 429 and Retry-After."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from fastapi import Depends, Request

from staykit.api import ratelimit
from staykit.api.deps import DbSession
from staykit.api.ratelimit import RouteClass
from staykit.api.web.session import current_person

ClassOf = RouteClass | Callable[[Request], RouteClass]


def page_limited(route_class: ClassOf) -> Any:
    """A route dependency of a page surface: the person is the one whose session cookie
    the browser sent. `route_class` may depend on the request (a listing page with dates
    is a quote)."""

    async def check_page_limit(request: Request, session: DbSession) -> None:
        chosen = route_class(request) if callable(route_class) else route_class
        person = await current_person(request, session, request.app.state.settings)
        await ratelimit.check(request, chosen, person.user_id if person is not None else None)

    return Depends(check_page_limit)
