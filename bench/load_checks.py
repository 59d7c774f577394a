"""What the load scenario watches and checks: the sampler (API and worker RSS, the job
queue, pending webhook deliveries, every 10 s), the end-of-run checks (5xx, double
bookings, webhooks exactly once by `webhook-id`, flat memory, no queue growth) and the
fault drills, each a coroutine that injects its fault mid-run and undoes it."""

from __future__ import annotations

import asyncio
import contextlib
import time
from dataclasses import asdict, dataclass, field
from typing import TYPE_CHECKING, Any

import httpx
import psutil
import psycopg

if TYPE_CHECKING:
    from load import Sample
    from load_stack import Stack

SAMPLE_EVERY = 10.0
API_RSS_LIMIT_MB = 200  # issue 19 §1: one API process under this load

QUEUE_SQL = """
SELECT (SELECT count(*) FROM procrastinate_jobs WHERE status = 'todo'),
       (SELECT count(*) FROM procrastinate_jobs WHERE status = 'doing'),
       (SELECT count(*) FROM webhook_deliveries WHERE status = 'pending')
"""

# The schema's own definition of a double booking: two active occupancies (reservation
# assignments or blocks) of one unit whose half-open night ranges overlap, which the
# exclusion constraint ex_occupancies_no_overlap forbids. Counted, not trusted.
DOUBLE_BOOKINGS_SQL = """
SELECT count(*) FROM occupancies a JOIN occupancies b
  ON a.unit_id = b.unit_id AND a.id < b.id
 AND daterange(a.arrival, a.departure, '[)') && daterange(b.arrival, b.departure, '[)')
WHERE a.active AND b.active
"""

DELIVERIES_SQL = """
SELECT id::text, status, attempts FROM webhook_deliveries WHERE subscription_id IS NOT NULL
"""


def _rss_mb(pid: int | None) -> float | None:
    if pid is None:
        return None
    with contextlib.suppress(psutil.Error):
        return float(psutil.Process(pid).memory_info().rss) / 2**20
    return None


async def _query(url: str, sql: str) -> list[tuple[Any, ...]]:
    async with await psycopg.AsyncConnection.connect(url, connect_timeout=5) as conn:
        cur = await conn.execute(sql)
        return list(await cur.fetchall())


class Sampler:
    """Every SAMPLE_EVERY seconds: RSS of the API and worker processes, jobs todo/doing,
    webhook deliveries pending. `marks` name moments (seconds since start)."""

    def __init__(self, stack: Stack) -> None:
        self.stack = stack
        self.t0 = time.perf_counter()
        self.series: list[dict[str, Any]] = []
        self.marks: dict[str, float] = {}
        self._task: asyncio.Task[None] | None = None

    def now(self) -> float:
        return time.perf_counter() - self.t0

    def mark(self, name: str) -> None:
        self.marks[name] = round(self.now(), 1)
        print(f"# t={self.marks[name]:.1f} s: {name}", flush=True)

    async def sample(self) -> dict[str, Any]:
        row: dict[str, Any] = {
            "t": round(self.now(), 1),
            "api_rss_mb": _rss_mb(self.stack.api.pid if self.stack.api else None),
            "worker_rss_mb": _rss_mb(self.stack.worker.pid if self.stack.worker else None),
        }
        try:
            [(todo, doing, pending)] = await _query(self.stack.url, QUEUE_SQL)
            row |= {"jobs_todo": todo, "jobs_doing": doing, "deliveries_pending": pending}
        except psycopg.Error:
            row |= {"jobs_todo": None, "jobs_doing": None, "deliveries_pending": None}
        self.series.append(row)
        return row

    async def _loop(self) -> None:
        while True:
            await self.sample()
            await asyncio.sleep(SAMPLE_EVERY)

    async def __aenter__(self) -> Sampler:
        self.t0 = time.perf_counter()
        self._task = asyncio.create_task(self._loop())
        return self

    async def __aexit__(self, *exc: object) -> None:
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
        await self.sample()

    def last_rss_mb(self) -> float | None:
        return self.series[-1]["api_rss_mb"] if self.series else None

    def print_series(self) -> None:
        print("\n   t s  api MB  worker MB  jobs todo  doing  hooks pending")
        for r in self.series:
            print(
                f"{r['t']:>6.0f} {r['api_rss_mb'] or 0:>7.1f} {r['worker_rss_mb'] or 0:>10.1f}"
                f" {r['jobs_todo'] if r['jobs_todo'] is not None else '-':>10}"
                f" {r['jobs_doing'] if r['jobs_doing'] is not None else '-':>6}"
                f" {r['deliveries_pending'] if r['deliveries_pending'] is not None else '-':>14}"
            )


