"""Alembic environment: synchronous psycopg 3 against the configured URL."""

from __future__ import annotations

from alembic import context
from sqlalchemy import create_engine, pool

import staykit.domain.agents.models
import staykit.domain.audit.models
import staykit.domain.auth.models
import staykit.domain.booking.models
import staykit.domain.catalog.models
import staykit.domain.catalog.search_index
import staykit.domain.catalog.webhooks
import staykit.domain.channels.models
import staykit.domain.disputes.models
import staykit.domain.events.models
import staykit.domain.gdpr.models
import staykit.domain.ical.models
import staykit.domain.idempotency.models
import staykit.domain.localization.models
import staykit.domain.messaging.models
import staykit.domain.notifications.models
import staykit.domain.partners.models
import staykit.domain.payments.models
import staykit.domain.reports.models
import staykit.domain.reviews.models
import staykit.domain.tenancy.models
import staykit.domain.views.models
import staykit.domain.webhooks.models  # noqa: F401
from staykit.core.models import Base

config = context.config
target_metadata = Base.metadata


def include_object(obj, name, type_, reflected, compare_to):  # type: ignore[no-untyped-def]
    """procrastinate owns its tables; autogenerate leaves them alone."""
    return not (name or "").startswith("procrastinate_")


def run_migrations_online() -> None:
    url = config.get_main_option("sqlalchemy.url")
    assert url, "sqlalchemy.url is not configured"
    engine = create_engine(url, poolclass=pool.NullPool)
    with engine.connect() as connection:
        context.configure(
            connection=connection,
            target_metadata=target_metadata,
            compare_type=True,
            include_object=include_object,
        )
        with context.begin_transaction():
            context.run_migrations()


run_migrations_online()
