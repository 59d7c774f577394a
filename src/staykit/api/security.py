"""Scope checks every surface shares: declared once per route with FastAPI's `Security`,
so the route's OpenAPI operation lists the scopes it needs, and checked in one place."""

from __future__ import annotations

from collections.abc import Sequence

from fastapi.security import SecurityScopes

from staykit.core.errors import Forbidden
from staykit.domain.access.principal import Principal
from staykit.domain.access.scopes import CATEGORIES, Scope

SCOPE_DESCRIPTIONS: dict[str, str] = {
    s.value: f"{s.value.split(':')[0].capitalize()} {s.value.split(':')[1]}" for s in Scope
} | {f"all:{c}": f"Read, write and delete {c}" for c in CATEGORIES}


def check_scopes(principal: Principal, required: SecurityScopes) -> None:
    """403 naming the first scope the credential lacks (first-party sessions lack none)."""
    for name in required.scopes:
        if not principal.allows(Scope(name)):
            raise Forbidden(
                f"This token lacks the scope {name}, which this operation needs.",
                code="insufficientScope",
                field="scope",
            )


def check_any_scope(principal: Principal, alternatives: Sequence[str]) -> None:
    """403 unless the credential holds at least one of `alternatives` (a route that two
    scope families open: Beds24's and staykit's own), naming them all."""
    if not any(principal.allows(Scope(name)) for name in alternatives):
        raise Forbidden(
            f"This token lacks the scope {' or '.join(alternatives)}, which this operation needs.",
            code="insufficientScope",
            field="scope",
        )
