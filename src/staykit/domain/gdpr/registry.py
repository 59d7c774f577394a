"""The registry of what staykit holds on a person: one `Section` per kind of data, each
saying how to export it and how to erase it. An export archive holds one JSON file per
registered section; an erase runs every section's eraser in registration order.

A package whose tables hold personal data registers its section here (as reviews do:
`register(Section("reviews", export=..., erase=...))` in `staykit.domain.gdpr.sections`),
and both the export and the erase pick it up; the erase test scans every table, so a
table forgotten here fails it.
"""

from __future__ import annotations

import uuid
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import Table, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.sql.elements import ColumnElement

# What erased personal text becomes (messages, notes, names).
ERASED_TEXT = "[erased]"
ERASED_NAME = "Erased user"


@dataclass(frozen=True)
class Subject:
    """The person an export or an erase is about, as they were before any erase (an
    eraser matches their old email, name and phone in free text)."""

    user_id: uuid.UUID
    email: str
    fullname: str
    mobile: str | None

    @property
    def erased_email(self) -> str:
        """A unique placeholder that can never receive mail (.invalid, RFC 2606)."""
        return f"erased-{self.user_id}@erased.invalid"

    def identifiers(self) -> list[str]:
        """The strings that name the person in free text and logs, longest first."""
        found = {self.email, self.email.lower(), self.fullname, self.mobile or ""}
        return sorted((s for s in found if len(s) >= 3), key=len, reverse=True)


Exporter = Callable[[AsyncSession, Subject], Awaitable[list[dict[str, Any]]]]
Eraser = Callable[[AsyncSession, Subject], Awaitable[int]]


@dataclass(frozen=True)
class Section:
    """One kind of data: its file in the archive (`<name>.json`), how to read the
    person's rows, and how to anonymise them (None: nothing personal to erase, e.g. the
    ledger, kept untouched for legal retention). An eraser returns how many rows it
    changed and must be idempotent: a second erase changes nothing."""

    name: str
    export: Exporter | None  # None: nothing of theirs to hand over (a log it only scrubs)
    erase: Eraser | None = None
    description: str = ""


_SECTIONS: dict[str, Section] = {}


def register(section: Section) -> Section:
    if section.name in _SECTIONS:
        raise ValueError(f"a GDPR section named {section.name!r} is already registered")
    _SECTIONS[section.name] = section
    return section


def sections() -> list[Section]:
    """Every registered section, in registration order."""
    return list(_SECTIONS.values())


# --- helpers for sections over plain tables -----------------------------------------------


def json_value(value: Any) -> Any:
    """A column value as JSON (decimals as strings, keeping every digit)."""
    if value is None or isinstance(value, bool | int | float | str):
        return value
    if isinstance(value, uuid.UUID | Decimal):
        return str(value)
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, dict):
        return {str(k): json_value(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set):
        return [json_value(v) for v in value]
    if isinstance(value, bytes | memoryview):
        return None  # files are described (name, type, size), never inlined
    return str(value)


async def table_rows(
    session: AsyncSession,
    table: Table,
    where: ColumnElement[bool],
    *,
    omit: Sequence[str] = (),
    only: Sequence[str] = (),
) -> list[dict[str, Any]]:
    """The rows of `table` matching `where`, every column but `omit` (or just `only`),
    as JSON objects keyed by column name, in a stable order."""
    names = set(only)
    cols = [c for c in table.c if c.name not in omit and (not names or c.name in names)]
    order = [c for c in table.primary_key.columns]
    result = await session.execute(select(*cols).where(where).order_by(*order))
    return [{k: json_value(v) for k, v in row._mapping.items()} for row in result]
