"""Shared benchmark plumbing: the database, the fixture user, uvicorn servers, load, results.

The HTTP benchmarks run staykit (and a bare FastAPI reference) in their own uvicorn
processes on loopback ports, so the load generator and the servers are separate processes
and the figures are what a client sees. Run as a script (`python bench/_server.py loadgen`)
this module is also the fallback load generator used when `wrk` is not installed.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import importlib.util
import json
import math
import os
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

BENCH_DIR = Path(__file__).resolve().parent
REPO = BENCH_DIR.parent
RESULTS = BENCH_DIR / "results" / "latest.json"
HOST = "127.0.0.1"

# The fixture user. A fixed address and password keep runs repeatable (fixed "seed").
BENCH_PASSWORD = "bench-correct-horse-battery"

# Environment variables the server factories below read (set only in their child processes).
ENV_URL = "STAYKIT_BENCH_APP_DATABASE_URL"
ENV_BODY = "STAYKIT_BENCH_BARE_BODY_FILE"


# --- figures and results --------------------------------------------------------------------


def percentile(values: Sequence[float], q: float) -> float:
    """Nearest-rank percentile (q in 0..100) of a non-empty sample."""
    ordered = sorted(values)
    rank = max(1, math.ceil(q / 100 * len(ordered)))
    return ordered[rank - 1]


def median(values: Sequence[float]) -> float:
    return statistics.median(values)


def fmt(value: float) -> str:
    return f"{value:.0f}" if abs(value) >= 100 else f"{value:.2f}"


def emit(
    name: str,
    *,
    median_value: float,
    unit: str,
    p95: float | None = None,
    spread: tuple[float, float] | None = None,
    ratio: float | None = None,
    ratio_to: str = "",
    goal: str = "",
    also: tuple[float, str] | None = None,
    note: str = "",
) -> str:
    """Print one figure line: name, median, p95 (or min..max over rounds), ratio(s)."""
    parts = [f"{name:<34}", f"median {fmt(median_value):>8} {unit:<6}"]
    if p95 is not None:
        parts.append(f"p95 {fmt(p95):>8} {unit:<6}")
    if spread is not None:
        parts.append(f"rounds {fmt(spread[0])}..{fmt(spread[1])}")
    if ratio is not None:
        parts.append(f"ratio {ratio:.3f} vs {ratio_to}")
    if goal:
        parts.append(f"(goal {goal})")
    if also is not None:
        parts.append(f"ratio {also[0]:.3f} vs {also[1]}")
    if note:
        parts.append(f"[{note}]")
    line = "  ".join(parts).rstrip()
    print(line, flush=True)
    return line


def save_results(figures: dict[str, dict[str, Any]]) -> None:
    """Merge `figures` into bench/results/latest.json by key, keeping other benchmarks' keys."""
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    current: dict[str, Any] = {}
    if RESULTS.exists():
        with contextlib.suppress(ValueError, OSError):
            loaded = json.loads(RESULTS.read_text())
            if isinstance(loaded, dict):
                current = loaded
    stamp = datetime.now(UTC).isoformat(timespec="seconds")
    for key, value in figures.items():
        current[key] = {**value, "measured_at": stamp}
    tmp = RESULTS.with_suffix(".json.tmp")
    tmp.write_text(json.dumps(current, indent=2, sort_keys=True) + "\n")
    tmp.replace(RESULTS)  # atomic: a concurrent reader never sees half a file


# --- processes and ports ----------------------------------------------------------------------


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind((HOST, 0))
        return int(s.getsockname()[1])


def wait_for_http(url: str, *, timeout: float, proc: subprocess.Popen[Any] | None = None) -> float:
    """Poll `url` until it answers 200; returns the seconds waited. Raises on timeout/exit."""
    import httpx

    started = time.perf_counter()
    while True:
        if proc is not None and proc.poll() is not None:
            raise RuntimeError(f"process exited with {proc.returncode} before {url} answered")
        with contextlib.suppress(httpx.HTTPError):
            if httpx.get(url, timeout=1.0).status_code == 200:
                return time.perf_counter() - started
        if time.perf_counter() - started > timeout:
            raise TimeoutError(f"{url} did not answer 200 within {timeout:.0f} s")
        time.sleep(0.05)


