"""How many generated requests the schemathesis fuzz tests send per operation.

Each fuzz module has a small default that keeps `make test` quick (a fixed seed, so a run
reproduces). STAYKIT_FUZZ_EXAMPLES=<n> replaces every module's default with n, for a deeper
run on a developer's machine, e.g.
`STAYKIT_FUZZ_EXAMPLES=100 pytest -n 2 tests/api/test_openapi_fuzz.py tests/api/marketplace/test_fuzz.py
tests/api/test_partner_fuzz.py tests/api/channel/test_contract.py tests/api/channel/test_contract_writes.py`.
"""

from __future__ import annotations

import os

ENV = "STAYKIT_FUZZ_EXAMPLES"


def fuzz_examples(default: int) -> int:
    """`default`, unless STAYKIT_FUZZ_EXAMPLES asks for another count (a test knob, not a
    service setting: it never reaches staykit's Settings)."""
    given = os.environ.get(ENV, "").strip()
    if not given:
        return default
    count = int(given)
    if count < 1:
        raise ValueError(f"{ENV} must be a positive number of examples, not {given!r}")
    return count
