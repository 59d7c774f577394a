"""A message's attachment as a client hands it in: base64 text, a name and a declared type,
checked before anything is stored. The bytes must decode, be 1 byte to 1 MB, and begin as
a file of the declared type does (its magic bytes): a PDF declared as a PNG is refused,
so a recipient never opens something other than what it was told."""

from __future__ import annotations

import base64
import binascii
import uuid
from dataclasses import dataclass, replace

from staykit.core import storage
from staykit.core.config import Settings
from staykit.domain.messaging.errors import BadAttachment
from staykit.domain.messaging.models import MAX_ATTACHMENT, MAX_ATTACHMENT_NAME, MIME_TYPES

# The first bytes of a file of each type.
MAGIC: dict[str, tuple[bytes, ...]] = {
    "image/jpeg": (b"\xff\xd8\xff",),
    "image/png": (b"\x89PNG\r\n\x1a\n",),
    "image/gif": (b"GIF87a", b"GIF89a"),
    "application/pdf": (b"%PDF-",),
}
# base64 text longer than this cannot decode to MAX_ATTACHMENT bytes or fewer.
_MAX_ENCODED = 4 * -(-MAX_ATTACHMENT // 3)


@dataclass(frozen=True)
class Attachment:
    """A checked file: its name, type and bytes, and where the file store keeps them once
    `store`d (None: the bytes go into the row, as before migration 0031; only callers
    without a configuration do that, such as the test factories)."""

    name: str
    mime_type: str
    content: bytes
    stored: storage.Saved | None = None

    @property
    def size(self) -> int:
        return len(self.content)


def check(name: str | None, mime_type: str | None, content: bytes) -> Attachment:
    """The attachment, or BadAttachment naming what is wrong (field in domain words)."""
    if mime_type is None:
        raise BadAttachment(
            f"attachment_mime_type is required with an attachment: one of {', '.join(MIME_TYPES)}.",
            field="attachment_mime_type",
        )
    if mime_type not in MIME_TYPES:
        raise BadAttachment(
            f"attachment_mime_type must be one of {', '.join(MIME_TYPES)}.",
            field="attachment_mime_type",
        )
    name = (name or "").strip() or f"attachment.{mime_type.rsplit('/', 1)[1]}"
    if (
        len(name) > MAX_ATTACHMENT_NAME
        or any(c in name for c in "/\\")
        or any(ord(c) < 32 for c in name)
    ):
        raise BadAttachment(
            f"attachment_name must be a file name of at most {MAX_ATTACHMENT_NAME} "
            "characters, without slashes or control characters.",
            field="attachment_name",
        )
    if not content:
        raise BadAttachment("The attachment is empty.")
    if len(content) > MAX_ATTACHMENT:
        raise BadAttachment(
            f"The attachment is {len(content)} bytes; at most {MAX_ATTACHMENT} are accepted."
        )
    if not content.startswith(MAGIC[mime_type]):
        raise BadAttachment(
            f"The attachment is not a {mime_type} file (its first bytes say otherwise)."
        )
    return Attachment(name, mime_type, content)


def from_base64(name: str | None, mime_type: str | None, encoded: str) -> Attachment:
    """Decode standard base64 (line breaks and spaces allowed, as mail encoders wrap it),
    then `check` it."""
    compact = "".join(encoded.split())
    if len(compact) > _MAX_ENCODED + 4:
        raise BadAttachment(f"The attachment is over {MAX_ATTACHMENT} bytes.")
    try:
        content = base64.b64decode(compact, validate=True)
    except (binascii.Error, ValueError):
        raise BadAttachment("The attachment is not valid base64.") from None
    return check(name, mime_type, content)


async def store(settings: Settings, business_id: uuid.UUID, attachment: Attachment) -> Attachment:
    """The checked attachment, its bytes now in the file store."""
    saved = await storage.save(
        settings, f"message-attachments/{business_id}", attachment.content, attachment.mime_type
    )
    return replace(attachment, stored=saved)
