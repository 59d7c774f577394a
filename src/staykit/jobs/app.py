"""The procrastinate app: every domain's task blueprint, and how workers run.

Domain code defers jobs on the business transaction's own connection, so this app's
connector is only used by workers (`staykit worker`, or the one inside `staykit serve`).

The events dispatcher runs the consumers registered for an event type; a consumer
registers when its module is imported, so every consumer module is imported here, where
the worker's app is built (CONSUMERS), before any job runs.
"""

from __future__ import annotations

import procrastinate

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
) -> None:
    """Run a worker against the database (the jobs of `queues`, or of every queue). The
    app's own connector is swapped in for the duration (procrastinate's
    `replace_connector`), so that everything holding a reference to the app, periodic
    deferral included, uses the live connection pool."""
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
