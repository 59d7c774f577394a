"""The notification service's bodies and answers (/notification-api): what the routes read
and, for the OpenAPI document, what they answer."""

# No `from __future__ import annotations`: FastAPI must see the real body classes.

import uuid
from datetime import datetime
from typing import Any

from pydantic import BaseModel, Field

from staykit.core.schemas import Input
from staykit.domain.alerts import devices
from staykit.domain.notifications import preferences
from staykit.domain.notifications.models import (
    MAX_BODY,
    MAX_DEVICE_NAME,
    MAX_ENDPOINT,
    MAX_TITLE,
    PushDevice,
)

MAX_DATA_BYTES = 4096
MAX_SEEN_IDS = 1000

# --- bodies -----------------------------------------------------------------------------------


class SubscriptionKeys(Input):
    p256dh: str = Field(min_length=1, max_length=200, description="base64url P-256 point")
    auth: str = Field(min_length=1, max_length=100, description="base64url 16 bytes")


class DeviceIn(Input):
    """A browser's PushSubscription as `subscription.toJSON()` gives it, and a name."""

    endpoint: str = Field(min_length=1, max_length=MAX_ENDPOINT)
    keys: SubscriptionKeys
    expiration_time: int | None = None
    name: str | None = Field(default=None, max_length=MAX_DEVICE_NAME)

    def command(self) -> devices.NewDevice:
        return devices.NewDevice(self.endpoint, self.keys.p256dh, self.keys.auth, self.name)


class RegisterDevice(Input):
    device: DeviceIn


class NotificationIn(Input):
    """A notification to send: to whom (user ids), its words, what it is about (an event
    of the catalogue: `announcement` unless said), on which channels (inApp unless said;
    each recipient's preferences may narrow them), and data for the client."""

    recipients: list[uuid.UUID] = Field(min_length=1)
    title: str = Field(min_length=1, max_length=MAX_TITLE)
    body: str = Field(default="", max_length=MAX_BODY)
    event: str = Field(default="announcement", max_length=60)
    channels: list[str] = Field(default_factory=lambda: [preferences.IN_APP], max_length=4)
    data: dict[str, Any] = Field(default_factory=dict)


class SendNotification(Input):
    notification: NotificationIn


class MarkSeen(Input):
    notification_ids: list[uuid.UUID] = Field(min_length=1, max_length=MAX_SEEN_IDS)


class PreferencesIn(Input):
    """The channels of the events to change, e.g. {"message.received": ["inApp"]}; events
    not named keep theirs. An empty list turns an event off."""

    events: dict[str, list[str]] = Field(min_length=1)


# --- answers ----------------------------------------------------------------------------------


class NotificationOut(BaseModel):
    id: uuid.UUID
    event: str
    title: str
    body: str
    data: dict[str, Any]
    senderId: uuid.UUID | None
    seenAt: datetime | None
    seq: int = Field(description="Its number in the user's live stream (the SSE event id).")
    createdAt: datetime


class DeviceOut(BaseModel):
    id: uuid.UUID
    endpoint: str
    name: str | None
    isActive: bool
    createdAt: datetime
    updatedAt: datetime
    lastPushedAt: datetime | None


class EventChoice(BaseModel):
    channels: list[str]
    default: list[str]
    description: str


class PreferencesOut(BaseModel):
    userId: uuid.UUID
    channels: list[str] = Field(description="Every channel there is.")
    events: dict[str, EventChoice]


class PushKey(BaseModel):
    vapidPublicKey: str = Field(description="applicationServerKey for pushManager.subscribe")


def device_json(d: PushDevice) -> dict[str, Any]:
    return {
        "id": str(d.id),
        "endpoint": d.endpoint,
        "name": d.name,
        "isActive": d.is_active,
        "createdAt": d.created_at.isoformat(),
        "updatedAt": d.updated_at.isoformat(),
        "lastPushedAt": None if d.last_pushed_at is None else d.last_pushed_at.isoformat(),
    }


def preferences_json(user_id: uuid.UUID, chosen: dict[str, tuple[str, ...]]) -> dict[str, Any]:
    return {
        "userId": str(user_id),
        "channels": list(preferences.CHANNELS),
        "events": {
            event: {
                "channels": list(chosen[event]),
                "default": list(preferences.DEFAULTS[event]),
                "description": text,
            }
            for event, (text, _) in preferences.EVENTS.items()
        },
    }