def stop_process(proc: subprocess.Popen[Any], *, group: bool = False, timeout: float = 30) -> None:
    """SIGINT (like Ctrl-C), then SIGTERM, then SIGKILL, each after `timeout` seconds."""
    for sig in (signal.SIGINT, signal.SIGTERM, signal.SIGKILL):
        if proc.poll() is not None:
            return
        with contextlib.suppress(ProcessLookupError):
            if group:
                os.killpg(proc.pid, sig)
            else:
                proc.send_signal(sig)
        with contextlib.suppress(subprocess.TimeoutExpired):
            proc.wait(timeout=timeout)


def clean_env(**overrides: str) -> dict[str, str]:
    """The current environment without any STAYKIT_* setting, plus `overrides`.

    Servers under test run with staykit's production defaults, whatever the caller exported.
    """
    env = {k: v for k, v in os.environ.items() if not k.startswith("STAYKIT_")}
    env.update(overrides)
    return env


# --- the database and the fixture user --------------------------------------------------------


@contextlib.contextmanager
def bench_database() -> Iterator[str]:
    """A migrated database: STAYKIT_BENCH_DATABASE_URL, or an embedded server in a temp dir."""
    from staykit.core.database import ensure_database, migrate
    from staykit.core.db import sqlalchemy_url
    from staykit.core.embedded import EmbeddedPostgres

    given = os.environ.get("STAYKIT_BENCH_DATABASE_URL")
    if given:
        url = sqlalchemy_url(given)
        migrate(url)
        yield url
        return
    tmp = Path(tempfile.mkdtemp(prefix="staykit-bench-"))
    server = EmbeddedPostgres(tmp / "pgdata", delete_on_stop=True)
    try:
        url = sqlalchemy_url(ensure_database(server.start(), "staykit_bench"))
        migrate(url)
        yield url
    finally:
        server.stop()
        shutil.rmtree(tmp, ignore_errors=True)


def ensure_user(url: str, email: str, *, role: str = "user", cheap_hash: bool = False) -> str:
    """Create (or reset) the fixture user with BENCH_PASSWORD; returns its id.

    `cheap_hash` stores a low-cost argon2 hash: argon2 verifies with the parameters stored in
    the hash, so only benchmarks that do not measure login may use it.
    """
    from pwdlib.hashers.argon2 import Argon2Hasher
    from sqlalchemy import func, select

    from staykit.core.config import Settings
    from staykit.core.db import create_engine, make_sessionmaker, unit_of_work
    from staykit.core.ids import uuid7
    from staykit.domain.auth.models import User

    # The class defaults, not whatever the caller exported: what production hashes with.
    fields = Settings.model_fields
    hasher = (
        Argon2Hasher(time_cost=1, memory_cost=1024, parallelism=1)
        if cheap_hash
        else Argon2Hasher(
            time_cost=fields["argon2_time_cost"].default,
            memory_cost=fields["argon2_memory_kib"].default,
            parallelism=fields["argon2_parallelism"].default,
        )
    )
    password_hash = hasher.hash(BENCH_PASSWORD)

    async def run() -> str:
        engine = create_engine(url, pool_size=1)
        try:
            async with unit_of_work(make_sessionmaker(engine)) as session:
                user = await session.scalar(select(User).where(func.lower(User.email) == email))
                if user is None:
                    user = User(email=email, fullname="Bench Person", role_id=role)
                    user.id = uuid7()
                    user.owner_id = user.id
                    session.add(user)
                user.password_hash = password_hash
                user.role_id = role
                user.email_verified = True
                user.is_active = True
                await session.flush()
                return str(user.id)
        finally:
            await engine.dispose()

    return asyncio.run(run())


# --- the servers under test -------------------------------------------------------------------


def staykit_app() -> Any:
    """uvicorn factory: staykit with production settings (env production, worker off)."""
    from staykit.app import create_app
    from staykit.core.config import Settings
    from staykit.core.logging import configure

    settings = Settings(env="production", run_worker=False)
    # As `staykit serve` does: one JSON log line per request (written to a file here).
    configure(settings.log_level, json_lines=True)
    return create_app(settings, database_url=os.environ[ENV_URL], run_worker_in_process=False)


