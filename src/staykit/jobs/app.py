"""The procrastinate app: every domain's task blueprint, and how workers run.

Domain code defers jobs on the business transaction's own connection, so this app's
connector is only used by workers (`staykit worker`, or the one inside `staykit serve`).
"""

from __future__ import annotations

import procrastinate

from staykit.core.db import libpq_url
from staykit.domain.auth.tasks import blueprint as auth_tasks
from staykit.domain.notifications.tasks import blueprint as notifications_tasks

app = procrastinate.App(connector=procrastinate.PsycopgConnector())
app.add_tasks_from(notifications_tasks, namespace="notifications")
app.add_tasks_from(auth_tasks, namespace="auth")


def worker_app(database_url: str) -> procrastinate.App:
    """A copy of the app bound to the database (tasks shared)."""
    return app.with_connector(procrastinate.PsycopgConnector(conninfo=libpq_url(database_url)))


async def run_worker(
    database_url: str, *, wait: bool = True, concurrency: int = 4, name: str = "staykit-worker"
) -> None:
    bound = worker_app(database_url)
    async with bound.open_async():
        await bound.run_worker_async(
            wait=wait, concurrency=concurrency, name=name, install_signal_handlers=False
        )


def schema_sql() -> str:
    """procrastinate's own schema, applied by our first migration."""
    return app.schema_manager.get_schema()
