"""uvicorn factory for the live-server test: staykit configured from STAYKIT_* variables,
in a process of its own (a second app in the test process would share, and on shutdown
stop, the process-wide session-cache listener and metrics)."""

from __future__ import annotations

from typing import Any


def live_app() -> Any:
    from staykit.app import create_app
    from staykit.core.config import Settings

    settings = Settings()
    return create_app(settings, database_url=settings.database_url, run_worker_in_process=False)