def bare_app() -> Any:
    """uvicorn factory: the reference, a bare FastAPI route returning a captured body verbatim."""
    from fastapi import FastAPI
    from fastapi.responses import JSONResponse, Response

    body = Path(os.environ[ENV_BODY]).read_bytes()
    app = FastAPI(docs_url=None, redoc_url=None, openapi_url=None)

    # Module-level names only in annotations: FastAPI resolves them in this module.
    @app.get("/auth-api/v1/users/{user_id}")
    async def get_user(user_id: uuid.UUID) -> Response:
        return Response(content=body, media_type="application/json")

    @app.get("/health")
    async def health() -> JSONResponse:
        return JSONResponse({"status": "OK"})

    return app


# The SQL staykit runs for an authenticated GET /v1/users/{id}: the user row, on an
# autocommit connection (GETs read without BEGIN/COMMIT). The session is checked in the
# per-process session cache (one query per session every STAYKIT_SESSION_CACHE_SECONDS).
# The bare_db reference runs exactly this through psycopg, without ORM or framework.
USER_SQL = "SELECT * FROM users WHERE id = %s"


def bare_db_app() -> Any:
    """uvicorn factory: the second reference, a bare FastAPI route doing staykit's database
    work (the user row, one autocommit round trip) with raw psycopg and a pool of the same
    size, then returning the captured body verbatim. staykit/bare_db isolates framework,
    ORM and auth-code overhead from the unavoidable database round trips."""
    import contextlib as _contextlib

    from fastapi import FastAPI
    from fastapi.responses import JSONResponse, Response
    from psycopg_pool import AsyncConnectionPool

    from staykit.core.config import Settings
    from staykit.core.db import libpq_url

    body = Path(os.environ[ENV_BODY]).read_bytes()
    size = Settings.model_fields["db_pool_size"].default
    pool = AsyncConnectionPool(
        libpq_url(os.environ[ENV_URL]),
        min_size=size,
        max_size=2 * size,
        open=False,
        kwargs={"autocommit": True},
    )

    @_contextlib.asynccontextmanager
    async def lifespan(_app: FastAPI) -> Any:
        await pool.open(wait=True)
        try:
            yield
        finally:
            await pool.close()

    app = FastAPI(docs_url=None, redoc_url=None, openapi_url=None, lifespan=lifespan)

    @app.get("/auth-api/v1/users/{user_id}")
    async def get_user(user_id: uuid.UUID) -> Response:
        async with pool.connection() as conn:
            user = await (await conn.execute(USER_SQL, (user_id,))).fetchone()
        if user is None:
            return JSONResponse({"status": "ERR"}, status_code=404)
        return Response(content=body, media_type="application/json")

    @app.get("/health")
    async def health() -> JSONResponse:
        return JSONResponse({"status": "OK"})

    return app


# The SQL staykit runs for `GET /v2/authentication/details` with a warm token cache: the
# business's own credit limit (the credit check), then the token's grant (the details).
CHANNEL_SQL = (
    "SELECT credit_limit FROM businesses WHERE id = %s",
    "SELECT s.created_at, g.* FROM partner_secrets s JOIN partner_grants g ON g.id = "
    "s.grant_id WHERE s.id = %s",
)
ENV_CHANNEL_IDS = "STAYKIT_BENCH_CHANNEL_IDS"  # "<business id> <secret id>"


def bare_db_channel_app() -> Any:
    """uvicorn factory: a bare FastAPI route doing the Channel API details route's SQL
    (CHANNEL_SQL, autocommit, raw psycopg), then returning staykit's captured body."""
    import contextlib as _contextlib

    from fastapi import FastAPI
    from fastapi.responses import JSONResponse, Response
    from psycopg_pool import AsyncConnectionPool

    from staykit.core.config import Settings
    from staykit.core.db import libpq_url

    body = Path(os.environ[ENV_BODY]).read_bytes()
    business_id, secret_id = (uuid.UUID(x) for x in os.environ[ENV_CHANNEL_IDS].split())
    size = Settings.model_fields["db_pool_size"].default
    pool = AsyncConnectionPool(
        libpq_url(os.environ[ENV_URL]),
        min_size=size,
        max_size=2 * size,
        open=False,
        kwargs={"autocommit": True},
    )

    @_contextlib.asynccontextmanager
    async def lifespan(_app: FastAPI) -> Any:
        await pool.open(wait=True)
        try:
            yield
        finally:
            await pool.close()

    app = FastAPI(docs_url=None, redoc_url=None, openapi_url=None, lifespan=lifespan)

    @app.get("/v2/authentication/details")
    async def details() -> Response:
        async with pool.connection() as conn:
            await (await conn.execute(CHANNEL_SQL[0], (business_id,))).fetchone()
            row = await (await conn.execute(CHANNEL_SQL[1], (secret_id,))).fetchone()
        if row is None:
            return JSONResponse({"success": False}, status_code=401)
        return Response(content=body, media_type="application/json")

    @app.get("/health")
    async def health() -> JSONResponse:
        return JSONResponse({"status": "OK"})

    return app


