"""An export's archive (a zip of one JSON file per registry section, plus a manifest) and
the signed, expiring link that downloads it.

The link's token is a Fernet token (AES + HMAC-SHA256, the `cryptography` library)
under the app's secret (STAYKIT_SECRETS_KEY, the same keys that protect webhook
secrets; development's fixed key without it): it names the request, its owner and when
the link expires. A token that does not verify (tampered, or made under another key) is
403; a verified one past its expiry is 410; the owner alone may use it.
"""

from __future__ import annotations

import io
import json
import uuid
import zipfile
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from cryptography.fernet import InvalidToken
from sqlalchemy.ext.asyncio import AsyncSession

from staykit.core.config import Settings
from staykit.core.errors import DomainError, Forbidden
from staykit.domain.gdpr.registry import Subject, sections
from staykit.domain.webhooks.secrets import cipher

FORMAT = "staykit-gdpr-export/1"


class ExportLinkExpired(DomainError):
    status = 410
    code = "exportLinkExpired"


@dataclass(frozen=True)
class LinkClaims:
    action_id: uuid.UUID
    user_id: uuid.UUID
    expires_at: datetime


async def build_archive(session: AsyncSession, subject: Subject, built_at: datetime) -> bytes:
    """Every section's rows about `subject`, one `<section>.json` each, zipped."""
    manifest: dict[str, Any] = {
        "format": FORMAT,
        "userId": str(subject.user_id),
        "builtAt": built_at.isoformat(),
        "sections": [],
    }
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for section in sections():
            if section.export is None:
                continue
            rows = await section.export(session, subject)
            archive.writestr(f"{section.name}.json", json.dumps(rows, ensure_ascii=False, indent=1))
            manifest["sections"].append(
                {"name": section.name, "file": f"{section.name}.json", "about": section.description}
            )
        archive.writestr("manifest.json", json.dumps(manifest, indent=1))
    return buffer.getvalue()


def read_archive(data: bytes) -> dict[str, Any]:
    """The archive's files, parsed (for tests and tools): {"profile": [...], ...}."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {
            name.removesuffix(".json"): json.loads(archive.read(name))
            for name in archive.namelist()
        }


def sign_link(settings: Settings, claims: LinkClaims) -> str:
    payload = {
        "a": str(claims.action_id),
        "u": str(claims.user_id),
        "e": int(claims.expires_at.timestamp()),
    }
    return cipher(settings).encrypt(json.dumps(payload).encode()).decode("ascii")


def verify_link(settings: Settings, token: str, now: datetime) -> LinkClaims:
    """The claims of an authentic, unexpired token; 403 for a forged or damaged one,
    410 for one whose time is up."""
    try:
        raw = cipher(settings).decrypt(token.encode("ascii"))
        payload = json.loads(raw)
        claims = LinkClaims(
            uuid.UUID(payload["a"]),
            uuid.UUID(payload["u"]),
            datetime.fromtimestamp(int(payload["e"]), tz=UTC),
        )
    except (InvalidToken, UnicodeEncodeError, ValueError, KeyError, TypeError):
        raise Forbidden(
            "This download link is not valid: it was altered or not made by this server.",
            code="exportLinkInvalid",
            field="token",
        ) from None
    if now >= claims.expires_at:
        raise ExportLinkExpired(
            f"This download link expired at {claims.expires_at.isoformat()}: "
            "file a new export request.",
            field="token",
        )
    return claims
