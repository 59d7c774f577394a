"""The iCal feeds' error body: calendar clients show none of it, but a person pasting the
URL into a browser or a script reads what was wrong and which request it was:

{"code": "feedNotFound", "message": "There is no calendar at this address.",
 "requestId": "..."}
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel

from staykit.api.openapi import ERROR_STATUSES
from staykit.api.surface import Problem, Surface


def render(problem: Problem, request_id: str | None) -> dict[str, Any]:
    body: dict[str, Any] = {"code": problem.code, "message": problem.message}
    if problem.field:
        body["field"] = problem.field
    if request_id:
        body["requestId"] = request_id
    return body


class FeedError(BaseModel):
    code: str
    message: str
    field: str | None = None
    requestId: str | None = None


# A feed has no credential but its URL and takes no body: these are all it answers.
ERROR_RESPONSES: dict[int | str, dict[str, Any]] = {
    status: {"model": FeedError, "description": ERROR_STATUSES[status]} for status in (400, 404)
}
ICAL = Surface("ical", ("/ical",), render)
