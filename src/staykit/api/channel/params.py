"""Query parameters the Channel API's reads share: Beds24 sends an array as the parameter
repeated (`id=1&id=2`) or comma-separated (`id=1,2`); ids are positive integers."""

from __future__ import annotations

import re
from typing import Annotated

from fastapi import Query

from staykit.core.errors import InvalidInput

MAX_IDS = 1000
_INTEGER = re.compile(r"-?[0-9]{1,40}")  # longer names nothing any more than 40 digits do


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


def ids_to_delete(values: list[str] | None) -> list[int]:
    """The ids a DELETE names, as Beds24's document types them: integers. Every integer is
    answered on its own, in order: one that names nothing (unknown, another account's,
    negative, beyond any id) is that id's "not found", never the request's 400. What is not
    an integer, or no id at all, is a 400."""
    found: list[int] = []
    for part in split(values):
        if _INTEGER.fullmatch(part) is None:
            raise InvalidInput(
                "id takes integer ids (repeat the parameter or separate them with commas).",
                code="invalidId",
                field="id",
            )
        found.append(int(part))
    if not found:
        raise InvalidInput("id is required: the ids to delete.", code="missingId", field="id")
    if len(found) > MAX_IDS:
        raise InvalidInput(f"At most {MAX_IDS} ids in id.", code="tooManyIds", field="id")
    return found
