"""The notification service under /notification-api (spec §10): register and unregister
push devices, list the caller's notifications, send (admins), mark seen; and staykit's
own: the caller's devices, their notification preferences and the VAPID public key a
browser subscribes with. The live stream is live_stream.py."""

# No `from __future__ import annotations`: FastAPI must see the real body classes.

import uuid
from typing import Annotated

from fastapi import APIRouter, Query
from fastapi.responses import JSONResponse

from staykit.api.marketplace.context import Context
from staykit.api.marketplace.envelope import Paging, respond
from staykit.api.marketplace.notification_schemas import (
    DeviceOut,
    MarkSeen,
    NotificationOut,
    PreferencesIn,
    PreferencesOut,
    PushKey,
    RegisterDevice,
    SendNotification,
    device_json,
    preferences_json,
)
from staykit.api.marketplace.responses import Access as A
from staykit.api.marketplace.responses import described, envelope
from staykit.core.errors import NotFound
from staykit.domain.alerts import devices, inbox
from staykit.domain.auth import policy
from staykit.domain.notifications import preferences, push

router = APIRouter()
TAG_DEVICES, TAG_NOTIFICATIONS, TAG_PREFERENCES = "devices", "notifications", "preferences"


@router.post(
    "/devices/register",
    tags=[TAG_DEVICES],
    summary="registerDevice",
    status_code=201,
    **described(A.LOGIN, 400, 413, model=envelope("device", DeviceOut)),
)
async def register_device(ctx: Context, body: RegisterDevice) -> JSONResponse:
    """Register the caller's browser for Web Push: `device` is its PushSubscription
    (`endpoint`, `keys.p256dh`, `keys.auth`) and an optional `name`. Registering the same
    endpoint again updates it (same id)."""
    row = await devices.register(ctx.session, ctx.user(), body.device.command(), ctx.settings)
    return respond(ctx, "device", device_json(row), action="create")


@router.delete(
    "/devices/unregister/{deviceId}",
    tags=[TAG_DEVICES],
    summary="unregisterDevice",
    **described(A.LOGIN, 400, 404, model=envelope("device", DeviceOut)),
)
async def unregister_device(ctx: Context, deviceId: uuid.UUID) -> JSONResponse:
    """Stop pushing to one of the caller's devices (404 for anyone else's)."""
    row = await devices.unregister(ctx.session, ctx.user(), deviceId)
    return respond(ctx, "device", device_json(row), action="delete")


@router.get(
    "/devices",
    tags=[TAG_DEVICES],
    summary="listDevices",
    **described(A.LOGIN, 400, model=envelope("devices", DeviceOut, "many")),
)
async def list_devices(ctx: Context) -> JSONResponse:
    """staykit's: the caller's registered devices."""
    rows = await devices.list_mine(ctx.session, ctx.user())
    return respond(ctx, "devices", [device_json(d) for d in rows], action="list")


@router.get(
    "/notifications",
    tags=[TAG_NOTIFICATIONS],
    summary="getNotifications",
    **described(A.LOGIN, 400, model=envelope("notifications", NotificationOut, "page")),
)
async def get_notifications(
    ctx: Context,
    page: Annotated[int, Query(ge=1, le=1_000_000, description="1-based")] = 1,
    limit: Annotated[int, Query(ge=1, le=inbox.MAX_PAGE_ROWS, description="rows per page")] = 25,
    sortBy: Annotated[
        str, Query(max_length=20, description="-createdAt (newest first, default) or createdAt")
    ] = "-createdAt",
) -> JSONResponse:
    """The caller's own notifications, a page at a time; `unseenCount` beside them."""
    me = ctx.user()
    rows, total = await inbox.list_mine(ctx.session, me, page=page, limit=limit, sort_by=sortBy)
    unseen = await inbox.unseen_count(ctx.session, me)
    return respond(
        ctx,
        "notifications",
        [inbox.as_json(n) for n in rows],
        action="list",
        paging=Paging(page, limit, total),
        extra={"unseenCount": unseen},
    )


@router.post(
    "/notifications",
    tags=[TAG_NOTIFICATIONS],
    summary="sendNotification",
    status_code=201,
    **described(A.LOGIN, 400, 413, model=envelope("notifications", NotificationOut, "many")),
)
async def send_notification(ctx: Context, body: SendNotification) -> JSONResponse:
    """Admins only: send a notification to the given users, on the channels asked for
    that each recipient has not turned off. Answers the in-app notifications written."""
    n = body.notification
    rows = await inbox.send(
        ctx.session,
        ctx.user(),
        inbox.NewNotification(n.recipients, n.title, n.body, n.event, n.channels, n.data),
        max_recipients=ctx.settings.notification_max_recipients,
    )
    return respond(ctx, "notifications", [inbox.as_json(r) for r in rows], action="create")


@router.post(
    "/notifications/seen",
    tags=[TAG_NOTIFICATIONS],
    summary="markNotificationsSeen",
    **described(A.LOGIN, 400, 404, 413, model=envelope("notifications", NotificationOut, "many")),
)
async def mark_seen(ctx: Context, body: MarkSeen) -> JSONResponse:
    """Mark some of the caller's notifications seen; an id that is not theirs is a 404
    naming its place in `notificationIds`."""
    rows = await inbox.mark_seen(ctx.session, ctx.user(), body.notification_ids)
    return respond(ctx, "notifications", [inbox.as_json(n) for n in rows], action="update")


@router.get(
    "/preferences",
    tags=[TAG_PREFERENCES],
    summary="getNotificationPreferences",
    **described(A.LOGIN, 400, model=envelope("notificationPreferences", PreferencesOut)),
)
async def get_preferences(ctx: Context) -> JSONResponse:
    """staykit's: which channels each event reaches the caller on, and the defaults."""
    me = ctx.user()
    chosen = (await preferences.choices_of(ctx.session, [me.user_id]))[me.user_id]
    return respond(ctx, "notificationPreferences", preferences_json(me.user_id, chosen))


@router.patch(
    "/preferences",
    tags=[TAG_PREFERENCES],
    summary="updateNotificationPreferences",
    **described(A.LOGIN, 400, 413, model=envelope("notificationPreferences", PreferencesOut)),
)
async def update_preferences(ctx: Context, body: PreferencesIn) -> JSONResponse:
    """staykit's: set the channels of some events (the others keep theirs)."""
    me = policy.require_login(ctx.user())
    chosen = await preferences.update(ctx.session, me.user_id, body.events)
    return respond(ctx, "notificationPreferences", preferences_json(me.user_id, chosen))


@router.get(
    "/push/publickey",
    tags=[TAG_DEVICES],
    summary="getPushPublicKey",
    **described(A.PUBLIC, 404, model=PushKey),
)
async def push_public_key(ctx: Context) -> JSONResponse:
    """staykit's: the VAPID public key browsers subscribe with (404 when push is off)."""
    key = push.vapid_public_key(ctx.settings)
    if key is None:
        raise NotFound(
            "Push is not configured on this server (STAYKIT_VAPID_PRIVATE_KEY).",
            code="pushNotConfigured",
        )
    return JSONResponse({"vapidPublicKey": key})
