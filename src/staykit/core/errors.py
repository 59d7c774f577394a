"""Domain errors. Each API surface maps them once to its own error body."""

from __future__ import annotations

from typing import Any


class DomainError(Exception):
    """Base of every expected failure. `code` is a stable machine name, `message` says what."""

    status = 400
    code = "invalidRequest"

    def __init__(
        self,
        message: str,
        *,
        code: str | None = None,
        field: str | None = None,
        errors: list[dict[str, Any]] | None = None,
        headers: dict[str, str] | None = None,
        commit: bool = False,
    ) -> None:
        super().__init__(message)
        # commit=True: the work done before the error must persist (e.g. a failed-login
        # record); the request boundary commits instead of rolling back.
        self.commit = commit
        self.message = message
        if code is not None:
            self.code = code
        self.field = field
        self.errors = errors or []
        self.headers = headers or {}


class InvalidInput(DomainError):
    status = 400
    code = "invalidInput"


class Unauthenticated(DomainError):
    status = 401
    code = "notAuthenticated"


class Forbidden(DomainError):
    status = 403
    code = "forbidden"


class NotFound(DomainError):
    status = 404
    code = "notFound"


class Conflict(DomainError):
    status = 409
    code = "conflict"


class PayloadTooLarge(DomainError):
    status = 413
    code = "payloadTooLarge"


class UnsupportedMediaType(DomainError):
    status = 415
    code = "unsupportedMediaType"


class TooManyRequests(DomainError):
    status = 429
    code = "tooManyRequests"

    def __init__(self, message: str, *, retry_after: int, **kwargs: Any) -> None:
        headers = {"Retry-After": str(max(1, retry_after))}
        super().__init__(message, headers=headers, **kwargs)
        self.retry_after = retry_after


class ServiceUnavailable(DomainError):
    """A service staykit depends on (the file store) cannot be reached: retry later."""

    status = 503
    code = "serviceUnavailable"
