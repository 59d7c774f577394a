"""The isolated stack the load scenario runs against: a private PostgreSQL cluster, an
optional private Redis, one `staykit serve --no-worker`, one `staykit worker` and a
loopback webhook receiver, each its own process, all on loopback ports of their own.

Private on purpose: the fault drills restart PostgreSQL and stop Redis, and the machine's
shared servers (127.0.0.1:5432, :6379) serve other people's tests. The cluster is made with
the machine's `initdb`/`pg_ctl` in a temporary folder (as the `postgres` user when run as
root, which PostgreSQL refuses to run as) on a fixed port, so a restart keeps its address.

Run as a script (`python bench/load_stack.py receiver PORT`) this module is the receiver:
it counts every POST by its `webhook-id` header and answers 204, or hangs while told to
(`POST /_hang?on=1`); `GET /_counts` returns the counts.
"""

from __future__ import annotations

import asyncio
import json
import os
import shutil
import subprocess
import sys
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from _server import BENCH_DIR, HOST, clean_env, free_port, stop_process, wait_for_http

REPO = BENCH_DIR.parent
DB_NAME = "staykit_load"
# Retries sooner than production's (10 s, 1 min, 5 min, ...) so a drill's or a soak's
# webhooks settle within the run; the retry logic itself is the same.
RETRY_DELAYS = "[2,5,10,20,30,60,120]"


def _as_postgres(cmd: list[str]) -> list[str]:
    return ["runuser", "-u", "postgres", "--", *cmd] if os.geteuid() == 0 else cmd


def _run(cmd: list[str]) -> None:
    done = subprocess.run(cmd, capture_output=True, text=True, timeout=120)
    if done.returncode != 0:
        raise RuntimeError(f"{' '.join(cmd)} failed: {done.stdout[-1000:]} {done.stderr[-1000:]}")


