"""The delivery engine: one drain round takes a target's due deliveries and sends them.

A round, in one transaction:
1. claim: the target's pending rows that are due, oldest event first, `FOR UPDATE SKIP
   LOCKED` (a second drain of the same target takes other rows, never the same);
2. order: per entity, keep only the leading run of its pending rows (by domain event
   seq), so nothing is sent while an earlier row of that entity is pending elsewhere
   (locked by another drain, or waiting for its retry): a `modified` never overtakes its
   `created`;
3. send: entities concurrently (at most `webhook_concurrency` requests at once, one
   shared aiohttp client per worker: see Client), each entity's rows one after the
   other, stopping at its first failure; the URL is checked again (urlguard) and the
   connection pinned to the checked address (urlguard.PinnedResolver);
4. record: one attempt row per request (status, duration, response excerpt <= 1 KB,
   error); a 2xx marks the delivery delivered (never before: at least once), anything
   else schedules the next try after `webhook_retry_delays_seconds[n]`; past the last
   delay the delivery fails and the subscription is disabled (its creator is mailed);
   a 410 Gone fails it and disables the subscription at once.

A worker killed mid-round loses nothing: its transaction never commits, so the rows are
pending again (its requests may have arrived: receivers deduplicate by `webhook-id`),
and the sweeper (tasks.py) drains them. The attempt log of such a round is lost with it.

A property webhook (Beds24) is never disabled (it is the Channel API's setting): its
failed deliveries are only marked failed.
"""

from __future__ import annotations

import asyncio
import json
import time
import uuid
from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

import aiohttp
import structlog
from sqlalchemy import func, select, text
from sqlalchemy.ext.asyncio import AsyncSession
from yarl import URL

from staykit import __version__
from staykit.core import urlguard
from staykit.core.clock import utcnow
from staykit.core.config import Settings
from staykit.domain.booking import webhook_bodies
from staykit.domain.webhooks import mails, secrets, targets
from staykit.domain.webhooks.models import (
    DeliveryStatus,
    WebhookAttempt,
    WebhookDelivery,
    WebhookSubscription,
)

log = structlog.get_logger(__name__)
EXCERPT_BYTES = 1024
USER_AGENT = f"staykit-webhooks/{__version__}"


class DisabledReason:
    GONE = "gone"  # the receiver answered 410
    FAILING = "failing"  # a delivery exhausted its retries
    MANUAL = "manual"


@dataclass
class Outcome:
    delivery: WebhookDelivery
    at: datetime
    status_code: int | None = None
    duration_ms: int = 0
    excerpt: str | None = None
    error: str | None = None

    @property
    def ok(self) -> bool:
        return self.status_code is not None and 200 <= self.status_code < 300


@dataclass
class Round:
    """What one drain round did."""

    claimed: int = 0
    delivered: int = 0
    failed: int = 0


# --- the shared client ------------------------------------------------------------------------


@dataclass
class Client:
    """The worker's HTTP client for webhooks: one aiohttp session (its connection pool
    shared by every drain) and the resolver pinning checked addresses.

    aiohttp rather than httpx here: on this 2-core machine httpx's connection pool
    answered 90-100 requests/s to a loopback receiver at 8-64 concurrent requests, aiohttp
    1,000-1,700/s (bench/webhook_delivery.py needs 500/s)."""

    session: aiohttp.ClientSession
    resolver: urlguard.PinnedResolver


_clients: dict[int, Client] = {}


def client_for(settings: Settings) -> Client:
    """One client per event loop (the worker's). No proxy from the environment (it would
    connect past the address check), no redirects followed (see send_one)."""
    key = id(asyncio.get_running_loop())
    found = _clients.get(key)
    if found is None or found.session.closed:
        resolver = urlguard.PinnedResolver()
        connector = aiohttp.TCPConnector(
            resolver=resolver,
            use_dns_cache=False,
            limit=settings.webhook_concurrency,
            limit_per_host=settings.webhook_concurrency,
        )
        session = aiohttp.ClientSession(
            connector=connector,
            trust_env=False,
            timeout=aiohttp.ClientTimeout(total=settings.webhook_timeout_seconds),
            headers={"User-Agent": USER_AGENT},
            auto_decompress=False,
        )
        found = _clients[key] = Client(session, resolver)
    return found


async def close_client() -> None:
    """Close this event loop's client (the worker stopping)."""
    found = _clients.pop(id(asyncio.get_running_loop()), None)
    if found is not None:
        await found.session.close()


# --- claiming ---------------------------------------------------------------------------------