def uvicorn_flags() -> list[str]:
    """The same flags for every server: one worker, no access log, uvloop/httptools if present."""
    flags = ["--workers", "1", "--no-access-log", "--log-level", "warning"]
    if importlib.util.find_spec("uvloop"):
        flags += ["--loop", "uvloop"]
    if importlib.util.find_spec("httptools"):
        flags += ["--http", "httptools"]
    return flags


@dataclass
class Server:
    name: str
    port: int
    proc: subprocess.Popen[Any]

    @property
    def base(self) -> str:
        return f"http://{HOST}:{self.port}"


@contextlib.contextmanager
def serve(name: str, factory: str, env: dict[str, str], log_dir: Path) -> Iterator[Server]:
    """Run `_server:<factory>` under uvicorn on a free loopback port until the block ends."""
    port = free_port()
    log = (log_dir / f"{name}.log").open("wb")
    cmd = [
        sys.executable,
        "-m",
        "uvicorn",
        f"_server:{factory}",
        "--factory",
        "--app-dir",
        str(BENCH_DIR),
        "--host",
        HOST,
        "--port",
        str(port),
        *uvicorn_flags(),
    ]
    proc = subprocess.Popen(cmd, env=env, stdout=log, stderr=subprocess.STDOUT, cwd=REPO)
    server = Server(name, port, proc)
    try:
        wait_for_http(f"{server.base}/health", timeout=60, proc=proc)
        yield server
    except BaseException:
        log.flush()
        tail = (log_dir / f"{name}.log").read_text(errors="replace")[-3000:]
        print(f"--- {name} server log (tail) ---\n{tail}", file=sys.stderr)
        raise
    finally:
        stop_process(proc, timeout=15)
        log.close()


@contextlib.contextmanager
def staykit_server(url: str, log_dir: Path, **settings: str) -> Iterator[Server]:
    """staykit on `url`; `settings` are more STAYKIT_* variables for the server process."""
    env = clean_env(**{ENV_URL: url}, **settings)
    with serve("staykit", "staykit_app", env, log_dir) as server:
        yield server


@contextlib.contextmanager
def bare_server(body_file: Path, log_dir: Path) -> Iterator[Server]:
    with serve("bare", "bare_app", clean_env(**{ENV_BODY: str(body_file)}), log_dir) as server:
        yield server


@contextlib.contextmanager
def bare_db_server(url: str, body_file: Path, log_dir: Path) -> Iterator[Server]:
    env = clean_env(**{ENV_URL: url, ENV_BODY: str(body_file)})
    with serve("bare_db", "bare_db_app", env, log_dir) as server:
        yield server


@contextlib.contextmanager
def bare_db_channel_server(url: str, body_file: Path, ids: str, log_dir: Path) -> Iterator[Server]:
    env = clean_env(**{ENV_URL: url, ENV_BODY: str(body_file), ENV_CHANNEL_IDS: ids})
    with serve("bare_db", "bare_db_channel_app", env, log_dir) as server:
        yield server


def login_token(base: str, email: str) -> str:
    import httpx

    r = httpx.post(
        f"{base}/auth-api/login",
        json={"username": email, "password": BENCH_PASSWORD},
        timeout=30,
    )
    r.raise_for_status()
    return str(r.json()["accessToken"])


# --- load generation --------------------------------------------------------------------------

