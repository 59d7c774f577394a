"""Carrying out an export: the archive built and stored, its owner told where to get it,
and the download behind the signed link (the owner's alone)."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import timedelta

from sqlalchemy import delete, select
from sqlalchemy.ext.asyncio import AsyncSession

from staykit.core import storage
from staykit.core.clock import utcnow
from staykit.core.config import Settings
from staykit.core.errors import Forbidden, NotFound
from staykit.domain.access.principal import Principal
from staykit.domain.alerts.inbox import Outgoing, deliver
from staykit.domain.auth import policy
from staykit.domain.auth.models import User
from staykit.domain.gdpr import archive
from staykit.domain.gdpr import sections as _sections  # noqa: F401  (registers them)
from staykit.domain.gdpr.models import GdprAction, GdprExport
from staykit.domain.gdpr.registry import Subject

EXPORTS_PATH = "/platformadmin-api/v1/gdprexports"


async def subject_of(session: AsyncSession, user_id: uuid.UUID) -> Subject:
    user = await session.get(User, user_id)
    if user is None:
        raise NotFound(f"No user with id {user_id}.", code="userNotFound", field="user_id")
    return Subject(user.id, user.email, user.fullname, user.mobile)


async def build(session: AsyncSession, settings: Settings, row: GdprAction) -> GdprExport:
    """Build and store the archive of an export request, complete the request and tell
    its owner where to download it."""
    subject = await subject_of(session, row.user_id)
    now = utcnow()
    data = await archive.build_archive(session, subject, now)
    saved = await storage.save(settings, "gdpr-exports", data, "application/zip")
    export = GdprExport(
        action_id=row.id,
        user_id=row.user_id,
        built_at=now,
        expires_at=now + timedelta(hours=settings.gdpr_export_ttl_hours),
        size=len(data),
        storage_key=saved.key,
        sha256=saved.sha256,
    )
    session.add(export)
    row.status = "complete"
    row.processed_at = now
    await session.flush()
    url = download_url(settings, export)
    await deliver(
        session,
        [row.user_id],
        Outgoing(
            event="gdpr.exportReady",
            title="Your data export is ready",
            body=(
                f"Download it (signed in as yourself) before {export.expires_at:%Y-%m-%d %H:%M} "
                f"UTC: {url}"
            ),
            data={"gdprActionId": str(row.id), "downloadUrl": url},
        ),
    )
    return export


def download_url(settings: Settings, export: GdprExport) -> str:
    token = archive.sign_link(
        settings, archive.LinkClaims(export.action_id, export.user_id, export.expires_at)
    )
    return f"{settings.public_base_url.rstrip('/')}{EXPORTS_PATH}/{token}"


@dataclass(frozen=True)
class Download:
    filename: str
    data: bytes


async def download(
    session: AsyncSession, principal: Principal | None, token: str, settings: Settings
) -> Download:
    """The archive behind a signed link, for its owner only."""
    me = policy.require_login(principal)
    claims = archive.verify_link(settings, token, utcnow())
    if claims.user_id != me.user_id:
        raise Forbidden(
            "This download link is someone else's: only the person it was made for may use it.",
            code="exportLinkNotYours",
            field="token",
        )
    export = await session.scalar(
        select(GdprExport).where(GdprExport.action_id == claims.action_id)
    )
    if export is None or export.expires_at <= utcnow():
        raise archive.ExportLinkExpired(
            "This export is no longer kept: file a new export request.", field="token"
        )
    legacy = await session.scalar(
        select(GdprExport.archive).where(GdprExport.action_id == claims.action_id)
    )
    data = await storage.load(settings, export.storage_key, legacy)
    return Download(f"staykit-export-{claims.action_id}.zip", data)


async def purge_expired(session: AsyncSession, settings: Settings) -> int:
    """Delete the archives whose link has expired, their bytes first; how many."""
    gone = (
        await session.execute(
            delete(GdprExport)
            .where(GdprExport.expires_at <= utcnow())
            .returning(GdprExport.storage_key)
        )
    ).scalars()
    keys = list(gone)
    await storage.forget(settings, keys)
    return len(keys)
