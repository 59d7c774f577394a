"""Query parameters the Channel API's reads share: Beds24 sends an array as the parameter
repeated (`id=1&id=2`) or comma-separated (`id=1,2`); ids are positive integers."""

from __future__ import annotations

from typing import Annotated

from fastapi import Query

from staykit.core.errors import InvalidInput

MAX_IDS = 1000


def split(values: list[str] | None) -> list[str]:
    """Repeated parameters, each possibly comma-separated, as one list."""
    return [p.strip() for v in values or [] for p in v.split(",") if p.strip()]


def int_ids(values: list[str] | None, name: str) -> tuple[int, ...]:
    """Positive integer ids, at most MAX_IDS of them; else a 400 naming the parameter."""
    found = split(values)
    if len(found) > MAX_IDS:
        raise InvalidInput(
            f"{name} takes at most {MAX_IDS} values.", code=f"{name}IsInvalid", field=name
        )
    try:
        ints = tuple(int(v) for v in found)
    except ValueError:
        raise InvalidInput(
            f"{name} must be whole numbers.", code=f"{name}IsInvalid", field=name
        ) from None
    if any(not 0 < i < 2**63 for i in ints):
        raise InvalidInput(f"{name} must be positive ids.", code=f"{name}IsInvalid", field=name)
    return ints


# The cursor nextPageLink carries (keyset paging: a page deep in the list costs what the
# first does); a client that builds `page` itself never needs it.
After = Annotated[
    str | None,
    Query(
        max_length=200,
        description="staykit: where the next page starts (from nextPageLink; opaque).",
    ),
]
