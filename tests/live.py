"""A live staykit for tests that need a real server (a browser, an outside OAuth client):
uvicorn on a free loopback port, over the test database (commits are real; arrange data
with `committed_factory`).

It runs in a process of its own: a second app in the test process would share, and on
shutdown stop, the process-wide session-cache listener and metrics."""

from __future__ import annotations

import contextlib
import os
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx

from staykit.core.config import Settings
from tests.mail import free_port

ROOT = Path(__file__).resolve().parents[1]


def live_app() -> Any:
    """The uvicorn factory: staykit configured from the STAYKIT_* variables."""
    from staykit.app import create_app

    settings = Settings()
    return create_app(settings, database_url=settings.database_url, run_worker_in_process=False)


@contextlib.contextmanager
def live_server(settings: Settings, database_url: str, **env: str) -> Iterator[str]:
    """The base URL of a running staykit (with the STAYKIT_* settings in `env` beside
    the tests' own); stopped when the block ends."""
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join([str(ROOT / "src"), str(ROOT)]),
        "STAYKIT_ENV": "test",
        "STAYKIT_DATABASE_URL": database_url,
        "STAYKIT_PUBLIC_BASE_URL": base,
        "STAYKIT_RUN_WORKER": "false",
        "STAYKIT_ARGON2_TIME_COST": str(settings.argon2_time_cost),
        "STAYKIT_ARGON2_MEMORY_KIB": str(settings.argon2_memory_kib),
        "STAYKIT_ARGON2_PARALLELISM": str(settings.argon2_parallelism),
        **env,
    }
    cmd = [
        sys.executable,
        "-m",
        "uvicorn",
        "tests.live:live_app",
        "--factory",
        "--host",
        "127.0.0.1",
        "--port",
        str(port),
        "--log-level",
        "warning",
    ]
    proc = subprocess.Popen(cmd, env=env, cwd=ROOT)
    try:
        deadline = time.monotonic() + 60
        while True:
            assert proc.poll() is None, "the live server exited"
            assert time.monotonic() < deadline, "the live server did not start"
            try:
                if httpx.get(f"{base}/health", timeout=1).status_code == 200:
                    break
            except httpx.HTTPError:
                time.sleep(0.1)
        yield base
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
