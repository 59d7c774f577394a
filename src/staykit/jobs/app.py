"""The procrastinate app: every domain's task blueprint, and how workers run.

Domain code defers jobs on the business transaction's own connection, so this app's
connector is only used by workers (`staykit worker`, or the one inside `staykit serve`).

The events dispatcher runs the consumers registered for an event type; a consumer
registers when its module is imported, so every consumer module is imported here, where
the worker's app is built (CONSUMERS), before any job runs.
"""

from __future__ import annotations

import asyncio
import time

import procrastinate
import procrastinate.exceptions
import psycopg
import structlog

from staykit.core.db import libpq_url
from staykit.domain.agents.tasks import blueprint as agents_tasks
from staykit.domain.alerts import consumers as notification_consumers
from staykit.domain.auth.tasks import blueprint as auth_tasks
from staykit.domain.booking import mails as booking_mails
from staykit.domain.booking.tasks import blueprint as booking_tasks
from staykit.domain.events.tasks import blueprint as events_tasks
from staykit.domain.gdpr.tasks import blueprint as gdpr_tasks
from staykit.domain.ical.tasks import blueprint as ical_tasks
from staykit.domain.idempotency.tasks import blueprint as idempotency_tasks
from staykit.domain.messaging import system_messages, webhook_messages
from staykit.domain.notifications import push
from staykit.domain.notifications.tasks import blueprint as notifications_tasks
from staykit.domain.payments.tasks import blueprint as payments_tasks
from staykit.domain.reports.tasks import blueprint as reports_tasks
from staykit.domain.reviews.tasks import blueprint as reviews_tasks
from staykit.domain.webhooks import consumer as webhooks_consumer
from staykit.domain.webhooks import delivery as webhook_delivery
from staykit.domain.webhooks.tasks import blueprint as webhooks_tasks

log = structlog.get_logger(__name__)

# Seconds before a worker that stopped on its own is started again, growing while it keeps
# stopping (the database still away), the last one repeated.
RESTART_DELAYS = (1.0, 2.0, 5.0, 10.0, 30.0)

app = procrastinate.App(connector=procrastinate.PsycopgConnector())
app.add_tasks_from(notifications_tasks, namespace="notifications")
app.add_tasks_from(agents_tasks, namespace="agents")
app.add_tasks_from(auth_tasks, namespace="auth")
app.add_tasks_from(booking_tasks, namespace="booking")
app.add_tasks_from(events_tasks, namespace="events")
app.add_tasks_from(gdpr_tasks, namespace="gdpr")
app.add_tasks_from(idempotency_tasks, namespace="idempotency")
app.add_tasks_from(ical_tasks, namespace="ical")
app.add_tasks_from(payments_tasks, namespace="payments")
app.add_tasks_from(reports_tasks, namespace="reports")
app.add_tasks_from(reviews_tasks, namespace="reviews")
app.add_tasks_from(webhooks_tasks, namespace="webhooks")

# The modules whose consumers the dispatcher runs (imported for their registration), and
# those handing a reader to another package (messaging's, to the booking webhook body).
CONSUMERS = (
    booking_mails,
    system_messages,
    notification_consumers,
    webhooks_consumer,
    webhook_messages,
)


async def run_worker(
    database_url: str,
    *,
    wait: bool = True,
    concurrency: int = 4,
    name: str = "staykit-worker",
    queues: list[str] | None = None,
    restart_delays: tuple[float, ...] = RESTART_DELAYS,
) -> None:
    """Run a worker against the database (the jobs of `queues`, or of every queue) until
    cancelled. The app's own connector is swapped in for the duration (procrastinate's
    `replace_connector`), so that everything holding a reference to the app, periodic
    deferral included, uses the live connection pool.

    With `wait`, a worker that stops on its own is started again: procrastinate stops a
    worker whose LISTEN connection cannot be re-made (PostgreSQL restarting or away), and
    returns as if asked to, so without this a database restart silently ended every
    worker, the one inside `staykit serve` included, and jobs piled up until a person
    noticed (found by the load drill `bench/load.py --drill pg-restart`). Stopping for
    real is cancellation (Ctrl-C, the lifespan's end), which passes through."""
    attempt = 0
    while True:
        started = time.monotonic()
        try:
            await _run_worker_once(database_url, wait, concurrency, name, queues)
        except (procrastinate.exceptions.ConnectorException, psycopg.OperationalError) as exc:
            if not wait:
                raise
            log.warning("job worker lost the database", error=str(exc))
        if not wait:
            return
        # A worker that ran a good while before stopping starts over from the first delay.
        attempt = 0 if time.monotonic() - started > 60 else attempt + 1
        delay = restart_delays[min(attempt, len(restart_delays) - 1)]
        log.warning("job worker stopped on its own; starting it again", in_seconds=delay)
        await asyncio.sleep(delay)


async def _run_worker_once(
    database_url: str, wait: bool, concurrency: int, name: str, queues: list[str] | None
) -> None:
    connector = procrastinate.PsycopgConnector(conninfo=libpq_url(database_url))
    with app.replace_connector(connector):
        async with app.open_async():
            try:
                if queues:
                    await app.run_worker_async(
                        queues=queues,
                        wait=wait,
                        concurrency=concurrency,
                        name=name,
                        install_signal_handlers=False,
                    )
                else:  # every queue: procrastinate's default when none is named
                    await app.run_worker_async(
                        wait=wait, concurrency=concurrency, name=name, install_signal_handlers=False
                    )
            finally:
                await webhook_delivery.close_client()
                await push.close_clients()


def schema_sql() -> str:
    """procrastinate's own schema, applied by our first migration."""
    return app.schema_manager.get_schema()