class Cluster:
    """A private PostgreSQL cluster in `root`, listening on 127.0.0.1:`port` only."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.data = root / "pgdata"
        self.port = free_port()
        self.log = root / "postgres.log"

    def _ctl(self, *args: str) -> None:
        options = (
            f"-p {self.port} -k {self.root} -c listen_addresses={HOST} -c max_connections=60 "
            "-c shared_buffers=64MB"
        )
        cmd = ["pg_ctl", "-D", str(self.data), "-l", str(self.log), "-w", "-o", options, *args]
        _run(_as_postgres(cmd))

    def start(self) -> str:
        self.root.mkdir(parents=True, exist_ok=True)
        if os.geteuid() == 0:
            # The run's folder is root's (mkdtemp: 0700); the server only needs to pass it.
            self.root.parent.chmod(0o711)
            shutil.chown(self.root, "postgres", "postgres")
        if not self.data.exists():
            initdb = ["initdb", "-D", str(self.data), "-U", "postgres", "-A", "trust", "-E", "UTF8"]
            _run(_as_postgres(initdb))
        self._ctl("start")
        return f"postgresql://postgres@{HOST}:{self.port}/postgres"

    def restart(self) -> None:
        """A fast shutdown (active sessions are ended) and a start on the same port."""
        self._ctl("restart", "-m", "fast")

    def stop(self) -> None:
        if self.data.exists():
            self._ctl("stop", "-m", "fast")


class RedisServer:
    """redis-server on a free loopback port, no persistence; stop() and start() again."""

    def __init__(self, root: Path) -> None:
        self.port = free_port()
        self.root = root
        self.proc: subprocess.Popen[Any] | None = None

    @property
    def url(self) -> str:
        return f"redis://{HOST}:{self.port}/0"

    def start(self) -> None:
        cmd = ["redis-server", "--port", str(self.port), "--bind", HOST, "--save", ""]
        cmd += ["--appendonly", "no", "--dir", str(self.root)]
        log = (self.root / "redis.log").open("ab")
        self.proc = subprocess.Popen(cmd, stdout=log, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            probe = subprocess.run(
                ["redis-cli", "-p", str(self.port), "ping"], capture_output=True, text=True
            )
            if probe.stdout.strip() == "PONG":
                return
            time.sleep(0.1)
        raise RuntimeError("redis-server did not answer PING")

    def stop(self) -> None:
        if self.proc is not None:
            stop_process(self.proc, timeout=10)
            self.proc = None


@dataclass
class Stack:
    """The processes of one run. `start_*` may be called again after a fault."""

    root: Path
    with_redis: bool = False
    cluster: Cluster = field(init=False)
    redis: RedisServer | None = field(init=False, default=None)
    url: str = ""
    api_port: int = field(default_factory=free_port)
    receiver_port: int = field(default_factory=free_port)
    api: subprocess.Popen[Any] | None = None
    worker: subprocess.Popen[Any] | None = None
    receiver: subprocess.Popen[Any] | None = None

    def __post_init__(self) -> None:
        self.cluster = Cluster(self.root / "pg")
        if self.with_redis:
            self.redis = RedisServer(self.root)

    @property
    def base(self) -> str:
        return f"http://{HOST}:{self.api_port}"

    @property
    def receiver_url(self) -> str:
        return f"http://{HOST}:{self.receiver_port}"

    def env(self) -> dict[str, str]:
        extra = {"STAYKIT_REDIS_URL": self.redis.url} if self.redis is not None else {}
        return clean_env(
            STAYKIT_DATABASE_URL=self.url,
            STAYKIT_ENV="development",  # loopback webhook receivers, offline payments
            STAYKIT_LOG_LEVEL="WARNING",
            STAYKIT_DATA_DIR=str(self.root / "data"),
            STAYKIT_HOST=HOST,
            STAYKIT_PORT=str(self.api_port),
            STAYKIT_WEBHOOK_RETRY_DELAYS_SECONDS=RETRY_DELAYS,
            PYTHONPATH=os.pathsep.join([str(REPO / "src"), os.environ.get("PYTHONPATH", "")]),
            **extra,
        )

    def _spawn(self, name: str, args: list[str]) -> subprocess.Popen[Any]:
        log = (self.root / f"{name}.log").open("ab")
        cmd = [sys.executable, "-c", "from staykit.cli import main; main()", *args]
        return subprocess.Popen(cmd, env=self.env(), stdout=log, stderr=subprocess.STDOUT)

    def start_database(self) -> str:
        from staykit.core.database import ensure_database, migrate

        server = self.cluster.start()
        self.url = ensure_database(server, DB_NAME)
        migrate(self.url)
        if self.redis is not None:
            self.redis.start()
        return self.url

    def start_receiver(self) -> None:
        log = (self.root / "receiver.log").open("ab")
        cmd = [sys.executable, __file__, "receiver", str(self.receiver_port)]
        self.receiver = subprocess.Popen(cmd, stdout=log, stderr=subprocess.STDOUT)
        wait_for_http(f"{self.receiver_url}/_counts", timeout=30, proc=self.receiver)

    def start_api(self) -> None:
        self.api = self._spawn("api", ["serve", "--no-worker"])
        wait_for_http(f"{self.base}/health", timeout=90, proc=self.api)

    def start_worker(self) -> None:
        self.worker = self._spawn("worker", ["worker"])

    def kill_worker(self) -> None:
        """SIGKILL: no clean shutdown, jobs in hand stay `doing`, as after a crash."""
        if self.worker is not None:
            self.worker.kill()
            self.worker.wait()

    def stop(self) -> None:
        for proc in (self.api, self.worker, self.receiver):
            if proc is not None:
                stop_process(proc, timeout=15)
        if self.redis is not None:
            self.redis.stop()
        self.cluster.stop()

    def log_tail(self, name: str, chars: int = 2000) -> str:
        path = self.root / f"{name}.log"
        return path.read_text(errors="replace")[-chars:] if path.exists() else ""


# --- data -------------------------------------------------------------------------------------


@dataclass
class Business:
    id: uuid.UUID
    host_email: str
    cloud_token: str
    channel_token: str
    rate_ids: list[str]
    room_ids: list[int]


@dataclass
class Prepared:
    businesses: list[Business]
    listings: list[tuple[str, str]]  # (listing id, host user id)
    guests: list[tuple[str, str]]  # (email, password)
    subscriptions: list[str]


GUEST_PASSWORD = "load-correct-horse-battery"
EVENT_TYPES = ["reservation.*", "message.created", "rates.updated", "availability.updated"]


async def prepare(url: str, receiver_url: str, guests: int) -> Prepared:
    """The demo data (4 host businesses, ~200 listings), `guests` more guests, and per
    business a Cloud tenant token, a Channel token and a webhook subscription."""
    from pwdlib.hashers.argon2 import Argon2Hasher
    from sqlalchemy import text

    from staykit import demo
    from staykit.core.config import Settings
    from staykit.core.db import create_engine, make_sessionmaker, unit_of_work
    from staykit.core.ids import uuid7
    from staykit.domain.auth.models import User
    from staykit.domain.partners import channel, grants
    from staykit.domain.partners.secrets import Kind
    from staykit.domain.webhooks import service as webhooks

    settings = Settings(env="development")
    engine = create_engine(url, pool_size=2)
    factory = make_sessionmaker(engine)
    try:
        async with unit_of_work(factory) as session:
            await demo.load(session, settings)
        # A low-cost hash: argon2 verifies with the stored parameters, and the scenario
        # measures browsing and booking, not logging in.
        cheap = Argon2Hasher(time_cost=1, memory_cost=1024, parallelism=1).hash(GUEST_PASSWORD)
        emails = [f"load-guest-{n:03d}@staykit.local" for n in range(guests)]
        async with unit_of_work(factory) as session:
            for email in emails:
                user = User(email=email, fullname=f"Load Guest {email[11:14]}", role_id="user")
                user.id = uuid7()
                user.owner_id = user.id
                user.password_hash = cheap
                user.email_verified = True
                session.add(user)
        out: list[Business] = []
        subscriptions: list[str] = []
        async with unit_of_work(factory) as session:
            for email in demo.HOSTS:
                business_id, person = await grants.business_for(session, email)
                _, cloud = await grants.create_tenant_token(
                    session, person, business_id, grants.scopes_from_text("all")
                )
                grant = await grants.create_grant(
                    session,
                    kind="channel",
                    user_id=person.user_id,
                    business_ids=[business_id],
                    scopes=[f"all:{c}" for c in channel.CATEGORIES],
                )
                _, chan = await grants.issue(session, grant, "access", Kind.CHANNEL_TOKEN)
                made = await webhooks.create_subscription(
                    session,
                    person,
                    business_id,
                    webhooks.NewSubscription(f"{receiver_url}/hook", EVENT_TYPES),
                    settings,
                )
                subscriptions.append(str(made.subscription.id))
                rates = await session.scalars(
                    text(
                        "SELECT r.id::text FROM rates r JOIN unit_types u ON u.id = r.unit_type_id"
                        " WHERE u.business_id = :b ORDER BY r.id"
                    ),
                    {"b": business_id},
                )
                rooms = await session.scalars(
                    text("SELECT int_id FROM unit_types WHERE business_id = :b ORDER BY int_id"),
                    {"b": business_id},
                )
                out.append(Business(business_id, email, cloud, chan, list(rates), list(rooms)))
        async with engine.connect() as conn:
            rows = await conn.execute(
                text(
                    "SELECT id::text, host_id::text FROM unit_types "
                    "WHERE is_published AND is_active ORDER BY id"
                )
            )
            listings = [(r[0], r[1]) for r in rows]
        return Prepared(out, listings, [(e, GUEST_PASSWORD) for e in emails], subscriptions)
    finally:
        await engine.dispose()


# --- the receiver (its own process) -----------------------------------------------------------


def receiver_main(port: int) -> None:
    import uvicorn

    counts: dict[str, int] = {}
    state = {"hang": False}
    released = asyncio.Event()

    async def app(scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            return
        more = True
        while more:
            message = await receive()
            more = message.get("more_body", False)
        path = scope["path"]
        status, body = 204, b""
        if path == "/_counts":
            status, body = 200, json.dumps(counts).encode()
        elif path == "/_hang":
            state["hang"] = b"on=1" in scope.get("query_string", b"")
            if state["hang"]:
                released.clear()
            else:
                released.set()
        else:
            headers = dict(scope["headers"])
            hook_id = headers.get(b"webhook-id", b"").decode()
            counts[hook_id] = counts.get(hook_id, 0) + 1  # counted on arrival
            if state["hang"]:
                await released.wait()  # a receiver that hangs: no answer until released
        await send(
            {
                "type": "http.response.start",
                "status": status,
                "headers": [(b"content-type", b"application/json")],
            }
        )
        await send({"type": "http.response.body", "body": body})

    uvicorn.run(app, host=HOST, port=port, log_level="warning", access_log=False)


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "receiver":
        receiver_main(int(sys.argv[2]))
    else:
        print("usage: load_stack.py receiver PORT", file=sys.stderr)
        sys.exit(2)
