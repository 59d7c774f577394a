"""Pydantic base for request bodies: camelCase on the wire, unknown fields rejected."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
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
from pydantic_core import PydanticCustomError

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


# How deep a JSON body may nest and how long one number may be. Parsing and validating
# recurse once per level and Python's int() refuses more than 4,300 digits: both are
# bounded before the body is parsed, so they are a 400 naming the field, never a 500.
MAX_JSON_DEPTH = 32
MAX_NUMBER_LENGTH = 100

# One JSON token: a string, a structural character, or a bare word (number, true, ...).
# Whitespace matches nothing and is skipped.
_JSON_TOKEN = re.compile(rb'"(?:[^"\\]|\\.)*"|[{}\[\],:]|[^\s"{}\[\],:]+')
_LONG_NUMBER = re.compile(rb"[0-9.eE+-]{%d,}" % (MAX_NUMBER_LENGTH + 1))
# A key we may repeat in an error: it names a field. Anything else is the sender's data.
_NAME = re.compile(r"[A-Za-z_$][A-Za-z0-9_$-]{0,63}")


def safe_name(part: object) -> str | None:
    """A path part as an error may show it: an index, or a key that looks like a field
    name; None for anything else (a key can be any text the sender chose)."""
    if isinstance(part, int):
        return str(part)
    if isinstance(part, str) and _NAME.fullmatch(part):
        return part
    return None


@dataclass(frozen=True)
class JsonTooLarge:
    """Where a JSON text breaks a limit (`field`, a dotted path) and which one."""

    field: str  # "body" when the text itself is the culprit
    reason: str  # e.g. "is nested deeper than 32 levels"

    def under(self, name: str) -> JsonTooLarge:
        """The same breach inside a value called `name` (a JSON text in a form field)."""
        return JsonTooLarge(name if self.field == "body" else f"{name}.{self.field}", self.reason)

    @property
    def message(self) -> str:
        return f"{self.field} {self.reason}."


_TOO_DEEP = f"is nested deeper than {MAX_JSON_DEPTH} levels"
_TOO_LONG = f"holds a number longer than {MAX_NUMBER_LENGTH} characters"


# The strings of a JSON text, and its brackets (for the quick depth count).
_JSON_STRING = re.compile(rb'"(?:[^"\\]|\\.)*"', re.DOTALL)
_BRACKET = re.compile(rb"[{}\[\]]")


def _plainly_within(raw: bytes) -> bool:
    """Whether `raw` is within both limits, by a scan that stays cheap for large bodies
    (10,000 objects in about 25 ms, not half a second): strings removed, then the
    brackets counted.
    Exact for valid JSON; for broken text it never says "within" for a nesting the parser
    could reach (the parser fails where this scan stops seeing strings as JSON does). False
    sends the caller to the full scan, which also names the field."""
    if _LONG_NUMBER.search(raw):
        return False
    depth = 0
    for bracket in _BRACKET.findall(_JSON_STRING.sub(b"", raw)):
        if bracket in (b"{", b"["):
            depth += 1
            if depth > MAX_JSON_DEPTH:
                return False
        else:
            depth -= 1
    return True


def json_limit_breach(raw: bytes) -> JsonTooLarge | None:
    """The first place `raw` nests deeper than MAX_JSON_DEPTH or holds a number longer than
    MAX_NUMBER_LENGTH characters, without recursion; None when within both (or when the
    text is too broken to say: the parser reports that)."""
    if _plainly_within(raw):
        return None
    # One frame per open container: [is_object, current key or index, expecting a key].
    stack: list[list[Any]] = []
    for match in _JSON_TOKEN.finditer(raw):
        token = match.group()
        first = token[:1]
        top = stack[-1] if stack else None
        if first in (b"{", b"["):
            if len(stack) >= MAX_JSON_DEPTH:
                # Name the body's field that holds the deep value; the full path would
                # be as long as the nesting.
                outer = stack[0][1] if stack[0][0] else None
                return JsonTooLarge(safe_name(outer) or "body", _TOO_DEEP)
            stack.append([True, None, True] if first == b"{" else [False, 0, False])
        elif first in (b"}", b"]"):
            if stack:
                stack.pop()
        elif top is None:
            continue
        elif first == b",":
            if top[0]:
                top[2] = True
            else:
                top[1] += 1
        elif first == b":":
            top[2] = False
        elif first == b'"':
            if top[0] and top[2]:
                top[1] = _key(token)
        elif len(token) > MAX_NUMBER_LENGTH:
            return JsonTooLarge(_path(stack), _TOO_LONG)
    if stack or len(raw.strip()) <= MAX_NUMBER_LENGTH or not raw.strip()[:1].isdigit():
        return None
    return JsonTooLarge("body", _TOO_LONG)


def _key(token: bytes) -> str | None:
    try:
        key = json.loads(token)
    except ValueError:
        return None
    return key if isinstance(key, str) else None


def _path(stack: list[list[Any]]) -> str:
    parts = [safe_name(frame[1]) or "?" for frame in stack if frame[1] is not None]
    return ".".join(parts) or "body"


def no_nul(value: str) -> str:
    """A text field's check (pydantic AfterValidator): PostgreSQL text cannot hold NUL, and
    refused here it is that field's error, not the database's."""
    if "\x00" in value:
        raise PydanticCustomError("noNul", "must not contain NUL characters")
    return value


def _has_nul(value: Any) -> bool:
    # Iterative: a deep value must not exhaust the stack (bodies are depth-bounded at
    # parsing too, but a validator must not rely on its caller).
    pending = [value]
    while pending:
        item = pending.pop()
        if isinstance(item, str):
            if "\x00" in item:
                return True
        elif isinstance(item, dict):
            pending.extend(item.keys())
            pending.extend(item.values())
        elif isinstance(item, list | tuple):
            pending.extend(item)
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
    """Parse a JSON object someone sent us; anything else (including JSON nested deeper
    than MAX_JSON_DEPTH or a number too long to convert) is a 400 naming `field`."""
    breach = json_limit_breach(raw.encode() if isinstance(raw, str) else raw)
    if breach is not None:
        if field != "body":
            breach = breach.under(field)
        raise InvalidInput(breach.message, code=f"{field}IsInvalid", field=breach.field)
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


_QUOTED_TAIL = re.compile(r"[:,]?\s*['\"`].*$")


def _email(value: str) -> str:
    try:
        # No DNS look-ups (self-hosted boxes may be offline); `.test` addresses allowed.
        return validate_email(value, check_deliverability=False, test_environment=True).normalized
    except EmailNotValidError as exc:
        # Some reasons quote part of the address ("...: '<'."): say what, not what was sent.
        raise ValueError(_QUOTED_TAIL.sub("", str(exc)).rstrip(".")) from None


Email = Annotated[str, StringConstraints(max_length=254), AfterValidator(_email)]
Name = Annotated[str, StringConstraints(min_length=1, max_length=200)]
ShortText = Annotated[str, StringConstraints(max_length=2048)]
LongText = Annotated[str, StringConstraints(max_length=20_000)]
LanguageCode = Annotated[
    str, StringConstraints(pattern=r"^[A-Za-z]{2,3}([-_][A-Za-z0-9]{2,8})*$", max_length=20)
]
Url = Annotated[str, StringConstraints(max_length=2048, pattern=r"^(https?://|/)\S+$")]
Password = Annotated[str, Field(min_length=1, max_length=128)]
