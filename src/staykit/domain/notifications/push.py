"""Push notifications: the port, and its Web Push adapter (VAPID, RFC 8291/8292, through
pywebpush).

A browser subscribes with the server's VAPID public key (GET
/notification-api/push/publickey) and registers the subscription it gets (endpoint and
keys) as a device. A push is encrypted to that subscription's keys (aes128gcm) and POSTed
to its endpoint, signed with the VAPID private key.

Endpoints are user-given URLs the server POSTs to, so they pass the outbound URL guard
(core/urlguard.py, `Destinations.for_push`): when registered (alerts/devices.py) and
again before every push, whose connection is pinned to the address just checked (DNS
rebinding cannot turn a public endpoint into a request to this machine or a private
network; a redirect to another host fails).

Keys: STAYKIT_VAPID_PRIVATE_KEY (PEM, or the base64url raw key `web-push
generate-vapid-keys` prints). Outside production, when unset, a key is generated once
and kept in the data directory (.staykit/vapid_private_key.pem), so every process on the
machine and every restart signs with the same key. Production without a key sends no
pushes (the channel is skipped, and said so at start-up).
"""

from __future__ import annotations

import asyncio
import base64
import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

import aiohttp
import structlog
from cryptography.hazmat.primitives import serialization
from py_vapid import Vapid02
from pywebpush import WebPushException, webpush_async

from staykit.core import urlguard
from staykit.core.config import Settings

log = structlog.get_logger(__name__)

PUSH_TTL_SECONDS = 24 * 3600  # a push service keeps an undelivered push this long
PUSH_TIMEOUT_SECONDS = 20.0
KEY_FILE = "vapid_private_key.pem"


@dataclass(frozen=True)
class Subscription:
    """Where and to whom a push goes (a browser's PushSubscription)."""

    endpoint: str
    p256dh: str
    auth: str


class PushGone(Exception):
    """The push service says the subscription no longer exists (404, 410): retire it."""


class PushRefused(Exception):
    """The endpoint fails the URL guard at send time (its name resolves elsewhere now, or
    the rules changed): nothing was sent. Raised so the job retries; said without the
    endpoint (it carries the subscription's secret path)."""


class PushSender(Protocol):
    async def send(self, subscription: Subscription, payload: dict[str, Any]) -> None: ...


@dataclass
class _Client:
    session: aiohttp.ClientSession
    resolver: urlguard.PinnedResolver


class WebPushSender:
    """The real adapter: pywebpush, signed with the VAPID key, over this sender's own
    aiohttp session (one per event loop) whose resolver answers only checked addresses.
    No proxy from the environment: it would connect past the address check."""

    def __init__(self, vapid: Vapid02, subject: str, rules: urlguard.Destinations) -> None:
        self.vapid = vapid
        self.subject = subject
        self.rules = rules
        self._clients: dict[int, _Client] = {}

    def _client(self) -> _Client:
        key = id(asyncio.get_running_loop())
        found = self._clients.get(key)
        if found is None or found.session.closed:
            resolver = urlguard.PinnedResolver()
            session = aiohttp.ClientSession(
                connector=aiohttp.TCPConnector(resolver=resolver, use_dns_cache=False),
                trust_env=False,
            )
            found = self._clients[key] = _Client(session, resolver)
        return found

    async def close(self) -> None:
        """Close this event loop's session (the worker stopping, a test ending)."""
        found = self._clients.pop(id(asyncio.get_running_loop()), None)
        if found is not None:
            await found.session.close()

    async def send(self, subscription: Subscription, payload: dict[str, Any]) -> None:
        try:
            target = await urlguard.check(subscription.endpoint, self.rules)
        except urlguard.UrlRefused as exc:
            raise PushRefused(exc.message) from None
        client = self._client()
        client.resolver.pin(target)
        try:
            await webpush_async(
                subscription_info={
                    "endpoint": subscription.endpoint,
                    "keys": {"p256dh": subscription.p256dh, "auth": subscription.auth},
                },
                data=json.dumps(payload, separators=(",", ":")),
                vapid_private_key=self.vapid,
                # pywebpush fills in aud (the endpoint's origin) and exp (12 hours).
                vapid_claims={"sub": self.subject},
                ttl=PUSH_TTL_SECONDS,
                timeout=PUSH_TIMEOUT_SECONDS,
                aiohttp_session=client.session,
            )
        except WebPushException as exc:
            if exc.response is not None and exc.status_code in (404, 410):
                raise PushGone(f"push service answered {exc.status_code}") from exc
            raise


class NoPushSender:
    """Production without VAPID keys: nothing is pushed."""

    async def send(self, subscription: Subscription, payload: dict[str, Any]) -> None:
        log.debug("push skipped: no VAPID key configured")


def load_vapid(settings: Settings) -> Vapid02 | None:
    """The configured VAPID key; outside production a generated one (kept on disk)."""
    if settings.vapid_private_key is not None:
        return _parse(settings.vapid_private_key.get_secret_value())
    if settings.env == "production":
        return None
    return _development_key(settings.data_dir / KEY_FILE)


def _parse(key: str) -> Vapid02:
    key = key.strip()
    if "BEGIN" in key:
        return Vapid02.from_pem(key.encode())
    return Vapid02.from_string(key)


def _development_key(path: Path) -> Vapid02:
    """The machine's development key, made by whichever process comes first (O_EXCL)."""
    if not path.exists():
        fresh = Vapid02()
        fresh.generate_keys()
        path.parent.mkdir(parents=True, exist_ok=True)
        try:
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:
            pass
        else:
            with os.fdopen(fd, "wb") as out:
                out.write(fresh.private_pem())
            return fresh
    return Vapid02.from_pem(path.read_bytes())


def public_key(vapid: Vapid02) -> str:
    """The key a browser subscribes with (applicationServerKey): base64url, no padding."""
    raw = vapid.public_key.public_bytes(
        serialization.Encoding.X962, serialization.PublicFormat.UncompressedPoint
    )
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode()


_senders: dict[int, PushSender] = {}


def push_sender(settings: Settings) -> PushSender:
    """The process's push sender for these settings (the key is read once)."""
    key = id(settings)
    if key not in _senders:
        vapid = load_vapid(settings)
        _senders[key] = (
            NoPushSender()
            if vapid is None
            else WebPushSender(
                vapid, settings.vapid_subject, urlguard.Destinations.for_push(settings)
            )
        )
    return _senders[key]


async def close_clients() -> None:
    """Close this event loop's push sessions (the worker stopping)."""
    for sender in _senders.values():
        if isinstance(sender, WebPushSender):
            await sender.close()


def vapid_public_key(settings: Settings) -> str | None:
    sender = push_sender(settings)
    return public_key(sender.vapid) if isinstance(sender, WebPushSender) else None


async def check_endpoint(
    endpoint: str, settings: Settings, resolve: urlguard.Resolver = urlguard.system_resolver
) -> None:
    """UrlRefused (its message names `device.endpoint`) unless staykit may POST pushes
    to the endpoint: https (plain http only to loopback, outside production) to a host
    resolving to public addresses only (loopback too outside production: tests, a local
    push service)."""
    await urlguard.check(endpoint, urlguard.Destinations.for_push(settings, resolve))


def endpoint_shape_problem(endpoint: str, settings: Settings) -> str | None:
    """What is wrong with the endpoint itself, before any DNS (a message naming it)."""
    return urlguard.shape_problem(endpoint, urlguard.Destinations.for_push(settings))
