"""The Cloud API's error body: RFC 9457 problem details, as ASP.NET-style APIs answer.

{"type": "about:blank", "title": "Forbidden", "status": 403,
 "detail": "This token lacks the scope read:bookings, ...", "code": "insufficientScope",
 "traceId": "<request id>", "errors": {"scope": ["..."]}}

A domain error's facts (the nights that are taken, the dates allowed) are extension
members: {"status": 409, ..., "nights": ["2027-07-01"]}.
"""

from __future__ import annotations

from http import HTTPStatus
from typing import Any

from pydantic import BaseModel, ConfigDict

from staykit.api.openapi import error_responses
from staykit.api.surface import Problem, Surface, Vocabulary

# The domain's field and code names as this surface writes them (see Vocabulary).
VOCABULARY = Vocabulary(fields={}, codes={})


def render(problem: Problem, request_id: str | None) -> dict[str, Any]:
    problem = problem.in_words_of(VOCABULARY)
    try:
        title = HTTPStatus(problem.status).phrase
    except ValueError:
        title = "Error"
    body: dict[str, Any] = {
        "type": "about:blank",
        "title": title,
        "status": problem.status,
        "detail": problem.message,
        "code": problem.code,
    }
    fields: dict[str, list[str]] = {}
    for item in problem.errors:
        fields.setdefault(str(item.get("field") or "body"), []).append(str(item.get("message")))
    if not fields and problem.field:
        fields[problem.field] = [problem.message]
    if fields:
        body["errors"] = fields
    if request_id:
        body["traceId"] = request_id
    # A domain error's facts as problem extension members (RFC 9457 §3.2); never over a
    # standard member.
    for key, value in (problem.facts or {}).items():
        body.setdefault(key, value)
    return body


class ProblemDetails(BaseModel):
    # extension members: a domain error's facts (e.g. nights, first, last)
    model_config = ConfigDict(extra="allow")

    type: str
    title: str
    status: int
    detail: str
    code: str
    traceId: str | None = None
    errors: dict[str, list[str]] | None = None


ERROR_RESPONSES = error_responses(ProblemDetails)
CLOUD = Surface("cloud", ("/cloudapi",), render, media_type="application/problem+json")