async def claim(
    session: AsyncSession, target_id: uuid.UUID, now: datetime, limit: int
) -> dict[uuid.UUID, list[WebhookDelivery]]:
    """The target's sendable rows, per entity in seq order (see the module doc, 1-2)."""
    rows = list(
        await session.scalars(
            select(WebhookDelivery)
            .where(
                WebhookDelivery.target_id == target_id,
                WebhookDelivery.status == DeliveryStatus.PENDING,
                WebhookDelivery.next_attempt_at <= now,
            )
            .order_by(WebhookDelivery.event_seq)
            .limit(limit)
            .with_for_update(skip_locked=True)
        )
    )
    if not rows:
        return {}
    chains: dict[uuid.UUID, list[WebhookDelivery]] = defaultdict(list)
    for row in rows:
        chains[row.entity_id].append(row)
    longest = max(len(c) for c in chains.values())
    # Each entity's first pending seqs, whoever holds them (a plain read is not blocked).
    ranked = (
        select(
            WebhookDelivery.entity_id,
            WebhookDelivery.event_seq,
            func.row_number()
            .over(partition_by=WebhookDelivery.entity_id, order_by=WebhookDelivery.event_seq)
            .label("rank"),
        )
        .where(
            WebhookDelivery.target_id == target_id,
            WebhookDelivery.status == DeliveryStatus.PENDING,
            WebhookDelivery.entity_id.in_(list(chains)),
        )
        .subquery()
    )
    leading: dict[uuid.UUID, list[int]] = defaultdict(list)
    for entity_id, seq in await session.execute(
        select(ranked.c.entity_id, ranked.c.event_seq)
        .where(ranked.c.rank <= longest)
        .order_by(ranked.c.entity_id, ranked.c.event_seq)
    ):
        leading[entity_id].append(seq)
    sendable: dict[uuid.UUID, list[WebhookDelivery]] = {}
    for entity_id, chain in chains.items():
        run: list[WebhookDelivery] = []
        for row, seq in zip(chain, leading[entity_id], strict=False):
            if row.event_seq != seq:
                break
            run.append(row)
        if run:
            sendable[entity_id] = run
    return sendable


# --- sending ----------------------------------------------------------------------------------


def body_of(delivery: WebhookDelivery) -> str:
    payload = delivery.payload
    if delivery.property_webhook_id is not None and "retries" in payload:
        # Beds24's body counts the tries before this one.
        payload = {**payload, "retries": delivery.attempts}
    return json.dumps(payload, separators=(",", ":"), ensure_ascii=False)


def url_of(target: targets.Target, delivery: WebhookDelivery) -> str:
    """The target's URL, with a Beds24 version-one webhook's `bookid` and `status`."""
    hook = target.property_webhook
    if hook is None or hook.version != "one":
        return target.url
    params = webhook_bodies.beds24_v1_params(delivery.payload, delivery.event_type)
    return str(URL(target.url).update_query(params))


async def send_one(
    client: Client,
    settings: Settings,
    target: targets.Target,
    signing: list[str],
    delivery: WebhookDelivery,
) -> Outcome:
    at = utcnow()
    body = body_of(delivery)
    msg_id = str(delivery.id)
    headers: dict[str, str] = {name: value for name, value in target.headers}
    headers.update(
        {
            "Content-Type": "application/json",
            "webhook-id": msg_id,
            "webhook-timestamp": str(int(at.timestamp())),
        }
    )
    if signing:
        headers["webhook-signature"] = secrets.signature(signing, msg_id, at, body)
    outcome = Outcome(delivery, at)
    started = time.perf_counter()
    try:
        async with client.session.post(
            url_of(target, delivery),
            data=body.encode("utf-8"),
            headers=headers,
            allow_redirects=False,
        ) as response:
            outcome.status_code = response.status
            excerpt = await response.content.read(EXCERPT_BYTES)
            outcome.excerpt = excerpt.decode("utf-8", errors="replace")
    except TimeoutError:
        outcome.error = f"no answer within {settings.webhook_timeout_seconds:g} s"
    except (aiohttp.ClientError, OSError) as exc:
        outcome.error = f"could not reach the receiver ({type(exc).__name__})"
    outcome.duration_ms = int((time.perf_counter() - started) * 1000)
    return outcome


async def _send_chain(
    semaphore: asyncio.Semaphore, chain: list[WebhookDelivery], send: Any
) -> list[Outcome]:
    done: list[Outcome] = []
    for row in chain:
        async with semaphore:
            outcome = await send(row)
        done.append(outcome)
        if not outcome.ok:
            break
    return done


# --- recording --------------------------------------------------------------------------------


def _refused(chain_heads: list[WebhookDelivery], reason: str) -> list[Outcome]:
    now = utcnow()
    return [Outcome(row, now, error=reason[:300]) for row in chain_heads]


