"""The ids a Channel API DELETE names (`id`, repeated and/or comma-separated), as Beds24's
document types them: integers. Every integer is answered on its own, in order: one that
names nothing (unknown, another account's, negative, beyond any id) is that id's "not
found", never the request's 400. What is not an integer, or no id at all, is a 400."""

from __future__ import annotations

import re

from staykit.core.errors import InvalidInput

MAX_IDS = 1000
_INTEGER = re.compile(r"-?[0-9]{1,40}")  # longer names nothing any more than 40 digits do


def ids_to_delete(values: list[str] | None) -> list[int]:
    found: list[int] = []
    for value in values or []:
        for part in value.split(","):
            part = part.strip()
            if not part:
                continue
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
