"""Prometheus metrics (prometheus-client), served at `/metrics` in the text format.

- `staykit_http_requests_total{surface, method, route, status}` and
  `staykit_http_request_duration_seconds{surface, method, route}`: every request, labelled
  with the route's template (`/auth-api/v1/users/{userId}`), never the raw path, so ids do
  not multiply the series; a path no route matches counts as `route="unmatched"`.
- `staykit_job_queue_depth{queue}` and `staykit_job_queue_oldest_seconds{queue}`: jobs due
  and not started, and how long the oldest has waited (read when scraped).
- `staykit_db_pool_size`, `staykit_db_pool_checked_out`, `staykit_db_pool_overflow`: the
  request pool of this process.

With `STAYKIT_METRICS_TOKEN` set, a scrape must send `Authorization: Bearer <token>`.
"""

from __future__ import annotations

import hmac
from typing import Any

from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram, generate_latest
from prometheus_client.exposition import CONTENT_TYPE_LATEST
from starlette.datastructures import State
from starlette.responses import Response
from starlette.types import Receive, Scope, Send

from staykit.core.queues import queue_depths

REGISTRY = CollectorRegistry()
REQUESTS = Counter(
    "staykit_http_requests",
    "HTTP requests answered, by surface, method, route template and status.",
    ["surface", "method", "route", "status"],
    registry=REGISTRY,
)
LATENCY = Histogram(
    "staykit_http_request_duration_seconds",
    "Time from the first byte of the request to the end of the answer.",
    ["surface", "method", "route"],
    buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0),
    registry=REGISTRY,
)
QUEUE_DEPTH = Gauge(
    "staykit_job_queue_depth", "Jobs due and not started, per queue.", ["queue"], registry=REGISTRY
)
QUEUE_AGE = Gauge(
    "staykit_job_queue_oldest_seconds",
    "How long the oldest due job of each queue has waited.",
    ["queue"],
    registry=REGISTRY,
)
POOL_SIZE = Gauge("staykit_db_pool_size", "Connections the pool keeps.", registry=REGISTRY)
POOL_OUT = Gauge(
    "staykit_db_pool_checked_out", "Connections in use by requests.", registry=REGISTRY
)
POOL_OVERFLOW = Gauge(
    "staykit_db_pool_overflow", "Connections opened beyond the pool's size.", registry=REGISTRY
)

UNMATCHED = "unmatched"
_queues_seen: set[str] = set()
_METHODS = frozenset({"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"})


def route_of(scope: Scope) -> str:
    """The matched route's template with the prefixes it was included and mounted under.

    A route included with a prefix knows only its own part (`/v1/users/{userId}`); the
    prefix is the part of the path in front of the as many segments as the template has.
    """
    route = scope.get("route")
    template = getattr(route, "path_format", None)
    if not isinstance(template, str):
        return UNMATCHED
    root_path = str(scope.get("root_path", ""))
    path = str(scope.get("path", ""))
    below = path[len(root_path) :] if path.startswith(root_path) else path
    if ":path}" not in template:
        parts = below.split("/")
        keep = len(parts) - template.count("/")
        if keep > 0:
            return root_path + "/".join(parts[:keep]) + template
    return root_path + template


def observe(scope: Scope, surface: str, status: int, seconds: float) -> None:
    method = scope.get("method", "GET")
    method = method if method in _METHODS else "OTHER"
    route = route_of(scope)
    REQUESTS.labels(surface, method, route, str(status)).inc()
    LATENCY.labels(surface, method, route).observe(seconds)


async def _refresh(state: State) -> None:
    engine = getattr(state, "engine", None)
    if engine is not None:
        pool: Any = engine.pool
        POOL_SIZE.set(pool.size())
        POOL_OUT.set(pool.checkedout())
        POOL_OVERFLOW.set(max(0, pool.overflow()))
    factory = getattr(state, "read_sessionmaker", None) or state.sessionmaker
    async with factory() as session:
        depths = await queue_depths(session)
    # A queue that emptied shows 0, not its last value.
    for queue in _queues_seen - {d.queue for d in depths}:
        QUEUE_DEPTH.labels(queue).set(0)
        QUEUE_AGE.labels(queue).set(0)
    for d in depths:
        _queues_seen.add(d.queue)
        QUEUE_DEPTH.labels(d.queue).set(d.depth)
        QUEUE_AGE.labels(d.queue).set(d.oldest_seconds)


def _authorized(scope: Scope, token: str | None) -> bool:
    if not token:
        return True
    for key, value in scope.get("headers") or ():
        if key == b"authorization":
            scheme, _, given = value.decode("latin-1").partition(" ")
            return scheme.lower() == "bearer" and hmac.compare_digest(given.strip(), token)
    return False


async def endpoint(state: State, scope: Scope, receive: Receive, send: Send) -> None:
    if scope.get("method") not in ("GET", "HEAD"):
        response = Response("Use GET.\n", status_code=405, headers={"Allow": "GET, HEAD"})
    elif not _authorized(scope, state.settings.metrics_token):
        response = Response(
            "A bearer token is required (STAYKIT_METRICS_TOKEN).\n",
            status_code=401,
            headers={"WWW-Authenticate": 'Bearer realm="metrics"'},
        )
    else:
        await _refresh(state)
        response = Response(generate_latest(REGISTRY), media_type=CONTENT_TYPE_LATEST)
    await response(scope, receive, send)
