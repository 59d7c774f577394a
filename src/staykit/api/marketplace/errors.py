"""The marketplace error body (spec §1.7), rendered from a `Problem`.

    {"result": "ERR", "status": 400, "message": "errMsg_emailIsRequired", "errCode": 400,
     "date": "...", "detail": "email is required.", "field": "email", "errors": [...],
     "requestId": "..."}

`field`, `errors`, `facts` and `requestId` are staykit additions: they say where the
problem is, what the server knows about it (the nights that are taken, the dates allowed)
and which request it was.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from fastapi import FastAPI

from staykit.api import errors as shared
from staykit.api.surface import Problem, Surface, Vocabulary

# The marketplace names a validation failure after its first field and what is wrong.
_SUFFIXES = {
    "missing": "IsRequired",
    "extra_forbidden": "IsNotAllowed",
    "uuid_parsing": "IsNotAValidID",
    "json_invalid": "IsNotValidJson",
}


def message_code(problem: Problem) -> str:
    code = problem.code
    if code == "validation" and problem.errors:
        first = problem.errors[0]
        head = str(first.get("field", "body")).split(".")[0] or "body"
        code = f"{head}{_SUFFIXES.get(str(first.get('kind', '')), 'IsInvalid')}"
    return code if code.startswith("errMsg_") else f"errMsg_{code}"


# The domain's field and code names as this surface writes them (see Vocabulary): only
# what the default (snake_case -> camelCase, codes as they are) does not already give.
VOCABULARY = Vocabulary(
    fields={
        "arrival": "checkIn",
        "available": "isAvailable",
        "departure": "checkOut",
        "guests": "guestCount",
        "ical_export_url": "iCalExportUrl",
        "ical_import_source": "iCalImportSource",
    },
    codes={
        "arrivalIsInvalid": "checkInIsInvalid",
        "availableIsInvalid": "isAvailableIsInvalid",
        "departureIsInvalid": "checkOutIsInvalid",
        "guestsIsInvalid": "guestCountIsInvalid",
    },
)


def render(problem: Problem, request_id: str | None) -> dict[str, Any]:
    problem = problem.in_words_of(VOCABULARY)
    body: dict[str, Any] = {
        "result": "ERR",
        "status": problem.status,
        "message": message_code(problem),
        "errCode": problem.status,
        "date": datetime.now(UTC).isoformat().replace("+00:00", "Z"),
        "detail": problem.message,
    }
    if problem.field:
        body["field"] = problem.field
    if problem.errors:
        body["errors"] = [{k: v for k, v in e.items() if k != "kind"} for e in problem.errors]
    if problem.facts:
        body["facts"] = problem.facts
    if request_id:
        body["requestId"] = request_id
    return body


MARKETPLACE = Surface("marketplace", ("",), render)


def install(app: FastAPI) -> None:
    """Answer every failure inside `app` in the marketplace's error body."""
    shared.install(app, MARKETPLACE)
