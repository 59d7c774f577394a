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
    # True when field names are the domain's (a domain error); False when they are
    # already the surface's own wire names (request validation)
    domain_words: bool = True

    def in_words_of(self, vocabulary: Vocabulary) -> Problem:
        """The same problem with its code and fields named as the surface names them."""
        if not self.domain_words:
            return self
        return Problem(
            status=self.status,
            code=vocabulary.code(self.code),
            message=self.message,
            field=vocabulary.field(self.field),
            errors=[vocabulary.item(e) for e in self.errors],
            headers=self.headers,
            facts=vocabulary.facts(self.facts) if self.facts else None,
            domain_words=False,
        )


Render = Callable[[Problem, str | None], dict[str, Any]]


def camel(name: str) -> str:
    """listing_id -> listingId; names already in camelCase pass through."""
    if "_" not in name.lstrip("_"):
        return name
    lead = name[: len(name) - len(name.lstrip("_"))]
    head, *rest = name.lstrip("_").split("_")
    return lead + head + "".join(part[:1].upper() + part[1:] for part in rest)


@dataclass(frozen=True)
class Vocabulary:
    """How one surface names the domain's fields and error codes.

    The domain names fields in its own words (`arrival`, `guests`, `listing_id`) and codes
    in camelCase domain words (`arrivalInPast`). A surface renames what it calls
    differently (the marketplace says `checkIn` and `guestCount`); every other snake_case
    name becomes camelCase. Dotted paths (`items.0.unit_id`) are renamed part by part.
    Codes built from a field (`arrivalIsInvalid`) are renamed in `codes` where the field is
    renamed (`checkInIsInvalid`). The keys of an error's facts are renamed like fields.
    """

    fields: dict[str, str]
    codes: dict[str, str]

    def field(self, name: str | None) -> str | None:
        if not name:
            return name
        return ".".join(self.fields.get(part, camel(part)) for part in name.split("."))

    def code(self, code: str) -> str:
        return self.codes.get(code, code)

    def item(self, item: dict[str, Any]) -> dict[str, Any]:
        """One entry of `Problem.errors` with its field renamed."""
        if item.get("field"):
            return {**item, "field": self.field(str(item["field"]))}
        return item

    def facts(self, facts: Any) -> Any:
        """An error's facts in this surface's words: keys are named like fields (snake_case
        -> camelCase unless renamed), a "field" value is renamed as a field, a "rule" value
        as a code; every other value is data and stays as it is."""
        if isinstance(facts, list):
            return [self.facts(v) for v in facts]
        if not isinstance(facts, dict):
            return facts
        out: dict[str, Any] = {}
        for key, value in facts.items():
            if key == "field" and isinstance(value, str):
                out[key] = self.field(value)
            elif key == "rule" and isinstance(value, str):
                out[key] = self.code(value)
            else:
                out[self.fields.get(key, camel(key))] = self.facts(value)
        return out


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
