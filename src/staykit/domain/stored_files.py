"""Moving the file bytes rows still hold in PostgreSQL (written before migration 0031)
into the file store: `staykit files move-to-store`, run once after switching to the store
(or from the local folder's era to S3: see docs/storage.md). Online and resumable: each
batch is its own transaction, rows are locked with SKIP LOCKED, and a row moves only while
it has bytes and no key, so running it twice (or on two machines) moves nothing twice."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from staykit.core import storage
from staykit.core.config import Settings
from staykit.domain.auth.models import UserAvatarsFile
from staykit.domain.catalog.models import ListingPhoto
from staykit.domain.gdpr.models import GdprExport
from staykit.domain.messaging.models import MessageAttachment


@dataclass(frozen=True)
class Kind:
    """One table's files: where their bytes are and the store folder they go to."""

    name: str
    model: Any
    data: Any  # the bytea column
    content_type: Any  # a column, or None for a fixed type
    folder: str
    fixed_type: str = "application/octet-stream"


KINDS = (
    Kind(
        "avatars", UserAvatarsFile, UserAvatarsFile.file_data, UserAvatarsFile.mime_type, "avatars"
    ),
    Kind(
        "listing photos",
        ListingPhoto,
        ListingPhoto.file_data,
        ListingPhoto.mime_type,
        "listing-photos/moved",
    ),
    Kind(
        "message attachments",
        MessageAttachment,
        MessageAttachment.content,
        MessageAttachment.mime_type,
        "message-attachments/moved",
    ),
    Kind(
        "export archives", GdprExport, GdprExport.archive, None, "gdpr-exports", "application/zip"
    ),
)


async def move_batch(session: AsyncSession, settings: Settings, kind: Kind, limit: int) -> int:
    """Move up to `limit` rows of one kind; how many moved (0: none left)."""
    m = kind.model
    type_column = kind.content_type if kind.content_type is not None else kind.data
    rows = (
        await session.execute(
            select(m, kind.data, type_column)
            .where(kind.data.is_not(None), m.storage_key.is_(None))
            .limit(limit)
            .with_for_update(skip_locked=True)
        )
    ).all()
    for row, data, content_type in rows:
        mime = content_type if kind.content_type is not None else kind.fixed_type
        saved = await storage.save(settings, kind.folder, bytes(data), mime)
        row.storage_key, row.sha256 = saved.key, saved.sha256
        setattr(row, kind.data.key, None)
    await session.flush()
    return len(rows)