WRK_SCRIPT = """
-- Prints the run's figures as one JSON line (wrk's own report is for humans).
function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    '{"requests":%d,"duration_us":%d,"status_errors":%d,"socket_errors":%d,' ..
    '"p50_us":%d,"p95_us":%d,"p99_us":%d,"mean_us":%.1f}\\n',
    summary.requests, summary.duration, e.status, e.connect + e.read + e.write + e.timeout,
    latency:percentile(50), latency:percentile(95), latency:percentile(99), latency.mean))
end
"""


@dataclass
class LoadResult:
    requests: int
    seconds: float
    errors: int
    p50_ms: float
    p95_ms: float

    @property
    def rps(self) -> float:
        return self.requests / self.seconds


def load_generator() -> str:
    return "wrk" if shutil.which("wrk") else "python-asyncio"


def run_load(
    url: str,
    *,
    seconds: int,
    concurrency: int,
    headers: dict[str, str],
    workdir: Path,
) -> LoadResult:
    """GET `url` for `seconds` over `concurrency` keep-alive connections, as fast as answered.

    Runs are fixed in time rather than in request count: wrk only knows durations (its main
    thread sleeps for -d whatever the Lua script does), and a fixed time bounds the run.
    """
    if shutil.which("wrk"):
        script = workdir / "report.lua"
        script.write_text(WRK_SCRIPT)
        cmd = ["wrk", "-t1", f"-c{concurrency}", f"-d{seconds}s", "--timeout", "10s"]
        for key, value in headers.items():
            cmd += ["-H", f"{key}: {value}"]
        cmd += ["-s", str(script), url]
        out = subprocess.run(cmd, capture_output=True, text=True, timeout=seconds + 30)
        line = next((ln for ln in out.stdout.splitlines() if ln.startswith('{"requests"')), None)
        if out.returncode != 0 or line is None:
            raise RuntimeError(f"wrk failed: {out.stdout}\n{out.stderr}")
        data = json.loads(line)
        return LoadResult(
            requests=data["requests"],
            seconds=data["duration_us"] / 1e6,
            errors=data["status_errors"] + data["socket_errors"],
            p50_ms=data["p50_us"] / 1000,
            p95_ms=data["p95_us"] / 1000,
        )
    # Fallback: the asyncio generator below, in its own process (not the servers').
    args = {"url": url, "seconds": seconds, "concurrency": concurrency, "headers": headers}
    out = subprocess.run(
        [sys.executable, __file__, "loadgen", json.dumps(args)],
        capture_output=True,
        text=True,
        timeout=seconds + 30,
    )
    if out.returncode != 0:
        raise RuntimeError(f"load generator failed: {out.stderr}")
    data = json.loads(out.stdout.strip().splitlines()[-1])
    return LoadResult(**data)


async def _asyncio_load(
    url: str, seconds: float, concurrency: int, headers: dict[str, str]
) -> dict[str, Any]:
    """A minimal HTTP/1.1 keep-alive client: far cheaper per request than httpx."""
    from urllib.parse import urlsplit

    parts = urlsplit(url)
    host, port = parts.hostname or HOST, parts.port or 80
    path = parts.path + (f"?{parts.query}" if parts.query else "")
    head = f"GET {path} HTTP/1.1\r\nHost: {host}:{port}\r\n"
    head += "".join(f"{k}: {v}\r\n" for k, v in headers.items())
    request = (head + "\r\n").encode()
    latencies: list[float] = []
    errors = 0
    deadline = time.perf_counter() + seconds

    async def connection() -> None:
        nonlocal errors
        reader, writer = await asyncio.open_connection(host, port)
        try:
            while time.perf_counter() < deadline:
                t0 = time.perf_counter()
                writer.write(request)
                header = await reader.readuntil(b"\r\n\r\n")
                status = int(header[9:12])
                length = 0
                for line in header.split(b"\r\n"):
                    if line.lower().startswith(b"content-length:"):
                        length = int(line.split(b":", 1)[1])
                await reader.readexactly(length)
                latencies.append(time.perf_counter() - t0)
                if status >= 400:
                    errors += 1
        finally:
            writer.close()

    started = time.perf_counter()
    await asyncio.gather(*(connection() for _ in range(concurrency)))
    return {
        "requests": len(latencies),
        "seconds": time.perf_counter() - started,
        "errors": errors,
        "p50_ms": percentile(latencies, 50) * 1000,
        "p95_ms": percentile(latencies, 95) * 1000,
    }


