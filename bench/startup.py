"""Start-up time of `make run`: from the command to the first 200 on /health.

First start: a fresh STAYKIT_DATA_DIR (initdb, migrations, demo data). Warm start: the
same data dir again. Each run is stopped with SIGINT to its process group (what Ctrl-C
does), and the benchmark checks that no PostgreSQL process for that data dir survives.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import psutil

# `python bench/<script>.py` puts bench/ first on sys.path, so the helper imports directly.
from _server import (
    HOST,
    REPO,
    clean_env,
    emit,
    free_port,
    median,
    percentile,
    save_results,
    stop_process,
    wait_for_http,
)

WARM_GOAL_S = 10.0


def make_command() -> tuple[list[str], str]:
    """`make run`, and a note when make would first reinstall the package.

    A stale install stamp (pyproject.toml changed since the last install) makes `make run`
    run `pip install -e .` first; that is an installation, not a start-up, so it is skipped
    by emptying the stamp prerequisite on the command line, and the output says so.
    """
    dry = subprocess.run(["make", "-n", "run"], cwd=REPO, capture_output=True, text=True)
    if "pip install" in dry.stdout:
        return ["make", "run", "STAMP="], "install stamp stale: ran `make run STAMP=`"
    return ["make", "run"], ""


def survivors(data_dir: Path) -> list[psutil.Process]:
    """Live processes of this run: the postmaster naming the data dir on its command line,
    or any process (make, staykit) started with this STAYKIT_DATA_DIR."""
    found = []
    pgdata = str((data_dir / "pgdata").resolve())
    for proc in psutil.process_iter(["cmdline"]):
        cmdline = proc.info.get("cmdline") or []
        if any(pgdata in part for part in cmdline) and "postgres" in " ".join(cmdline):
            found.append(proc)
            continue
        try:
            if proc.environ().get("STAYKIT_DATA_DIR") == str(data_dir):
                found.append(proc)
        except (psutil.AccessDenied, psutil.NoSuchProcess, psutil.ZombieProcess):
            pass
    return found


def one_start(cmd: list[str], data_dir: Path, log: Path) -> tuple[float, float, list[int]]:
    """(seconds to first 200, seconds to stop after SIGINT, pids of processes left running)."""
    port = free_port()
    env = clean_env(STAYKIT_DATA_DIR=str(data_dir), STAYKIT_PORT=str(port), STAYKIT_HOST=HOST)
    with log.open("ab") as out:
        t0 = time.perf_counter()
        # A session of its own, so SIGINT reaches make and staykit as Ctrl-C would.
        proc = subprocess.Popen(
            cmd, cwd=REPO, env=env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True
        )
        try:
            wait_for_http(f"http://{HOST}:{port}/health", timeout=180, proc=proc)
            started = time.perf_counter() - t0
        except BaseException:
            stop_process(proc, group=True, timeout=20)
            print(log.read_text(errors="replace")[-3000:], file=sys.stderr)
            raise
        t1 = time.perf_counter()
        stop_process(proc, group=True, timeout=30)
        stopped = time.perf_counter() - t1
    deadline = time.monotonic() + 5  # make has exited; allow for reaping
    leftovers = survivors(data_dir)
    while leftovers and time.monotonic() < deadline:
        time.sleep(0.2)
        leftovers = survivors(data_dir)
    for proc_left in leftovers:  # started by this run: stop it so the machine stays clean
        proc_left.terminate()
    return started, stopped, [p.pid for p in leftovers]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3, help="of each kind")
    ns = parser.parse_args()
    cmd, note = make_command()
    print(
        f"# startup: `{' '.join(cmd)}` in {REPO} to first 200 on /health; "
        f"{ns.runs} first starts (fresh data dir) and {ns.runs} warm starts",
        flush=True,
    )
    if note:
        print(f"# note: {note}", flush=True)
    work = Path(tempfile.mkdtemp(prefix="staykit-bench-startup-"))
    log = work / "make-run.log"
    first: list[float] = []
    warm: list[float] = []
    stops: list[float] = []
    leftover: list[int] = []
    try:
        for i in range(ns.runs):
            started, stopped, left = one_start(cmd, work / f"data{i}", log)
            first.append(started)
            stops.append(stopped)
            leftover += left
        for _ in range(ns.runs):
            started, stopped, left = one_start(cmd, work / "data0", log)
            warm.append(started)
            stops.append(stopped)
            leftover += left
    finally:
        if os.environ.get("STAYKIT_BENCH_KEEP"):
            print(f"# kept {work}", flush=True)
        else:
            shutil.rmtree(work, ignore_errors=True)

    emit(
        "startup.first",
        median_value=median(first),
        p95=percentile(first, 95),
        unit="s",
        note=f"initdb + migrations + demo data, n={len(first)}",
    )
    emit(
        "startup.warm",
        median_value=median(warm),
        p95=percentile(warm, 95),
        unit="s",
        goal=f"<= {WARM_GOAL_S:.0f} s",
        note=f"n={len(warm)}",
    )
    emit(
        "startup.stop",
        median_value=median(stops),
        p95=percentile(stops, 95),
        unit="s",
        note=f"SIGINT to exit, n={len(stops)}",
    )
    clean = not leftover
    print(
        "# processes (postgres, staykit, make) after SIGINT: "
        + ("none left (ok)" if clean else f"LEFT RUNNING, pids {leftover} (terminated)"),
        flush=True,
    )
    save_results(
        {
            "startup.first": {
                "median": median(first),
                "p95": percentile(first, 95),
                "runs": first,
                "unit": "s",
            },
            "startup.warm": {
                "median": median(warm),
                "p95": percentile(warm, 95),
                "runs": warm,
                "unit": "s",
                "goal": WARM_GOAL_S,
            },
            "startup.stop": {
                "median": median(stops),
                "p95": percentile(stops, 95),
                "runs": stops,
                "unit": "s",
                "processes_left_running": leftover,
                "command": " ".join(cmd),
            },
        }
    )
    return 0 if clean else 1


if __name__ == "__main__":
    sys.exit(main())