async def settle(stack: Stack, *, within: float) -> dict[str, Any]:
    """Wait until no job is waiting or running and no webhook delivery is pending (the
    tail of the load, and retries); what was left when it stopped waiting."""
    started = time.perf_counter()
    left: tuple[Any, ...] = (None, None, None)
    while time.perf_counter() - started < within:
        with contextlib.suppress(psycopg.Error):
            [left] = await _query(stack.url, QUEUE_SQL)
            if left == (0, 0, 0):
                break
        await asyncio.sleep(1)
    todo, doing, pending = left
    seconds = round(time.perf_counter() - started, 1)
    print(f"# settled in {seconds} s: jobs todo {todo}, doing {doing}, hooks pending {pending}")
    return {"seconds": seconds, "jobs_todo": todo, "jobs_doing": doing, "hooks_pending": pending}


@dataclass
class Checks:
    five_xx: int = 0
    transport_errors: int = 0
    double_bookings: int = 0
    deliveries: int = 0
    delivered: int = 0
    not_delivered: int = 0  # pending or failed when the run settled
    missing: int = 0  # the DB says delivered, the receiver never saw the id
    unknown: int = 0  # the receiver saw an id the DB does not have
    retried_duplicates: int = 0  # received more than once, within the recorded attempts
    undocumented_duplicates: int = 0  # received more often than attempts recorded
    rss_mb_minute_5: float | None = None
    rss_mb_end: float | None = None
    rss_growth: float | None = None
    api_rss_max_mb: float | None = None
    queue_todo_early_max: int | None = None
    queue_todo_late_max: int | None = None
    failures: list[str] = field(default_factory=list)

    @property
    def delivery_ok(self) -> bool:
        return not (self.missing or self.unknown or self.undocumented_duplicates)

    @property
    def passed(self) -> bool:
        return not self.failures

    def as_dict(self) -> dict[str, Any]:
        return {**asdict(self), "passed": self.passed}


async def run_checks(
    stack: Stack, samples: list[Sample], sampler: Sampler, *, soak: bool
) -> Checks:
    c = Checks()
    c.five_xx = sum(1 for s in samples if s.status >= 500)
    c.transport_errors = sum(1 for s in samples if s.status == 0)
    [(c.double_bookings,)] = await _query(stack.url, DOUBLE_BOOKINGS_SQL)
    rows = await _query(stack.url, DELIVERIES_SQL)
    async with httpx.AsyncClient(timeout=30) as client:
        counts: dict[str, int] = (await client.get(f"{stack.receiver_url}/_counts")).json()
    known = {r[0]: r for r in rows}
    c.deliveries = len(rows)
    for hook_id, status, attempts in rows:
        seen = counts.get(hook_id, 0)
        if status == "delivered":
            c.delivered += 1
            if seen == 0:
                c.missing += 1
        else:
            c.not_delivered += 1
        if seen > 1 and seen <= attempts:
            c.retried_duplicates += 1
        elif seen > max(1, attempts):
            c.undocumented_duplicates += 1
    c.unknown = sum(1 for hook_id in counts if hook_id not in known)
    rss = [(r["t"], r["api_rss_mb"]) for r in sampler.series if r["api_rss_mb"] is not None]
    if rss:
        c.api_rss_max_mb = round(max(v for _, v in rss), 1)
        ended = sampler.marks.get("load ended", rss[-1][0])
        during = [(t, v) for t, v in rss if t <= ended] or rss
        at5 = min(during, key=lambda tv: abs(tv[0] - 300))
        c.rss_mb_minute_5 = round(at5[1], 1)
        c.rss_mb_end = round(during[-1][1], 1)
        c.rss_growth = round(c.rss_mb_end / c.rss_mb_minute_5 - 1, 3)
    todo = [(r["t"], r["jobs_todo"]) for r in sampler.series if r["jobs_todo"] is not None]
    ended = sampler.marks.get("load ended", todo[-1][0] if todo else 0)
    early = [v for t, v in todo if 60 <= t <= 300]
    late = [v for t, v in todo if ended - 300 <= t <= ended]
    c.queue_todo_early_max = max(early, default=None)
    c.queue_todo_late_max = max(late, default=None)

    def need(ok: bool, what: str) -> None:
        if not ok:
            c.failures.append(what)

    need(c.five_xx == 0, f"{c.five_xx} answers 5xx")
    need(c.double_bookings == 0, f"{c.double_bookings} double bookings")
    need(c.missing == 0, f"{c.missing} webhooks delivered per the DB but never received")
    need(c.unknown == 0, f"{c.unknown} webhook ids received that the DB does not know")
    need(c.undocumented_duplicates == 0, f"{c.undocumented_duplicates} unexplained duplicates")
    need(c.not_delivered == 0, f"{c.not_delivered} webhooks not delivered after settling")
    if soak:
        need(c.transport_errors == 0, f"{c.transport_errors} transport errors")
        need(
            c.rss_growth is not None and c.rss_growth <= 0.10,
            f"API RSS grew {c.rss_growth} from minute 5 to the end (limit 10%)",
        )
        need(
            c.api_rss_max_mb is not None and c.api_rss_max_mb < API_RSS_LIMIT_MB,
            f"API RSS reached {c.api_rss_max_mb} MB (limit {API_RSS_LIMIT_MB})",
        )
        need(
            c.queue_todo_late_max is not None
            and c.queue_todo_late_max <= max(2 * (c.queue_todo_early_max or 0), 50),
            f"job queue grew: {c.queue_todo_early_max} todo early, {c.queue_todo_late_max} late",
        )
    print("\nchecks:")
    for key, value in c.as_dict().items():
        if key != "failures":
            print(f"  {key:<26} {value}")
    for failure in c.failures:
        print(f"  FAILED: {failure}")
    return c


