"""OAuth 2 error bodies (RFC 6749 §5.2, RFC 6750 §3), plus where and which request:

{"error": "invalid_request", "error_description": "...", "requestId": "..."}
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel

from staykit.api.openapi import error_responses
from staykit.api.surface import Problem, Surface, Vocabulary

# An OAuth error code for each status; a domain error may name its own (`invalid_grant`).
_OAUTH_CODES = {
    400: "invalid_request",
    401: "invalid_token",
    403: "insufficient_scope",
    404: "invalid_request",
    405: "invalid_request",
    409: "invalid_request",
    413: "invalid_request",
    429: "slow_down",
}
OAUTH_ERRORS = frozenset(
    {
        "invalid_request",
        "invalid_client",
        "invalid_grant",
        "unauthorized_client",
        "unsupported_grant_type",
        "invalid_scope",
        "access_denied",
        "invalid_token",
        "insufficient_scope",
        "server_error",
        "temporarily_unavailable",
        "slow_down",
    }
)


# The domain's field and code names as this surface writes them (see Vocabulary).
VOCABULARY = Vocabulary(fields={}, codes={})


def render(problem: Problem, request_id: str | None) -> dict[str, Any]:
    problem = problem.in_words_of(VOCABULARY)
    error = (
        problem.code
        if problem.code in OAUTH_ERRORS
        else _OAUTH_CODES.get(problem.status, "server_error")
    )
    body: dict[str, Any] = {"error": error, "error_description": problem.message}
    if problem.field:
        body["field"] = problem.field
    if request_id:
        body["requestId"] = request_id
    return body


class OAuthError(BaseModel):
    error: str
    error_description: str
    field: str | None = None
    requestId: str | None = None


ERROR_RESPONSES = error_responses(OAuthError)
CONNECT = Surface("connect", ("/connect", "/.well-known"), render)