def _apply(outcome: Outcome, delays: list[int]) -> bool:
    """Update the delivery; True when it just failed for good."""
    row = outcome.delivery
    row.attempts += 1
    row.last_attempt_at = outcome.at
    if outcome.ok:
        row.status = DeliveryStatus.DELIVERED
        row.delivered_at = outcome.at
        return False
    if outcome.status_code == 410 or row.attempts > len(delays):
        row.status = DeliveryStatus.FAILED
        return True
    row.next_attempt_at = outcome.at + timedelta(seconds=delays[row.attempts - 1])
    return False


async def disable(
    session: AsyncSession, sub: WebhookSubscription, reason: str, *, notify: bool = True
) -> None:
    if not sub.is_active:
        return
    sub.is_active = False
    sub.disabled_reason = reason
    sub.disabled_at = utcnow()
    if notify:
        await mails.mail_disabled(session, sub, reason)
    log.info("webhook subscription disabled", subscription_id=str(sub.id), reason=reason)


async def _record(
    session: AsyncSession,
    settings: Settings,
    target: targets.Target,
    outcomes: list[Outcome],
    result: Round,
) -> None:
    delays = settings.webhook_retry_delays_seconds
    gone = False
    exhausted = False
    for outcome in outcomes:
        if _apply(outcome, delays):
            result.failed += 1
            gone = gone or outcome.status_code == 410
            exhausted = exhausted or outcome.status_code != 410
        if outcome.ok:
            result.delivered += 1
    session.add_all(
        [
            WebhookAttempt(
                delivery_id=o.delivery.id,
                target_id=target.id,
                attempted_at=o.at,
                status_code=o.status_code,
                duration_ms=o.duration_ms,
                response_excerpt=o.excerpt,
                error=o.error,
            )
            for o in outcomes
        ]
    )
    sub = target.subscription
    if sub is not None and outcomes:
        last = max(o.at for o in outcomes)
        if any(o.ok for o in outcomes):
            sub.last_success_at = last
        failures = sum(1 for o in outcomes if not o.ok)
        sub.consecutive_failures = 0 if failures == 0 else sub.consecutive_failures + failures
        if failures:
            sub.last_failure_at = last
        sub.failed_deliveries += result.failed
        if gone:
            await disable(session, sub, DisabledReason.GONE)
        elif exhausted:
            await disable(session, sub, DisabledReason.FAILING)


async def drain_round(
    session: AsyncSession,
    settings: Settings,
    target_id: uuid.UUID,
    rules: urlguard.Destinations,
    client: Client,
) -> Round:
    """One round for one target inside the caller's transaction (module doc)."""
    result = Round()
    target = await targets.load(session, target_id)
    if target is None or not target.active:
        return result
    chains = await claim(session, target_id, utcnow(), settings.webhook_batch_size)
    result.claimed = sum(len(c) for c in chains.values())
    if not chains:
        return result
    heads = [chain[0] for chain in chains.values()]
    try:
        client.resolver.pin(await urlguard.check(target.url, rules))
        signing = target.signing_secrets(settings)
    except urlguard.UrlRefused as exc:
        outcomes = _refused(heads, exc.message)
    except secrets.SecretUnreadable as exc:
        outcomes = _refused(heads, str(exc))
    else:
        semaphore = asyncio.Semaphore(settings.webhook_concurrency)

        async def send(row: WebhookDelivery) -> Outcome:
            return await send_one(client, settings, target, signing, row)

        sent = await asyncio.gather(
            *(_send_chain(semaphore, chain, send) for chain in chains.values())
        )
        outcomes = [o for chain in sent for o in chain]
    await _record(session, settings, target, outcomes, result)
    await session.flush()
    return result


async def next_due(session: AsyncSession, target_id: uuid.UUID) -> datetime | None:
    """When the target's next pending delivery is due (None: nothing pending)."""
    due: datetime | None = await session.scalar(
        select(func.min(WebhookDelivery.next_attempt_at)).where(
            WebhookDelivery.target_id == target_id,
            WebhookDelivery.status == DeliveryStatus.PENDING,
        )
    )
    return due


async def due_targets(session: AsyncSession, now: datetime, limit: int = 1000) -> list[uuid.UUID]:
    """Active targets with a pending delivery due (the sweeper's read)."""
    rows = await session.execute(
        text(
            """
            SELECT DISTINCT d.target_id FROM webhook_deliveries d
            LEFT JOIN webhook_subscriptions s ON s.id = d.subscription_id
            LEFT JOIN property_webhooks p ON p.id = d.property_webhook_id
            WHERE d.status = 'pending' AND d.next_attempt_at <= :now
              AND coalesce(s.is_active, p.is_active)
            LIMIT :limit
            """
        ),
        {"now": now, "limit": limit},
    )
    return [r[0] for r in rows]
