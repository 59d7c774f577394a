"""Published API documents the partner surfaces are tested against (test data only; never
read by the service): Beds24's OpenAPI document for API V2, the Channel API's contract."""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

import yaml

BEDS24_PATH = Path(__file__).resolve().parent / "beds24-api-v2.openapi.yaml"


@cache
def beds24() -> dict[str, Any]:
    """Beds24 API V2's OpenAPI document, parsed once per test process."""
    return dict(yaml.safe_load(BEDS24_PATH.read_text()))
