"""Throughput of an authenticated staykit read against bare FastAPI routes returning the same body.

Three uvicorn servers, one worker each, same flags, loopback ports:
- staykit: GET /auth-api/v1/users/{id} with a Bearer token, production settings;
- bare: a bare FastAPI route returning the captured staykit body verbatim (the reference
  the foundation issue names; goal staykit/bare >= 0.5);
- bare_db: the same bare route, but doing staykit's database work first (the user row on
  an autocommit connection; staykit checks sessions in its per-process cache) through raw
  psycopg: staykit/bare_db shows what the framework,
  ORM and auth code cost on top of the unavoidable database round trips.
The same load (fixed duration, fixed concurrency, keep-alive) is applied to each in turn, in
rotating order, for several rounds. Figures: req/s (median over rounds), latency p50/p95.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path
from typing import Any

import httpx

# `python bench/<script>.py` puts bench/ first on sys.path, so the helper imports directly.
from _server import (
    LoadResult,
    bare_db_server,
    bare_server,
    bench_database,
    emit,
    ensure_user,
    load_generator,
    login_token,
    median,
    run_load,
    save_results,
    staykit_server,
    uvicorn_flags,
)

EMAIL = "bench-http@staykit.local"
GOAL = 0.5
TARGETS = ("staykit", "bare", "bare_db")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--seconds", type=int, default=5, help="per round and server")
    parser.add_argument("--warmup", type=int, default=2, help="seconds per server before round 1")
    parser.add_argument("--concurrency", type=int, default=32)
    ns = parser.parse_args()

    generator = load_generator()
    print(
        f"# http_baseline: GET /auth-api/v1/users/{{id}} (Bearer); generator {generator}; "
        f"{ns.rounds} rounds x {ns.seconds} s per server, concurrency {ns.concurrency}; "
        f"uvicorn {' '.join(uvicorn_flags())}",
        flush=True,
    )
    results: dict[str, list[LoadResult]] = {name: [] for name in TARGETS}
    # Server logs and the captured body live in a temp dir removed at the end.
    with tempfile.TemporaryDirectory(prefix="staykit-bench-http-") as tmp, bench_database() as url:
        work = Path(tmp)
        # This benchmark does not measure login, so the fixture may use a cheap hash.
        user_id = ensure_user(url, EMAIL, cheap_hash=True)
        with staykit_server(url, work) as staykit:
            token = login_token(staykit.base, EMAIL)
            headers = {"Authorization": f"Bearer {token}"}
            path = f"/auth-api/v1/users/{user_id}"
            real = httpx.get(staykit.base + path, headers=headers, timeout=10)
            if real.status_code != 200:
                print(f"staykit answered {real.status_code}: {real.text}", file=sys.stderr)
                return 1
            body_file = work / "body.json"
            body_file.write_bytes(real.content)
            with (
                bare_server(body_file, work) as bare,
                bare_db_server(url, body_file, work) as bare_db,
            ):
                targets = {
                    "staykit": staykit.base + path,
                    "bare": bare.base + path,
                    "bare_db": bare_db.base + path,
                }
                for name in ("bare", "bare_db"):
                    copy = httpx.get(targets[name], timeout=10)
                    if copy.content != real.content:
                        print(f"{name} does not return staykit's body", file=sys.stderr)
                        return 1

                def load(name: str, seconds: int) -> LoadResult:
                    result = run_load(
                        targets[name],
                        seconds=seconds,
                        concurrency=ns.concurrency,
                        headers=headers,
                        workdir=work,
                    )
                    if result.errors:
                        raise RuntimeError(f"{name}: {result.errors} failed requests")
                    return result

                for name in TARGETS:  # warm-up: connection pools, prepared statements, caches
                    load(name, ns.warmup)
                for round_no in range(ns.rounds):
                    # Rotate which server goes first so slow drift hits all of them alike.
                    shift = round_no % len(TARGETS)
                    for name in TARGETS[shift:] + TARGETS[:shift]:
                        results[name].append(load(name, ns.seconds))

    figures: dict[str, dict[str, Any]] = {}
    rps = {name: median([r.rps for r in runs]) for name, runs in results.items()}
    p50 = {name: median([r.p50_ms for r in runs]) for name, runs in results.items()}
    ratio = rps["staykit"] / rps["bare"]
    ratio_db = rps["staykit"] / rps["bare_db"]
    note = f"{generator}, c={ns.concurrency}, {ns.rounds}x{ns.seconds}s"
    for name in ("bare", "bare_db", "staykit"):
        runs = results[name]
        per_round = [r.rps for r in runs]
        p95 = median([r.p95_ms for r in runs])
        is_staykit = name == "staykit"
        emit(
            f"http.get_user.{name}.rps",
            median_value=rps[name],
            unit="req/s",
            spread=(min(per_round), max(per_round)),
            ratio=ratio if is_staykit else None,
            ratio_to="bare",
            goal=f">= {GOAL}" if is_staykit else "",
            also=(ratio_db, "bare_db") if is_staykit else None,
            note=note,
        )
        emit(
            f"http.get_user.{name}.latency",
            median_value=p50[name],
            p95=p95,
            unit="ms",
            ratio=p50[name] / p50["bare"] if is_staykit else None,
            ratio_to="bare p50",
        )
        figures[f"http.get_user.{name}.rps"] = {
            "median": rps[name],
            "min": min(per_round),
            "max": max(per_round),
            "rounds": per_round,
            "requests": [r.requests for r in runs],
            "unit": "req/s",
            "generator": generator,
            "concurrency": ns.concurrency,
            "seconds_per_round": ns.seconds,
            **(
                {"ratio_to_bare": ratio, "goal": GOAL, "ratio_to_bare_db": ratio_db}
                if is_staykit
                else {}
            ),
        }
        figures[f"http.get_user.{name}.latency"] = {
            "median": p50[name],
            "p95": p95,
            "unit": "ms",
            "rounds_p50": [r.p50_ms for r in runs],
            "rounds_p95": [r.p95_ms for r in runs],
        }
    verdict = "meets" if ratio >= GOAL else "is BELOW"
    print(
        f"# staykit/bare throughput ratio {ratio:.3f} {verdict} the goal of {GOAL}; "
        f"staykit/bare_db (same SQL via raw psycopg) {ratio_db:.3f}",
        flush=True,
    )
    save_results(figures)
    return 0


if __name__ == "__main__":
    sys.exit(main())
