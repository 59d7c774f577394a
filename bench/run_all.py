"""Runs every benchmark (what `make bench` calls) and repeats their figure lines at the end.

Each benchmark runs in its own process, one after the other, so none competes with another
for the machine. Results are merged into bench/results/latest.json by the scripts themselves.
"""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

BENCH_DIR = Path(__file__).resolve().parent
SCRIPTS = (
    "http_baseline.py",
    "http_channel.py",
    "db_layers.py",
    "partner_auth.py",
    "credits.py",
    "login.py",
    "startup.py",
    "quote.py",
    "search.py",
    "review_search.py",
    "reservation_visibility.py",
    "booking.py",
    "inventory.py",
    "cloud_feed.py",
    "cloud_rates.py",
    "cloud_calendar.py",
    "channel_bookings.py",
    "channel_calendar.py",
    "channel_bookings_write.py",
    "ledger_balance.py",
    "ical.py",
    "payment_webhooks.py",
    "messaging.py",
    "bff.py",
    "bff_views.py",
    "web_host_pages.py",
    "notifications.py",
    "webhook_delivery.py",
    "gdpr_export.py",
    "mcp_roundtrip.py",
    "web_pages.py",
)


def main() -> int:
    figures: list[str] = []
    failed: list[str] = []
    for script in SCRIPTS:
        print(f"== {script}", flush=True)
        t0 = time.perf_counter()
        proc = subprocess.Popen(
            [sys.executable, str(BENCH_DIR / script)],
            stdout=subprocess.PIPE,
            text=True,
        )
        assert proc.stdout is not None
        for line in proc.stdout:
            print(line, end="", flush=True)
            if line.strip() and not line.startswith("#"):
                figures.append(line.rstrip())
        if proc.wait() != 0:
            failed.append(script)
        print(f"== {script} done in {time.perf_counter() - t0:.0f} s", flush=True)
    print("\n== figures (also in bench/results/latest.json)")
    for line in figures:
        print(line)
    if failed:
        print(f"FAILED: {', '.join(failed)}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
