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

import httpx

# `python bench/<script>.py` puts bench/ first on sys.path, so the helper imports directly.
from _server import (
    bare_db_server,
    bare_server,
    bench_database,
    ensure_user,
    load_generator,
    login_token,
    report_ratios,
    rotate_load,
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

                results = rotate_load(
                    targets,
                    headers=headers,
                    workdir=work,
                    rounds=ns.rounds,
                    seconds=ns.seconds,
                    warmup=ns.warmup,
                    concurrency=ns.concurrency,
                )

    note = f"{generator}, c={ns.concurrency}, {ns.rounds}x{ns.seconds}s"
    figures, ratio, ratio_db = report_ratios(
        "http.get_user", results, generator=generator, note=note, goal=GOAL, settings=vars(ns)
    )
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
