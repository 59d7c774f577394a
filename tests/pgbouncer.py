"""A real PgBouncer for the tests, in transaction pooling mode: its own process on a free
loopback port, with a generated ini pointing at the test database's server, stopped when
the block ends. `make test` installs Debian's pgbouncer when it is missing (`make
pgbouncer`); a test needing it is skipped, saying why, on a machine without it."""

from __future__ import annotations

import contextlib
import os
import shutil
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterable, Iterator
from pathlib import Path

import pytest
from sqlalchemy import make_url

from tests.mail import free_port

PGBOUNCER = shutil.which("pgbouncer") or "/usr/sbin/pgbouncer"


def pooled_url(database_url: str, port: int) -> str:
    """The same database and user, reached through PgBouncer on `port`."""
    url = make_url(database_url)
    return url.set(host="127.0.0.1", port=port).render_as_string(hide_password=False)


@contextlib.contextmanager
def pgbouncer(database_url: str, users: Iterable[str] = ()) -> Iterator[int]:
    """Run PgBouncer in front of `database_url`'s server; yields its port. Trust
    authentication (as the test server's loopback), so the auth file only names the users
    (the URL's own, and `users`)."""
    if not os.access(PGBOUNCER, os.X_OK):
        pytest.skip("pgbouncer is not installed (`make pgbouncer` installs it)")
    url = make_url(database_url)
    port = free_port()
    folder = Path(tempfile.mkdtemp(prefix="staykit-pgbouncer-"))
    folder.chmod(0o755)  # read by the unprivileged user it runs as under root (below)
    names = [url.username or "postgres", *users]
    (folder / "users.txt").write_text("".join(f'"{name}" ""\n' for name in names))
    (folder / "pgbouncer.ini").write_text(
        f"""[databases]
* = host={url.host or "127.0.0.1"} port={url.port or 5432}

[pgbouncer]
listen_addr = 127.0.0.1
listen_port = {port}
unix_socket_dir =
auth_type = trust
auth_file = {folder / "users.txt"}
pool_mode = transaction
default_pool_size = 20
max_client_conn = 500
ignore_startup_parameters = extra_float_digits
"""
    )
    for file in folder.iterdir():
        file.chmod(0o644)
    # PgBouncer refuses to run as root: it then runs as the database server's account.
    as_user = ["-u", "postgres"] if os.geteuid() == 0 else []
    log = (folder / "pgbouncer.log").open("wb")
    proc = subprocess.Popen(
        [PGBOUNCER, *as_user, str(folder / "pgbouncer.ini")], stdout=log, stderr=log
    )
    try:
        deadline = time.monotonic() + 20
        while True:
            assert proc.poll() is None, (folder / "pgbouncer.log").read_text()
            assert time.monotonic() < deadline, "pgbouncer did not start listening"
            with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), 1):
                break
            time.sleep(0.05)
        yield port
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        log.close()
        shutil.rmtree(folder, ignore_errors=True)
