"""localstripe (a Stripe-compatible server, PyPI) on loopback, for the payment tests and the
browser tests of the Stripe Payment Element: a subprocess of the test process (each
pytest-xdist worker has its own) through tests/domain/payments/localstripe_server.py,
which says how it differs from the `localstripe` command and why."""

from __future__ import annotations

import contextlib
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx

from tests.mail import free_port

LAUNCHER = Path(__file__).parent / "domain" / "payments" / "localstripe_server.py"
# localstripe takes any secret key that looks like one.
API_KEY = "sk_test_staykit_payments"
PUBLISHABLE_KEY = "pk_test_staykit_payments"
# The FAKE Stripe.js with a Payment Element that the launcher serves (path on localstripe).
FAKE_STRIPE_JS = "/js.stripe.com/staykit-fake-payment-element.js"


@contextlib.contextmanager
def running_localstripe() -> Iterator[str]:
    """A localstripe on a free loopback port until the block ends: its base URL."""
    port = free_port()
    proc = subprocess.Popen(
        [sys.executable, str(LAUNCHER), "--port", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            if proc.poll() is not None:
                err = proc.stderr.read().decode() if proc.stderr else ""
                raise RuntimeError(f"localstripe exited with {proc.returncode}: {err[-2000:]}")
            try:
                if httpx.get(f"{url}/js.stripe.com/v3/", timeout=1).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            if time.monotonic() > deadline:
                raise TimeoutError("localstripe did not answer within 30 s")
            time.sleep(0.05)
        yield url
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
