"""Avatar files: image uploads kept in the file store (staykit.core.storage; the row in
PostgreSQL says where) and served by their access key.

A file is its owner's (who uploaded it), its user's (whose avatar it is) and the admins':
signed-in callers list and read those (`AVATARS`), anyone else gets the 404 of an unknown
id. Uploading (`upload`) and deleting (`delete_file`, which also resets the user's
avatar) are operations of their own; the download by access key is public."""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy import ColumnElement, true
from sqlalchemy.ext.asyncio import AsyncSession

from staykit.core import storage
from staykit.core.clock import utcnow
from staykit.core.config import Settings
from staykit.core.errors import (
    Forbidden,
    InvalidInput,
    NotFound,
    PayloadTooLarge,
    UnsupportedMediaType,
)
from staykit.core.ids import random_key
from staykit.domain.access.principal import Principal
from staykit.domain.auth import policy
from staykit.domain.auth.models import User, UserAvatarsFile
from staykit.domain.auth.users import default_avatar
from staykit.domain.records import Records, soft_delete

# Types are decided by the bytes, not by what the client claims.
SIGNATURES: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", "image/png"),
    (b"\xff\xd8\xff", "image/jpeg"),
    (b"GIF87a", "image/gif"),
    (b"GIF89a", "image/gif"),
)


def sniff(data: bytes) -> str | None:
    for magic, mime in SIGNATURES:
        if data.startswith(magic):
            return mime
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "image/webp"
    return None


def download_path(access_key: str) -> str:
    return f"/auth-api/v1/useravatarsfiles/download/{access_key}"


def download_url(settings: Settings, access_key: str) -> str:
    """The absolute address stored in a user's `avatar` field."""
    return settings.public_base_url.rstrip("/") + download_path(access_key)


def check_image(settings: Settings, data: bytes, what: str) -> str:
    """The image's type (by its bytes), or the error saying why it cannot be kept:
    empty, over the upload limit, or not one of the four image types."""
    if not data:
        raise InvalidInput("The file is empty.", code="fileIsEmpty", field="file")
    if len(data) > settings.max_upload_bytes:
        raise PayloadTooLarge(
            f"The file is {len(data)} bytes; the limit is {settings.max_upload_bytes}.",
            code="fileTooLarge",
            field="file",
        )
    mime = sniff(data)
    if mime is None:
        raise UnsupportedMediaType(
            f"{what} must be PNG, JPEG, GIF or WebP images.",
            code="fileTypeNotAllowed",
            field="file",
        )
    return mime


async def upload(
    session: AsyncSession,
    actor: Principal | None,
    settings: Settings,
    *,
    file_name: str,
    data: bytes,
    user_id: uuid.UUID | None,
    metadata: dict[str, Any] | None,
    set_as_avatar: bool,
) -> UserAvatarsFile:
    me = policy.require_login(actor)
    target = user_id or me.user_id
    if target != me.user_id:
        policy.require_admin(actor)
    user = await session.get(User, target)
    if user is None or not user.is_active:
        raise NotFound("No user with this userId.", code="userNotFound", field="user_id")
    if target != me.user_id and not policy.may_manage(me, user.role_id):
        raise Forbidden(
            "Admins may only change the avatar of plain users.", code="cannotManageAdmin"
        )
    mime = check_image(settings, data, "Avatars")
    saved = await storage.save(settings, "avatars", data, mime)
    row = UserAvatarsFile(
        file_name=(file_name or "avatar")[:255],
        mime_type=mime,
        file_size=len(data),
        access_key=random_key(12),
        storage_key=saved.key,
        sha256=saved.sha256,
        metadata_=metadata,
        user_id=target,
    )
    row.owner_id = me.user_id
    session.add(row)
    await session.flush()
    if set_as_avatar:
        user.avatar = download_url(settings, row.access_key)
        user.updated_at = utcnow()
        await session.flush()
    return row


async def by_access_key(
    session: AsyncSession, settings: Settings, access_key: str
) -> tuple[str, bytes]:
    missing = NotFound("No file with this access key.", code="fileNotFound", field="access_key")
    return await storage.by_access_key(session, settings, UserAvatarsFile, access_key, missing)


def can_see(actor: Principal | None, row: UserAvatarsFile) -> None:
    """The file's owner, its user and admins; to anyone else it does not exist: the same
    404 as an unknown id, so ids cannot be probed for other people's files."""
    me = policy.require_login(actor)
    if not me.is_admin and me.user_id not in (row.owner_id, row.user_id):
        raise AVATARS.not_found(row.id)


def _own_files(actor: Principal | None) -> ColumnElement[bool]:
    """The files a caller lists: admins all, others those they own or that are theirs."""
    me = policy.require_login(actor)
    if me.is_admin:
        return true()
    return (UserAvatarsFile.owner_id == me.user_id) | (UserAvatarsFile.user_id == me.user_id)


async def _may_see(_session: AsyncSession, actor: Principal | None, row: UserAvatarsFile) -> None:
    can_see(actor, row)


# Signed-in callers list and read their own files (admins all). Uploads and deletes are
# `upload` and `delete_file`, not the generic operations.
AVATARS = Records(
    UserAvatarsFile,
    "userAvatarsFile",
    readable=_own_files,
    may_read=policy.require_login,
    check_read=_may_see,
)


async def delete_file(
    session: AsyncSession, actor: Principal | None, settings: Settings, file_id: uuid.UUID
) -> UserAvatarsFile:
    """Soft-delete a file (owner, its user, or an admin)."""
    row: UserAvatarsFile = await AVATARS.load(session, file_id)
    can_see(actor, row)
    # A deleted file is never served again (there is no undelete): its bytes go now.
    await storage.forget(settings, [row.storage_key])
    row.storage_key, row.file_data = None, None
    await soft_delete(session, row)
    # Its download now answers 404, so a profile still showing it would show a broken
    # image: fall back to the generated default avatar.
    user = await session.get(User, row.user_id) if row.user_id is not None else None
    if user is not None and user.avatar == download_url(settings, row.access_key):
        user.avatar = default_avatar(user.email, settings.public_base_url)
        user.updated_at = utcnow()
        await session.flush()
    return row
