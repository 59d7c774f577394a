"""`staykit serve --workers N`: N HTTP processes on one port (uvicorn's supervisor) and,
unless --no-worker, one `staykit worker` process beside them for the jobs; Ctrl-C stops
them all."""

from __future__ import annotations

import asyncio
import os
import signal
from pathlib import Path

import httpx
import psutil
import pytest

from tests.mail import free_port
from tests.sse import STAYKIT

pytestmark = pytest.mark.scale_out
ROOT = Path(__file__).resolve().parents[1]


async def test_serve_with_two_workers_runs_two_http_processes_and_one_job_worker(
    database_url: str,
) -> None:
    port = free_port()
    proc = await asyncio.create_subprocess_exec(
        STAYKIT,
        "serve",
        "--workers",
        "2",
        "--port",
        str(port),
        env={
            **os.environ,
            "PYTHONPATH": os.pathsep.join([str(ROOT / "src"), str(ROOT)]),
            "STAYKIT_DATABASE_URL": database_url,
            "STAYKIT_ENV": "test",
            "STAYKIT_LOG_LEVEL": "WARNING",
            "PYTHONUNBUFFERED": "1",
        },
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.STDOUT,
    )
    assert proc.stdout is not None
    try:
        while True:
            line = (await asyncio.wait_for(proc.stdout.readline(), 120)).decode()
            assert line, "staykit serve exited before it listened"
            if line.startswith("staykit is listening on"):
                break
        assert line.strip() == f"staykit is listening on http://127.0.0.1:{port} (2 processes)"
        async with httpx.AsyncClient(base_url=f"http://127.0.0.1:{port}") as http:
            for _ in range(4):
                r = await http.get("/auth-api/health")
                assert r.status_code == 200 and r.json()["status"] == "OK"
        children = psutil.Process(proc.pid).children()
        commands = [" ".join(c.cmdline()) for c in children]
        assert sum("staykit worker" in c for c in commands) == 1, commands
        assert sum("spawn_main" in c for c in commands) == 2, commands
    finally:
        if proc.returncode is None:
            proc.send_signal(signal.SIGINT)
        code = await asyncio.wait_for(proc.wait(), 60)
    assert code in (0, 128 + signal.SIGINT, -signal.SIGINT)
    # Every child ends with it (multiprocessing's resource tracker sees its parent gone a
    # moment later, hence the short wait); an orphan would still run after 15 s.
    _gone, alive = psutil.wait_procs(children, timeout=15)
    assert [" ".join(c.cmdline()) for c in alive if c.status() != psutil.STATUS_ZOMBIE] == []
