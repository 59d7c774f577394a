"""An MCP tool call round trip vs the same HTTP route on the same server, goal ratio <= 1.5.

(Not bench/mcp.py: the bench folder is on the servers' import path, where that name would
hide the `mcp` SDK.)

A real staykit (uvicorn, its own process) and one host's published listing. A logged-in
user calls `propertyCatalog:getListing` through the official SDK's Streamable HTTP
client (one session, initialized once: the figure is the call) and the same route,
GET /propertycatalog-api/v1/listings/{id}, with the same token over one keep-alive
HTTP client; the two alternate one call each, sequentially, after a warm-up.

The MCP call does more by design: its POST is authenticated at the endpoint, the route
runs in-process through the whole application with the caller's token, and the call is
logged as an agent execution in a transaction of its own.

Figures: mcp.tool_call and mcp.http_route (median, p95, ms) and their ratio.
The database: STAYKIT_BENCH_DATABASE_URL, else an embedded server in a temporary folder.
"""

from __future__ import annotations

import argparse
import asyncio
import tempfile
import time
from pathlib import Path

import psutil

from _server import (
    bench_database,
    emit,
    ensure_user,
    login_token,
    median,
    percentile,
    save_results,
    staykit_server,
)

SEED = 20261212  # nothing random is drawn: the same listing and calls every run
GOAL_RATIO = 1.5
LOG_SETTLE_SECONDS = 1.0  # longer than the execution log's batching delay
EMAIL = "bench-mcp@staykit.test"
LISTING = {
    "title": "Bench loft",
    "address": "Rua das Flores 12, Lisboa",
    "pricePerNight": "100.00",
    "description": "Two rooms, balcony, fast wifi.",
    "propertyType": "apartment",
    "location": {"lat": 38.7223, "lng": -9.1393, "city": "Lisbon", "country": "PT"},
    "currency": "EUR",
    "approvalType": "instant",
    "isPublished": True,
    "timeZone": "Europe/Lisbon",
    "maxGuests": 4,
    "baseOccupancy": 2,
}


async def measure(
    base: str, token: str, warmup: int, n: int, server_pid: int
) -> tuple[list[float], list[float], float, float]:
    import httpx
    import httpx2
    import mcp_types as types
    from mcp import ClientSession
    from mcp.client.streamable_http import streamable_http_client

    headers = {"Authorization": f"Bearer {token}"}
    async with httpx.AsyncClient(base_url=base, headers=headers, timeout=30) as http:
        made = await http.post("/propertycatalog-api/v1/listings", json=LISTING)
        assert made.status_code == 201, made.text
        listing_id = made.json()["listing"]["id"]
        path = f"/propertycatalog-api/v1/listings/{listing_id}"
        async with (
            httpx2.AsyncClient(headers=headers, timeout=30) as mcp_http,
            streamable_http_client(f"{base}/mcpbff-api/mcp", http_client=mcp_http) as streams,
            ClientSession(
                streams[0], streams[1], client_info=types.Implementation(name="bench", version="1")
            ) as session,
        ):
            await session.initialize()
            tool_ms: list[float] = []
            http_ms: list[float] = []
            for i in range(warmup + n):
                t0 = time.perf_counter()
                result = await session.call_tool(
                    "propertyCatalog:getListing", {"listingId": listing_id}
                )
                t1 = time.perf_counter()
                r = await http.get(path)
                t2 = time.perf_counter()
                assert not result.is_error and r.status_code == 200, (result, r.text)
                if i >= warmup:
                    tool_ms.append((t1 - t0) * 1000)
                    http_ms.append((t2 - t1) * 1000)
            # The server's CPU per call, each kind in a phase of its own: unlike latency,
            # it does not move with what else the machine runs. The tool phase includes
            # writing its executions' log rows (waited for before the reading).
            server = psutil.Process(server_pid)
            await asyncio.sleep(LOG_SETTLE_SECONDS)
            before = _cpu(server)
            for _ in range(n):
                r = await http.get(path)
                assert r.status_code == 200, r.text
            route_cpu = (_cpu(server) - before) / n
            before = _cpu(server)
            for _ in range(n):
                result = await session.call_tool(
                    "propertyCatalog:getListing", {"listingId": listing_id}
                )
                assert not result.is_error, result
            await asyncio.sleep(LOG_SETTLE_SECONDS)
            tool_cpu = (_cpu(server) - before) / n
    return tool_ms, http_ms, tool_cpu, route_cpu


def _cpu(process: psutil.Process) -> float:
    """The process's CPU time so far, in ms (user + system)."""
    times = process.cpu_times()
    return (times.user + times.system) * 1000


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--iterations", type=int, default=300)
    parser.add_argument("--warmup", type=int, default=30)
    ns = parser.parse_args()
    print(
        f"# mcp: getListing as a tool (Streamable HTTP) vs GET on the route, alternating, "
        f"{ns.warmup} warm-ups then {ns.iterations} each, seed {SEED}",
        flush=True,
    )
    with tempfile.TemporaryDirectory(prefix="staykit-bench-mcp-") as tmp, bench_database() as url:
        ensure_user(url, EMAIL, cheap_hash=True)
        # One token reads one listing ~2,000 times in a minute here: above the listing
        # pages' flood guard per person (still checked on every call, as in production).
        with staykit_server(url, Path(tmp), STAYKIT_RATE_LIMIT_LISTING="100000") as server:
            token = login_token(server.base, EMAIL)
            tool_ms, http_ms, tool_cpu, route_cpu = asyncio.run(
                measure(server.base, token, ns.warmup, ns.iterations, server.proc.pid)
            )
    ratio = median(tool_ms) / median(http_ms)
    emit("mcp.http_route_cpu", median_value=route_cpu, unit="ms")
    emit(
        "mcp.tool_call_cpu",
        median_value=tool_cpu,
        unit="ms",
        ratio=tool_cpu / route_cpu,
        ratio_to="mcp.http_route_cpu",
    )
    emit(
        "mcp.http_route",
        median_value=median(http_ms),
        p95=percentile(http_ms, 95),
        unit="ms",
    )
    emit(
        "mcp.tool_call",
        median_value=median(tool_ms),
        p95=percentile(tool_ms, 95),
        unit="ms",
        ratio=ratio,
        ratio_to="mcp.http_route",
        goal=f"ratio <= {GOAL_RATIO}",
    )
    save_results(
        {
            "mcp.tool_call": {
                "median": median(tool_ms),
                "p95": percentile(tool_ms, 95),
                "unit": "ms",
                "n": len(tool_ms),
                "ratio_to_http_route": ratio,
                "goal_ratio": GOAL_RATIO,
            },
            "mcp.tool_call_cpu": {
                "mean": tool_cpu,
                "unit": "ms",
                "ratio_to_http_route_cpu": tool_cpu / route_cpu,
            },
            "mcp.http_route_cpu": {"mean": route_cpu, "unit": "ms"},
            "mcp.http_route": {
                "median": median(http_ms),
                "p95": percentile(http_ms, 95),
                "unit": "ms",
                "n": len(http_ms),
            },
        }
    )
    return 0 if ratio <= GOAL_RATIO else 1


if __name__ == "__main__":
    raise SystemExit(main())
