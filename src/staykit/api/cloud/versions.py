"""Dated versions of the Cloud API, as rezStream dates its own: `X-RezStream-Api-Version:
YYYY-MM-DD` on a request picks the version it is answered in; absent, the current one.

A version is added when a change would break clients written for the previous one; safe
additions (a new field, a new route) apply to every version. An unknown version is a 400
listing the known ones, which the OpenAPI document lists too (`info.x-api-versions`).
Every answer says the version it was given in, in the same header.
"""

from __future__ import annotations

import re
from typing import Any

from staykit.core.errors import InvalidInput

HEADER = "X-RezStream-Api-Version"
VERSIONS = ("2026-12-01",)  # oldest first
CURRENT = VERSIONS[-1]
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


class UnknownVersion(InvalidInput):
    wire_words = True  # the header's own name, not a domain word

    def __init__(self, sent: str) -> None:
        shown = sent if _DATE.fullmatch(sent) else "the version sent"
        super().__init__(
            f"{HEADER}: {shown} is not a version of this API (a date YYYY-MM-DD); known: "
            f"{', '.join(VERSIONS)}.",
            code="apiVersionIsUnknown",
            field=HEADER,
        )
        self.facts = {"known": list(VERSIONS), "current": CURRENT}


def pick(sent: str | None) -> str:
    """The version a request is answered in."""
    if sent is None or not sent.strip():
        return CURRENT
    version = sent.strip()
    if version not in VERSIONS:
        raise UnknownVersion(version)
    return version


def document(doc: dict[str, Any]) -> dict[str, Any]:
    """The OpenAPI document with the known versions (`info.x-api-versions`)."""
    doc.setdefault("info", {})["x-api-versions"] = {
        "header": HEADER,
        "known": list(VERSIONS),
        "current": CURRENT,
    }
    return doc