def _loadgen_main(raw: str) -> None:
    args = json.loads(raw)
    with contextlib.suppress(ImportError):
        import uvloop

        uvloop.install()
    result = asyncio.run(
        _asyncio_load(args["url"], args["seconds"], args["concurrency"], args["headers"])
    )
    print(json.dumps(result))


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description="fallback HTTP load generator")
    parser.add_argument("command", choices=["loadgen"])
    parser.add_argument("args", help="JSON: url, seconds, concurrency, headers")
    ns = parser.parse_args()
    _loadgen_main(ns.args)


# --- comparing servers under the same load ----------------------------------------------------


def rotate_load(
    targets: dict[str, str],
    *,
    headers: dict[str, str],
    workdir: Path,
    rounds: int,
    seconds: int,
    warmup: int,
    concurrency: int,
) -> dict[str, list[LoadResult]]:
    """The same load on each target in turn, for `rounds` rounds after a warm-up, rotating
    which target goes first so slow drift hits all of them alike."""
    names = tuple(targets)
    results: dict[str, list[LoadResult]] = {name: [] for name in names}

    def load(name: str, duration: int) -> LoadResult:
        result = run_load(
            targets[name],
            seconds=duration,
            concurrency=concurrency,
            headers=headers,
            workdir=workdir,
        )
        if result.errors:
            raise RuntimeError(f"{name}: {result.errors} failed requests")
        return result

    for name in names:  # warm-up: connection pools, prepared statements, caches
        load(name, warmup)
    for round_no in range(rounds):
        shift = round_no % len(names)
        for name in names[shift:] + names[:shift]:
            results[name].append(load(name, seconds))
    return results


def report_ratios(
    prefix: str,
    results: dict[str, list[LoadResult]],
    *,
    generator: str,
    note: str,
    goal: float,
    settings: dict[str, Any],
) -> tuple[dict[str, dict[str, Any]], float, float]:
    """Print and return the figures of a staykit/bare/bare_db comparison: req/s (median of
    rounds) and latency p50/p95 per server, staykit's ratios to bare and to bare_db."""
    figures: dict[str, dict[str, Any]] = {}
    rps = {name: median([r.rps for r in runs]) for name, runs in results.items()}
    p50 = {name: median([r.p50_ms for r in runs]) for name, runs in results.items()}
    ratio = rps["staykit"] / rps["bare"] if "bare" in rps else float("nan")
    ratio_db = rps["staykit"] / rps["bare_db"]
    reference = "bare" if "bare" in rps else "bare_db"
    for name in [n for n in ("bare", "bare_db", "staykit") if n in results]:
        runs = results[name]
        per_round = [r.rps for r in runs]
        p95 = median([r.p95_ms for r in runs])
        is_staykit = name == "staykit"
        emit(
            f"{prefix}.{name}.rps",
            median_value=rps[name],
            unit="req/s",
            spread=(min(per_round), max(per_round)),
            ratio=(ratio if reference == "bare" else ratio_db) if is_staykit else None,
            ratio_to=reference,
            goal=f">= {goal}" if is_staykit else "",
            also=(ratio_db, "bare_db") if is_staykit and reference == "bare" else None,
            note=note,
        )
        emit(
            f"{prefix}.{name}.latency",
            median_value=p50[name],
            p95=p95,
            unit="ms",
            ratio=p50[name] / p50[reference] if is_staykit else None,
            ratio_to=f"{reference} p50",
        )
        figures[f"{prefix}.{name}.rps"] = {
            "median": rps[name],
            "min": min(per_round),
            "max": max(per_round),
            "rounds": per_round,
            "requests": [r.requests for r in runs],
            "unit": "req/s",
            "generator": generator,
            "concurrency": settings.get("concurrency"),
            "seconds_per_round": settings.get("seconds"),
            **(
                {"ratio_to_bare": ratio, "goal": goal, "ratio_to_bare_db": ratio_db}
                if is_staykit
                else {}
            ),
        }
        figures[f"{prefix}.{name}.latency"] = {
            "median": p50[name],
            "p95": p95,
            "unit": "ms",
            "rounds_p50": [r.p50_ms for r in runs],
            "rounds_p95": [r.p95_ms for r in runs],
        }
    return figures, ratio, ratio_db
