"""Beds24's API V2 document (tests/contracts) as JSON tools read it.

The YAML as published trips strict OpenAPI readers on three things that are not meant:
- unquoted example keys YAML reads as integers or dates (`1:`, `2021-01-01:`): JSON has
  only string keys, so they become the strings they are written as;
- Beds24's `format: nullable` on five fields: it means OpenAPI's `nullable: true`;
- one entry under `paths` that is no path ("Webhooks - bookings", a webhook's payload
  described as an operation without responses): left out.
Nothing else changes. Run `python -m tests.clients.document OUT.json` to write it (the
input of the generated client in tests/clients/beds24; see README.md).
"""

from __future__ import annotations

import json
import sys
from datetime import date
from typing import Any

from tests import contracts


def beds24_json() -> dict[str, Any]:
    document = _plain(contracts.beds24())
    document["paths"] = {p: v for p, v in document["paths"].items() if p.startswith("/")}
    return dict(document)


def _plain(node: Any) -> Any:
    if isinstance(node, dict):
        out = {
            key.isoformat() if isinstance(key, date) else str(key): _plain(value)
            for key, value in node.items()
        }
        if out.get("format") == "nullable":
            del out["format"]
            out["nullable"] = True
        return out
    if isinstance(node, list):
        return [_plain(item) for item in node]
    return node.isoformat() if isinstance(node, date) else node


if __name__ == "__main__":
    with open(sys.argv[1], "w") as out:
        json.dump(beds24_json(), out, indent=1)
