"""A user's push devices: browsers that subscribed to Web Push and registered the
subscription here. One active registration per endpoint: a browser registering again
updates its keys; an endpoint another account registered moves to the caller (the
browser changed hands: the previous account no longer gets pushes there)."""

from __future__ import annotations

import base64
import binascii
import uuid
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from staykit.core import urlguard
from staykit.core.config import Settings
from staykit.core.errors import InvalidInput, NotFound
from staykit.domain.access.principal import Principal
from staykit.domain.auth import policy
from staykit.domain.notifications import push
from staykit.domain.notifications.models import PushDevice


@dataclass(frozen=True)
class NewDevice:
    endpoint: str
    p256dh: str
    auth: str
    name: str | None = None


def _key(value: str, field: str, size: int) -> None:
    """A subscription key: base64url of `size` bytes (p256dh a P-256 point, auth 16)."""
    try:
        raw = base64.urlsafe_b64decode(value + "=" * (-len(value) % 4))
    except (binascii.Error, ValueError):
        raw = b""
    if len(raw) != size:
        raise InvalidInput(
            f"{field} must be the subscription's base64url key ({size} bytes).",
            code=f"{field.rsplit('.', 1)[-1]}IsInvalid",
            field=field,
        )


def _bad_endpoint(message: str) -> InvalidInput:
    return InvalidInput(message, code="endpointIsInvalid", field="device.endpoint")


async def check(
    device: NewDevice, settings: Settings, resolve: urlguard.Resolver = urlguard.system_resolver
) -> None:
    """The endpoint's shape and the keys first (no DNS for a body that is wrong anyway),
    then where the endpoint resolves (push.check_endpoint: the sender checks again)."""
    problem = push.endpoint_shape_problem(device.endpoint, settings)
    if problem is not None:
        raise _bad_endpoint(problem)
    _key(device.p256dh, "device.keys.p256dh", 65)
    _key(device.auth, "device.keys.auth", 16)
    try:
        await push.check_endpoint(device.endpoint, settings, resolve)
    except urlguard.UrlRefused as exc:
        raise _bad_endpoint(exc.message) from None


async def register(
    session: AsyncSession,
    principal: Principal,
    device: NewDevice,
    settings: Settings,
    *,
    resolve: urlguard.Resolver = urlguard.system_resolver,
) -> PushDevice:
    """Register the caller's browser; 400 naming `device.endpoint` for an endpoint the
    URL guard refuses (not https, or resolving to this machine or a private network)."""
    me = policy.require_login(principal)
    await check(device, settings, resolve)
    current = await session.scalar(
        select(PushDevice)
        .where(PushDevice.endpoint == device.endpoint, PushDevice.is_active)
        .with_for_update()
    )
    if current is not None and current.user_id == me.user_id:
        current.p256dh, current.auth = device.p256dh, device.auth
        current.name = device.name if device.name is not None else current.name
        await session.flush()
        return current
    if current is not None:
        current.is_active = False
        current.retired_reason = "registered by another account"
        await session.flush()
    row = PushDevice(
        user_id=me.user_id,
        endpoint=device.endpoint,
        p256dh=device.p256dh,
        auth=device.auth,
        name=device.name,
        owner_id=me.user_id,
    )
    session.add(row)
    await session.flush()
    return row


async def unregister(
    session: AsyncSession, principal: Principal, device_id: uuid.UUID
) -> PushDevice:
    """Retire one of the caller's devices; anyone else's is unknown (404)."""
    me = policy.require_login(principal)
    row = await session.scalar(
        select(PushDevice).where(
            PushDevice.id == device_id, PushDevice.user_id == me.user_id, PushDevice.is_active
        )
    )
    if row is None:
        raise NotFound(
            f"No device {device_id} is registered to you.", code="deviceNotFound", field="deviceId"
        )
    row.is_active = False
    row.retired_reason = "unregistered"
    await session.flush()
    return row


async def list_mine(session: AsyncSession, principal: Principal) -> list[PushDevice]:
    me = policy.require_login(principal)
    rows = await session.scalars(
        select(PushDevice)
        .where(PushDevice.user_id == me.user_id, PushDevice.is_active)
        .order_by(PushDevice.created_at)
    )
    return list(rows)
