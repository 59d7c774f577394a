"""Login latency over HTTP (POST /auth-api/login) with staykit's default argon2id cost.

Sequential requests against staykit under uvicorn (same set-up as http_baseline). The
reference is one argon2id verify with the same parameters in this process, measured in the
same run: the ratio says how much login costs beyond the password check itself.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

import httpx

# `python bench/<script>.py` puts bench/ first on sys.path, so the helper imports directly.
from _server import (
    BENCH_PASSWORD,
    bench_database,
    emit,
    ensure_user,
    median,
    percentile,
    save_results,
    staykit_server,
)

EMAIL = "bench-login@staykit.local"


def argon2_verify_times(iterations: int) -> list[float]:
    """Seconds per argon2id verify with the production defaults (the reference)."""
    from pwdlib.hashers.argon2 import Argon2Hasher

    from staykit.core.config import Settings

    fields = Settings.model_fields
    hasher = Argon2Hasher(
        time_cost=fields["argon2_time_cost"].default,
        memory_cost=fields["argon2_memory_kib"].default,
        parallelism=fields["argon2_parallelism"].default,
    )
    stored = hasher.hash(BENCH_PASSWORD)
    times = []
    for _ in range(iterations):
        t0 = time.perf_counter()
        assert hasher.verify(BENCH_PASSWORD, stored)
        times.append(time.perf_counter() - t0)
    return times


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--iterations", type=int, default=30)
    parser.add_argument("--warmup", type=int, default=3)
    ns = parser.parse_args()
    print(
        f"# login: POST /auth-api/login, default argon2id (t=3, 64 MiB, p=4); "
        f"{ns.warmup} warm-ups then {ns.iterations} sequential requests",
        flush=True,
    )

    times: list[float] = []
    # Server logs and the captured body live in a temp dir removed at the end.
    with tempfile.TemporaryDirectory(prefix="staykit-bench-login-") as tmp, bench_database() as url:
        work = Path(tmp)
        ensure_user(url, EMAIL)  # full-cost hash: argon2 verifies with the stored parameters
        with staykit_server(url, work) as staykit, httpx.Client(base_url=staykit.base) as client:
            body = {"username": EMAIL, "password": BENCH_PASSWORD}
            for i in range(ns.warmup + ns.iterations):
                t0 = time.perf_counter()
                r = client.post("/auth-api/login", json=body, timeout=30)
                elapsed = time.perf_counter() - t0
                if r.status_code != 200 or "accessToken" not in r.json():
                    print(f"login failed: {r.status_code} {r.text}", file=sys.stderr)
                    return 1
                if i >= ns.warmup:
                    times.append(elapsed)
    # The reference runs after the server stopped, so both had the machine to themselves.
    reference = argon2_verify_times(max(5, ns.iterations // 3))

    ms = [t * 1000 for t in times]
    ref_ms = [t * 1000 for t in reference]
    ratio = median(ms) / median(ref_ms)
    emit(
        "login.http",
        median_value=median(ms),
        p95=percentile(ms, 95),
        unit="ms",
        ratio=ratio,
        ratio_to="argon2 verify",
        note=f"n={len(ms)}",
    )
    emit(
        "login.argon2_verify",
        median_value=median(ref_ms),
        p95=percentile(ref_ms, 95),
        unit="ms",
        note=f"in-process reference, n={len(ref_ms)}",
    )
    save_results(
        {
            "login.http": {
                "median": median(ms),
                "p95": percentile(ms, 95),
                "unit": "ms",
                "n": len(ms),
                "ratio_to_argon2_verify": ratio,
            },
            "login.argon2_verify": {
                "median": median(ref_ms),
                "p95": percentile(ref_ms, 95),
                "unit": "ms",
                "n": len(ref_ms),
            },
        }
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
