"""Pydantic base for request bodies: camelCase on the wire, unknown fields rejected."""

from __future__ import annotations

import json
import re
from typing import Annotated, Any

from email_validator import EmailNotValidError, validate_email
from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    field_validator,
)
from pydantic.alias_generators import to_camel

from staykit.core.errors import InvalidInput

# A date on the wire: exactly YYYY-MM-DD (date.fromisoformat and pydantic also take other
# spellings, timestamps or datetimes; the contracts say a date).
ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def check_text(name: str, value: str | None, limit: int, *, required: bool = False) -> None:
    """For domain functions called with plain arguments (not a request body): text of at
    most `limit` characters without NUL, and not blank when `required`; else a 400 naming
    `name`."""
    if value is None and not required:
        return
    if (
        not isinstance(value, str)
        or len(value) > limit
        or "\x00" in value
        or (required and not value.strip())
    ):
        least = 1 if required else 0
        raise InvalidInput(
            f"{name} must be {least} to {limit} characters of text, without NUL.",
            code=f"{name}IsInvalid",
            field=name,
        )


def _has_nul(value: Any) -> bool:
    if isinstance(value, str):
        return "\x00" in value
    if isinstance(value, dict):
        return any(_has_nul(k) or _has_nul(v) for k, v in value.items())
    if isinstance(value, list | tuple):
        return any(_has_nul(v) for v in value)
    return False


class Input(BaseModel):
    """A request body. Unknown fields are a 400 so a typo never passes silently."""

    model_config = ConfigDict(
        alias_generator=to_camel, populate_by_name=True, extra="forbid", str_strip_whitespace=True
    )

    @field_validator("*")
    @classmethod
    def _no_nul(cls, value: Any) -> Any:
        # PostgreSQL text cannot hold NUL; refused here it is a 400 naming the field,
        # not a database error.
        if _has_nul(value):
            raise ValueError("must not contain NUL characters")
        return value

    def provided(self) -> dict[str, Any]:
        """Only the fields the client sent (PATCH semantics), keyed by attribute name."""
        return self.model_dump(exclude_unset=True)


def parse_json_object(raw: str | bytes, field: str) -> dict[str, object]:
    """Parse a JSON object someone sent us; anything else (including JSON nested deep
    enough to exhaust the parser) is a 400 naming `field`."""
    try:
        value = json.loads(raw)
    except (ValueError, RecursionError):
        raise InvalidInput(
            f"{field} is not valid JSON.", code=f"{field}IsInvalid", field=field
        ) from None
    if not isinstance(value, dict):
        raise InvalidInput(f"{field} must be a JSON object.", code=f"{field}IsInvalid", field=field)
    return value


def normalize_email(value: str) -> str:
    """The canonical form of an email address (domain lower-cased); ValueError if invalid."""
    return _email(value)


def _email(value: str) -> str:
    try:
        # No DNS look-ups (self-hosted boxes may be offline); `.test` addresses allowed.
        return validate_email(value, check_deliverability=False, test_environment=True).normalized
    except EmailNotValidError as exc:
        raise ValueError(str(exc).rstrip(".")) from None


Email = Annotated[str, StringConstraints(max_length=254), AfterValidator(_email)]
Name = Annotated[str, StringConstraints(min_length=1, max_length=200)]
ShortText = Annotated[str, StringConstraints(max_length=2048)]
LongText = Annotated[str, StringConstraints(max_length=20_000)]
LanguageCode = Annotated[
    str, StringConstraints(pattern=r"^[A-Za-z]{2,3}([-_][A-Za-z0-9]{2,8})*$", max_length=20)
]
Url = Annotated[str, StringConstraints(max_length=2048, pattern=r"^(https?://|/)\S+$")]
Password = Annotated[str, Field(min_length=1, max_length=128)]
