"""The Channel API's error body, as Beds24 API V2 answers, plus where and which request:

{"success": false, "type": "error", "code": 400, "error": "arrival is required.",
 "field": "arrival", "errors": [...], "details": {...facts}, "requestId": "..."}

`details` carries a domain error's facts (the nights that are taken, the dates allowed).
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel

from staykit.api.openapi import error_responses
from staykit.api.surface import Problem, Surface, Vocabulary

# The domain's field and code names as this surface writes them (see Vocabulary).
VOCABULARY = Vocabulary(fields={}, codes={})


def render(problem: Problem, request_id: str | None) -> dict[str, Any]:
    problem = problem.in_words_of(VOCABULARY)
    body: dict[str, Any] = {
        "success": False,
        "type": "error",
        "code": problem.status,
        "error": problem.message,
    }
    if problem.field:
        body["field"] = problem.field
    if problem.errors:
        body["errors"] = [
            {"field": e.get("field"), "message": e.get("message")} for e in problem.errors
        ]
    if problem.facts:
        body["details"] = problem.facts
    if request_id:
        body["requestId"] = request_id
    return body


class UnsuccessfulApiResponse(BaseModel):
    success: bool
    type: str
    code: int
    error: str
    field: str | None = None
    errors: list[dict[str, Any]] | None = None
    details: dict[str, Any] | None = None
    requestId: str | None = None


ERROR_RESPONSES = error_responses(UnsuccessfulApiResponse)
CHANNEL = Surface("channel", ("/v2",), render)
