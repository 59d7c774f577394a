"""Published API documents the partner surfaces are tested against (test data only; never
read by the service): Beds24's OpenAPI document for API V2, the Channel API's contract."""

from __future__ import annotations

from datetime import date
from functools import cache
from pathlib import Path
from typing import Any

import jsonschema_rs
import yaml

BEDS24_PATH = Path(__file__).resolve().parent / "beds24-api-v2.openapi.yaml"


@cache
def beds24() -> dict[str, Any]:
    """Beds24 API V2's OpenAPI document, parsed once per test process."""
    return dict(yaml.safe_load(BEDS24_PATH.read_text()))


def _json_schema(node: Any) -> Any:
    """OpenAPI 3.0's schema dialect as JSON Schema: `nullable: true` (or Beds24's
    `format: nullable`) becomes a "null" type (JSON Schema has no `nullable`; validators
    ignore it and refuse the null)."""
    if isinstance(node, date):  # YAML reads unquoted example dates as dates
        return node.isoformat()
    if isinstance(node, list):
        return [_json_schema(item) for item in node]
    if not isinstance(node, dict):
        return node
    # str(key): YAML reads an unquoted example key such as 2024-01-01 as a date.
    out = {str(key): _json_schema(value) for key, value in node.items() if key != "nullable"}
    # Beds24's document also writes `format: nullable` for a nullable field.
    if node.get("nullable") is True or node.get("format") == "nullable":
        kind = out.get("type")
        if isinstance(kind, str):
            out["type"] = [kind, "null"]
        if "enum" in out:
            out["enum"] = [*out["enum"], None]
    return out


def assert_conforms(schema_name: str, items: list[dict[str, Any]]) -> None:
    """Each item is valid against the Beds24 document's schema `schema_name` (its $refs
    resolved within the document)."""
    document = beds24()
    components = _json_schema(document["components"])
    schema = {**components["schemas"][schema_name], "components": components}
    validator = jsonschema_rs.validator_for(schema)
    for index, item in enumerate(items):
        errors = [f"{e.instance_path}: {e.message}" for e in validator.iter_errors(item)]
        assert not errors, f"item {index} does not conform to {schema_name}: {errors[:5]}"
