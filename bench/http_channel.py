"""Throughput of an authenticated Channel API read against a bare route doing the same SQL.

Two uvicorn servers, one worker each, same flags, loopback ports:
- staykit: `GET /v2/authentication/details` with a Channel API token (header `token`),
  production settings, the token cache warm (so the token itself costs no query);
- bare_db: a bare FastAPI route running the SQL staykit runs for that request (the
  business's credit limit, the token's grant) on an autocommit psycopg connection, then
  returning staykit's captured body. Goal (partner identity issue): staykit >= 0.5x.
The same load (fixed duration, fixed concurrency, keep-alive) is applied to each in turn, in
rotating order, for several rounds. Figures: req/s (median over rounds), latency p50/p95.
"""

from __future__ import annotations

import argparse
import asyncio
import sys
import tempfile
from pathlib import Path

import httpx

# `python bench/<script>.py` puts bench/ first on sys.path, so the helper imports directly.
from _server import (
    bare_db_channel_server,
    bench_database,
    ensure_user,
    load_generator,
    report_ratios,
    rotate_load,
    save_results,
    staykit_server,
    uvicorn_flags,
)

EMAIL = "bench-channel@staykit.local"
GOAL = 0.5
PATH = "/v2/authentication/details"


def channel_token(url: str, user_id: str) -> tuple[str, str, str]:
    """A 24-hour Channel API token for the bench user's business (credit limit high
    enough for any run): its value, the business id and the secret id."""
    import uuid
    from datetime import timedelta

    from staykit.core.db import create_engine, make_sessionmaker, unit_of_work
    from staykit.domain.access.principal import Principal
    from staykit.domain.partners import grants
    from staykit.domain.partners.secrets import Kind
    from staykit.domain.tenancy import service as tenancy

    async def run() -> tuple[str, str, str]:
        engine = create_engine(url, pool_size=1)
        try:
            async with unit_of_work(make_sessionmaker(engine)) as session:
                person = Principal(user_id=uuid.UUID(user_id), fullname="Bench Person")
                business = await tenancy.ensure_business(session, person)
                await tenancy.set_credit_limit(session, person.user_id, 1_000_000_000)
                grant = await grants.create_grant(
                    session,
                    kind="channel",
                    user_id=person.user_id,
                    business_ids=[business.id],
                    scopes=["all:bookings", "all:inventory"],
                )
                secret, value = await grants.issue(
                    session, grant, "access", Kind.CHANNEL_TOKEN, ttl=timedelta(hours=24)
                )
                return value, str(business.id), str(secret.id)
        finally:
            await engine.dispose()

    return asyncio.run(run())


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--seconds", type=int, default=5, help="per round and server")
    parser.add_argument("--warmup", type=int, default=2, help="seconds per server before round 1")
    parser.add_argument("--concurrency", type=int, default=32)
    ns = parser.parse_args()

    generator = load_generator()
    print(
        f"# http_channel: GET {PATH} (token header); generator {generator}; "
        f"{ns.rounds} rounds x {ns.seconds} s per server, concurrency {ns.concurrency}; "
        f"uvicorn {' '.join(uvicorn_flags())}",
        flush=True,
    )
    with tempfile.TemporaryDirectory(prefix="staykit-bench-ch-") as tmp, bench_database() as url:
        work = Path(tmp)
        user_id = ensure_user(url, EMAIL, cheap_hash=True)
        token, business_id, secret_id = channel_token(url, user_id)
        headers = {"token": token}
        with staykit_server(url, work) as staykit:
            real = httpx.get(staykit.base + PATH, headers=headers, timeout=10)
            if real.status_code != 200 or not real.json().get("validToken"):
                print(f"staykit answered {real.status_code}: {real.text}", file=sys.stderr)
                return 1
            body_file = work / "body.json"
            body_file.write_bytes(real.content)
            ids = f"{business_id} {secret_id}"
            with bare_db_channel_server(url, body_file, ids, work) as bare_db:
                targets = {"staykit": staykit.base + PATH, "bare_db": bare_db.base + PATH}
                if httpx.get(targets["bare_db"], timeout=10).content != real.content:
                    print("bare_db does not return staykit's body", file=sys.stderr)
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
    figures, _, ratio_db = report_ratios(
        "http.channel_details",
        results,
        generator=generator,
        note=note,
        goal=GOAL,
        settings=vars(ns),
    )
    verdict = "meets" if ratio_db >= GOAL else "is BELOW"
    print(
        f"# staykit/bare_db throughput ratio {ratio_db:.3f} {verdict} the goal of {GOAL}",
        flush=True,
    )
    save_results(figures)
    return 0


if __name__ == "__main__":
    sys.exit(main())
