"""What every API surface tells the shared request layer: its name, where it is mounted,
and how it writes an error.

The exception-to-problem translation is shared (`staykit.api.errors`): a domain error, a
validation failure or a database race means the same thing under every API. Only the
body differs, so each surface supplies one `render` function.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Problem:
    """A failure, before any surface has put it into words of its own."""

    status: int
    code: str  # a stable machine name in domain words, e.g. "reservationNotFound"
    message: str  # what was wrong, for a person
    field: str | None = None
    # each: {"field": dotted path, "message": ..., "location"?: body|query|path|header,
    #        "kind"?: the validator's name for it, and facts such as "nights"}
    errors: Sequence[dict[str, Any]] = ()
    headers: dict[str, str] | None = None
    facts: dict[str, Any] | None = None  # e.g. the nights that are taken


Render = Callable[[Problem, str | None], dict[str, Any]]


@dataclass(frozen=True)
class Surface:
    name: str  # marketplace, cloud, channel, connect
    prefixes: tuple[str, ...]  # where its application is mounted ("" = everything else)
    render: Render  # Problem + request id -> the surface's error body
    media_type: str = "application/json"

    def owns(self, path: str) -> bool:
        return any(p and (path == p or path.startswith(p + "/")) for p in self.prefixes)


def surface_for(surfaces: Sequence[Surface], path: str) -> Surface:
    """The surface that answers `path`: the one mounted there, else the catch-all."""
    fallback = surfaces[-1]
    for surface in surfaces:
        if surface.owns(path):
            return surface
        if "" in surface.prefixes:
            fallback = surface
    return fallback
