"""A property's booking webhook: where staykit will POST a booking's changes, and how.

One row per property (the Channel API's property `webhooks` object: version, url,
additionalData, customHeader). Only the setting lives here; delivery comes later and reads
these rows. The URL is checked now so that delivery never calls this machine or a private
network: http or https, a public host, no user name or password. The URL and the custom
header may carry secrets (a token in the path, an Authorization header), so no message
ever repeats them.
"""

from __future__ import annotations

import ipaddress
import re
import uuid
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from sqlalchemy import CheckConstraint, ForeignKey, Index, String, Text, text
from sqlalchemy.orm import Mapped, mapped_column

from staykit.core.models import Base, Record

MAX_URL = 2000
VERSIONS = ("one", "twoNoPersonalData", "twoWithPersonalData")
# Card data is never sent: staykit keeps no CVC and hands out no card tokens.
ADDITIONAL_DATA = ("none",)
DOCUMENTED_ADDITIONAL_DATA = ("none", "CVC", "token", "CVCAndToken")
MAX_HEADER = 2000
MAX_HEADER_LINES = 10
# An HTTP header line "Name: value": a token name (RFC 9110) and a visible-ASCII value.
HEADER_LINE = re.compile(r"^[!#$%&'*+.^_`|~0-9A-Za-z-]{1,100}:[ \t]*[\x21-\x7e]([\x20-\x7e]*)$")
# Headers the delivery sets itself; a custom one must not replace them.
RESERVED_HEADERS = frozenset(
    {"host", "content-length", "content-type", "transfer-encoding", "connection"}
)


def public_http_url(value: str) -> bool:
    """An http(s) URL with a host, no user name or password, no spaces, and not an address
    of this machine or a private network (the import fetches it from the server)."""
    if len(value) > MAX_URL or any(c.isspace() or ord(c) < 32 for c in value):
        return False
    try:
        parts = urlsplit(value)
        host = parts.hostname
        parts.port  # noqa: B018 - raises on a malformed port
    except ValueError:
        return False
    if parts.scheme.lower() not in ("http", "https") or not host:
        return False
    if parts.username is not None or parts.password is not None or "@" in parts.netloc:
        return False
    if host.lower() == "localhost" or host.lower().endswith(".localhost"):
        return False
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        return True
    return address.is_global


class PropertyWebhook(Record, Base):
    __tablename__ = "property_webhooks"
    __table_args__ = (
        Index(
            "uq_property_webhooks_property",
            "property_id",
            unique=True,
            postgresql_where=text("is_active"),
        ),
        CheckConstraint(
            "version IN ('one', 'twoNoPersonalData', 'twoWithPersonalData')", name="version"
        ),
        CheckConstraint("additional_data IN ('none')", name="additional_data"),
        CheckConstraint("url ~ '^https?://'", name="url"),
    )

    business_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("businesses.id"), index=True)
    property_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("properties.id"))
    version: Mapped[str] = mapped_column(String(30))
    url: Mapped[str] = mapped_column(String(MAX_URL))
    additional_data: Mapped[str] = mapped_column(String(20), default="none")
    custom_header: Mapped[str | None] = mapped_column(Text, default=None)


@dataclass(frozen=True)
class WebhookProblem:
    """One invalid field of a webhook setting (wire name) and why, never its value."""

    field: str
    message: str


@dataclass(frozen=True)
class WebhookSetting:
    """A checked setting. `url` None means: remove the property's webhook."""

    url: str | None
    version: str | None
    additional_data: str | None
    custom_header: str | None
    given: frozenset[str]


def _header_problem(value: str) -> str | None:
    if len(value) > MAX_HEADER:
        return f"customHeader must be at most {MAX_HEADER} characters."
    lines = [line for line in value.replace("\r\n", "\n").split("\n") if line.strip()]
    if len(lines) > MAX_HEADER_LINES:
        return f"customHeader holds at most {MAX_HEADER_LINES} headers, one per line."
    for number, line in enumerate(lines, start=1):
        if not HEADER_LINE.match(line.strip()):
            return (
                f"customHeader line {number} must read 'Header-Name: value' "
                "(printable ASCII, no control characters)."
            )
        if line.split(":", 1)[0].strip().lower() in RESERVED_HEADERS:
            return f"customHeader line {number} names a header staykit sets itself."
    return None


def check_webhook(given: Any) -> tuple[WebhookSetting | None, list[WebhookProblem]]:
    """The setting of a property's `webhooks` object, or the problems (field names under
    `webhooks.`). `null` or an empty url removes the webhook."""
    if given is None:
        return WebhookSetting(None, None, None, None, frozenset({"url"})), []
    if not isinstance(given, dict):
        return None, [WebhookProblem("webhooks", "webhooks must be an object.")]
    problems: list[WebhookProblem] = []
    url = given.get("url")
    if "url" in given and url not in (None, ""):
        if not isinstance(url, str) or not public_http_url(url):
            problems.append(
                WebhookProblem(
                    "webhooks.url",
                    "url must be an http or https address of a public host, without a user "
                    f"name or password, of at most {MAX_URL} characters.",
                )
            )
    version = given.get("version")
    if version is not None and version not in VERSIONS:
        problems.append(
            WebhookProblem("webhooks.version", f"version must be one of {', '.join(VERSIONS)}.")
        )
    additional = given.get("additionalData")
    if additional is not None:
        if additional in DOCUMENTED_ADDITIONAL_DATA and additional not in ADDITIONAL_DATA:
            problems.append(
                WebhookProblem(
                    "webhooks.additionalData",
                    "staykit sends no card data in webhooks: additionalData must be none.",
                )
            )
        elif additional not in ADDITIONAL_DATA:
            problems.append(
                WebhookProblem("webhooks.additionalData", "additionalData must be none.")
            )
    header = given.get("customHeader")
    if header is not None:
        reason = (
            "customHeader must be a string." if not isinstance(header, str) else None
        ) or _header_problem(header)
        if reason:
            problems.append(WebhookProblem("webhooks.customHeader", reason))
    if problems:
        return None, problems
    known = {"url", "version", "additionalData", "customHeader"}
    return (
        WebhookSetting(
            url=url if isinstance(url, str) and url else None,
            version=version,
            additional_data=additional,
            custom_header=(header or None) if isinstance(header, str) else None,
            given=frozenset(k for k in given if k in known),
        ),
        [],
    )