# --- the drills -------------------------------------------------------------------------------


async def _wait_until(sampler: Sampler, t: float) -> None:
    await asyncio.sleep(max(0.0, t - sampler.now()))


async def worker_kill(stack: Stack, sampler: Sampler, at: float) -> dict[str, Any]:
    """SIGKILL the worker, start a new one 15 s later."""
    await _wait_until(sampler, at)
    sampler.mark("fault")
    stack.kill_worker()
    # The jobs the dead worker held: does anything ever run them again?
    held = await _query(stack.url, "SELECT id FROM procrastinate_jobs WHERE status = 'doing'")
    await asyncio.sleep(15)
    await asyncio.to_thread(stack.start_worker)
    sampler.mark("recovered")
    return {"jobs_held_at_kill": [r[0] for r in held], "down_seconds": 15}


async def held_jobs_outcome(stack: Stack, notes: dict[str, Any]) -> None:
    """After a worker-kill drill settles: the status of each job the dead worker held."""
    ids = notes.get("jobs_held_at_kill") or []
    if not ids:
        return
    rows = await _query(
        stack.url,
        "SELECT id, status::text, task_name FROM procrastinate_jobs WHERE id IN ("
        + ",".join(str(int(i)) for i in ids)
        + ")",
    )
    notes["held_jobs_after"] = [{"id": r[0], "status": r[1], "task": r[2]} for r in rows]
    print(f"# jobs the killed worker held, after the run: {notes['held_jobs_after']}")


async def pg_restart(stack: Stack, sampler: Sampler, at: float) -> dict[str, Any]:
    """pg_ctl restart -m fast: every connection is cut, the server is back on its port."""
    await _wait_until(sampler, at)
    sampler.mark("fault")
    started = time.perf_counter()
    await asyncio.to_thread(stack.cluster.restart)
    sampler.mark("recovered")
    return {"restart_seconds": round(time.perf_counter() - started, 1)}


async def redis_stop(stack: Stack, sampler: Sampler, at: float) -> dict[str, Any]:
    """Stop the private Redis (credits' store) for 30 s, then start it on the same port."""
    assert stack.redis is not None
    await _wait_until(sampler, at)
    sampler.mark("fault")
    await asyncio.to_thread(stack.redis.stop)
    await asyncio.sleep(30)
    await asyncio.to_thread(stack.redis.start)
    sampler.mark("recovered")
    return {"down_seconds": 30}


async def receiver_hang(stack: Stack, sampler: Sampler, at: float) -> dict[str, Any]:
    """The receiver takes requests and never answers for 40 s (staykit's timeout is 10 s)."""
    await _wait_until(sampler, at)
    async with httpx.AsyncClient(timeout=10) as client:
        sampler.mark("fault")
        await client.post(f"{stack.receiver_url}/_hang?on=1")
        await asyncio.sleep(40)
        await client.post(f"{stack.receiver_url}/_hang")
    sampler.mark("recovered")
    return {"hang_seconds": 40}


DRILLS = {
    "worker-kill": worker_kill,
    "pg-restart": pg_restart,
    "redis-stop": redis_stop,
    "receiver-hang": receiver_hang,
}
