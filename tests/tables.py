"""Which tables the suite empties after committing tests, computed from the models.

Every table in `Base.metadata` is emptied, except those the suite must keep; the models
modules are the ones the migrations import (read from migrations/env.py) plus any
`models` module under `staykit.domain`, so a new package's tables are emptied without
anyone editing a list. procrastinate's tables are not models: they are named here.
`tests/test_tables.py` fails when the migrated database holds a table that is neither.
"""

from __future__ import annotations

import ast
import importlib
import pkgutil
from pathlib import Path

import staykit.domain
from staykit.core.models import Base

# Signing keys stay: the process caches them (keys.keyring), so emptying the table under
# a running app would leave it signing with keys the database no longer knows.
# Localization settings stay: the migration seeds the languages and currencies the catalog
# accepts, and every later test that makes a listing needs them (tests that add settings
# do so in a rolled-back transaction).
KEPT_TABLES = frozenset({"auth_signing_keys", "alembic_version", "localization_settings"})

# procrastinate's own tables (its schema, not our models).
PROCRASTINATE_TABLES = (
    "procrastinate_events",
    "procrastinate_periodic_defers",
    "procrastinate_jobs",
    "procrastinate_workers",
)

MIGRATIONS_ENV = Path(staykit.__file__).resolve().parent / "migrations" / "env.py"


def _modules_the_migrations_import() -> list[str]:
    tree = ast.parse(MIGRATIONS_ENV.read_text(encoding="utf-8"))
    names: list[str] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names += [a.name for a in node.names if a.name.startswith("staykit.")]
        elif isinstance(node, ast.ImportFrom) and (node.module or "").startswith("staykit."):
            names.append(node.module or "")
    return names


def _domain_models_modules() -> list[str]:
    return [
        info.name
        for info in pkgutil.walk_packages(staykit.domain.__path__, prefix="staykit.domain.")
        if info.name.rsplit(".", 1)[-1] == "models"
    ]


def import_all_models() -> None:
    for name in (*_modules_the_migrations_import(), *_domain_models_modules()):
        importlib.import_module(name)


def model_tables() -> set[str]:
    import_all_models()
    return set(Base.metadata.tables)


def data_tables() -> tuple[str, ...]:
    """Every table a test may leave rows in, children before parents (TRUNCATE ... CASCADE
    would not need the order, but a stable one keeps the statement readable in logs)."""
    import_all_models()
    ours = [t.name for t in reversed(Base.metadata.sorted_tables) if t.name not in KEPT_TABLES]
    return (*ours, *PROCRASTINATE_TABLES)
