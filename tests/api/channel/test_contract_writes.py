"""The Channel API's writes against Beds24's own API V2 document, as test_contract.py runs the
reads: every write staykit serves (POST and DELETE /bookings, POST /inventory/rooms/calendar
and /inventory/fixedPrices, POST and DELETE /properties, DELETE /properties/rooms, POST
/accounts and /channels/settings) is sent to `/v2` with a token of the pms tenant holding
every scope, over seeded data: the read test's seed (its group booking gets an info item
here), a direct booking to cancel, and a spare property with a room and a unit to delete.

- The document's own request examples (its placeholder ids and dates moved onto the seeded
  rows and 40 days ahead), and hand-written ones where it gives none: each is carried out,
  201 with every item `success: true`, but for the ones REFUSED names with why.
- Valid (positive) requests schemathesis generates: no server error; a status the
  document lists (201) or EMPTY_WRITE's 400; the body conforming to the document's answer
  (the `multiplePostResponse` array, one result per item or id) but for test_contract.py's
  BODY_DEPARTURES. One generated case in three is sent as generated, one with its ids
  moved onto seeded rows (a DELETE also names a deletable seeded row), one with its values
  laid over the operation's first well-formed request: generated values get past "not
  found" and "required" to the rules behind them.
- Invalid (negative) requests, varied the same way: never a server error; a 4xx is Beds24's
  error body (success false, type error, code, error, requestId), a 201 the per-item
  results, conforming.
- No answer echoes the token, and no error (a 4xx, or an item's error) repeats a text of
  12 characters or more that the request sent (the document's enum words aside: an error
  may list the allowed ones).

Each request runs on a savepoint of the test's transaction, rolled back after it: every
case meets the data as seeded (a generated DELETE of a seeded id changes nothing for the
next), and nothing survives the test.
"""

from __future__ import annotations

import json
import re
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import date
from functools import cache
from typing import Any

import httpx
import pytest
import requests
from schemathesis.core import NOT_SET
from schemathesis.core.failures import FailureGroup
from schemathesis.generation import GenerationMode
from schemathesis.specs.openapi.checks import response_schema_conformance
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncSession

from staykit.domain.access.scopes import Scope
from staykit.domain.booking import items
from staykit.domain.booking.models import InvoiceItem, Reservation
from staykit.domain.catalog.models import Property
from tests.api.channel.conftest import Pms
from tests.api.channel.test_contract import (
    NOT_RUN,
    PREFIX,
    error_body,
    name_of,
    operations,
    problem,
    seed,
)
from tests.api.cloud.bookings import book_direct
from tests.api.marketplace.test_fuzz import examples, wire
from tests.clients.document import beds24_json
from tests.factories import actor_of, days_from, make_listing
from tests.fuzzing import fuzz_examples

# generated requests per operation and mode: 360 in all, about 30 s (STAYKIT_FUZZ_EXAMPLES)
EXAMPLES = fuzz_examples(20)
EVERY_SCOPE = tuple(s.value for s in Scope)

# The served writes this module runs (test_contract.py's NOT_RUN points here).
WRITES = {
    ("POST", "/bookings"),
    ("DELETE", "/bookings"),
    ("POST", "/inventory/rooms/calendar"),
    ("POST", "/inventory/fixedPrices"),
    ("POST", "/properties"),
    ("DELETE", "/properties"),
    ("DELETE", "/properties/rooms"),
    ("POST", "/accounts"),
    ("POST", "/channels/settings"),
}

# Well-formed examples staykit refuses item by item, by (method, path, example): the field
# each item's error names, and why.
_NOT_CONNECTED = (
    "channel",
    "Airbnb and Vrbo cannot be connected to a staykit account yet, so their settings are "
    "refused; iCal settings are stored (the hand-written example).",
)
REFUSED = {
    ("POST", "/accounts", "subAccount"): (
        "id",
        "staykit creates no sub-accounts and changes no account settings through the "
        "Channel API, so POST /accounts never carries out an item.",
    ),
    ("POST", "/channels/settings", "channelSetting"): _NOT_CONNECTED,
    ("POST", "/channels/settings", "channelRoomSetting"): _NOT_CONNECTED,
}

# A departure from the document's statuses: (status, why).
EMPTY_WRITE = (
    400,
    "A write that names nothing to write (a POST without a body, a DELETE without id) is "
    "refused with 400 in the Beds24 error body naming the missing part. The document "
    "leaves the body and id optional and lists only 201 for writes; an empty write is "
    "a client's mistake, better said than answered with an empty list.",
)


@dataclass(frozen=True)
class Seeded:
    """The integer ids the examples are moved onto."""

    property: int
    rooms: tuple[int, int]  # queen, cabin
    unit: int  # Queen 1
    booking: int  # the group's master
    direct_booking: int  # the cabin, 70 days ahead: nothing else depends on it
    info_item: int  # the group's
    invoice_item: int  # the group's cabin charge (one staykit does not compute)
    fixed_price: int  # the queen's "Breakfast included" rate (not default, updatable)
    spare_property: int  # no stays: deletable
    spare_room: int


async def seed_writes(db: AsyncSession, pms: Pms) -> Seeded:
    """The read test's seed, and what the writes' examples need beside it: an info item of
    its group booking, a direct booking to cancel and a spare property to delete."""
    await seed(db, pms)
    # The group: the booking holding make_group's cabin charge (one staykit does not compute).
    charge = await db.scalar(
        select(InvoiceItem)
        .join(Reservation, Reservation.id == InvoiceItem.reservation_id)
        .where(Reservation.business_id == pms.business_id, InvoiceItem.code == "cabin")
    )
    assert charge is not None
    group = await db.get_one(Reservation, charge.reservation_id)
    info = await items.add_info_item(
        db, actor_of(pms.host), group.id, code="ARRIVAL", text="Late check-in"
    )
    await db.commit()
    day = days_from()
    direct = await book_direct(db, pms, day(70), day(72))
    spare = await make_listing(db, pms.host, title="Spare flat")
    return Seeded(
        property=pms.property.int_id,
        rooms=(pms.queen.int_id, pms.cabin.int_id),
        unit=pms.queen_units[0].int_id,
        booking=group.int_id,
        direct_booking=direct.int_id,
        info_item=info.int_id,
        invoice_item=charge.int_id,
        fixed_price=pms.breakfast.int_id,
        spare_property=(await db.get_one(Property, spare.property_id)).int_id,
        spare_room=spare.int_id,
    )


# --- requests on the seeded data ---------------------------------------------------------------

DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
# What an `id` inside these lists names.
SUB_ITEMS = {"infoItems": "info_item", "invoiceItems": "invoice_item", "units": "unit"}
# What an item's own `id` names, per operation.
ITEM_IDS = {"/bookings": "booking", "/inventory/fixedPrices": "fixed_price"}


def placed(path: str, body: Any, ids: Seeded, *, move_dates: bool = True) -> Any:
    """`body` with its integer ids moved onto the seeded rows by what they name (a booking's,
    a property's, a sub-item's...; distinct room ids onto distinct rooms), and, with
    `move_dates`, its dates shifted together so that the earliest is 40 days ahead (lengths
    of stay kept)."""
    dates = sorted(_strings(body, DATE)) if move_dates else []
    shift = days_from()(40) - date.fromisoformat(dates[0]) if dates else None
    rooms: dict[int, int] = {}

    def room(value: int) -> int:
        return rooms.setdefault(value, ids.rooms[len(rooms) % len(ids.rooms)])

    def walk(node: Any, within: str) -> Any:
        if isinstance(node, list):
            return [walk(item, within) for item in node]
        if isinstance(node, dict):
            out = {}
            for key, value in node.items():
                if key == "roomId" and isinstance(value, int):
                    out[key] = room(value)
                elif key == "id" and isinstance(value, int):
                    out[key] = (
                        getattr(ids, SUB_ITEMS[within])
                        if within in SUB_ITEMS
                        else room(value)
                        if within == "roomTypes"
                        else getattr(ids, ITEM_IDS.get(path, "property"))
                    )
                else:
                    out[key] = walk(value, key)
            return out
        if isinstance(node, str) and shift is not None and DATE.match(node):
            return str(date.fromisoformat(node) + shift)
        return node

    return walk(body, "")


def _strings(node: Any, pattern: re.Pattern[str]) -> set[str]:
    """The string values in `node` (not its keys) that match `pattern`."""
    if isinstance(node, list):
        return {s for item in node for s in _strings(item, pattern)}
    if isinstance(node, dict):
        return {s for value in node.values() for s in _strings(value, pattern)}
    return {node} if isinstance(node, str) and pattern.match(node) else set()


def document_examples(op: Any) -> dict[str, Any]:
    body = op.definition.raw.get("requestBody", {})
    found = body.get("content", {}).get("application/json", {}).get("examples", {})
    return {name: example["value"] for name, example in found.items()}


def hand_written(ids: Seeded) -> dict[tuple[str, str], dict[str, dict[str, Any]]]:
    """Well-formed requests (as Case arguments) for the operations the document gives no
    example of, and a channel setting staykit stores (the document's are for channels not
    connected)."""
    ical = {
        "channel": "iCalExport",
        "properties": [
            {"id": ids.property, "roomTypes": [{"id": ids.rooms[1], "export": "bookings"}]}
        ],
    }
    return {
        ("DELETE", "/bookings"): {"cancel": {"query": {"id": [ids.direct_booking]}}},
        ("DELETE", "/properties"): {"delete": {"query": {"id": [ids.spare_property]}}},
        ("DELETE", "/properties/rooms"): {"delete": {"query": {"id": [ids.spare_room]}}},
        ("POST", "/inventory/fixedPrices"): {
            "create": {
                "body": [
                    {
                        "roomId": ids.rooms[0],
                        "name": "Non refundable",
                        "roomPrice": 89,
                        "extraPersonPrice": 10,
                    }
                ]
            },
            "modify": {"body": [{"id": ids.fixed_price, "roomPrice": 95.5, "name": "Half board"}]},
            "delete": {"body": [{"id": ids.fixed_price}]},
        },
        ("POST", "/accounts"): {"subAccount": {"body": [{"name": "Lakeside sub-account"}]}},
        ("POST", "/channels/settings"): {"iCalExport": {"body": [ical]}},
    }


def chosen_cases(op: Any, ids: Seeded) -> dict[str, Any]:
    """The operation's well-formed requests by name: the document's examples, placed on the
    seeded data, and the hand-written ones."""
    name = name_of(op)
    found = {
        key: op.Case(body=placed(op.path, value, ids))
        for key, value in document_examples(op).items()
    }
    for key, kwargs in hand_written(ids).get(name, {}).items():
        found[key] = op.Case(**kwargs)
    return found


def varied(case: Any, k: int, well_formed: Any, ids: Seeded) -> Any:
    """A generated case, or (one in three each) the same with its ids moved onto seeded rows,
    or its values laid over a well-formed request's, so that generated values get past "not
    found" and "required" to the rules behind them."""
    if k % 3 == 0:
        return case
    if case.operation.method.upper() == "DELETE":
        query = case.query if isinstance(case.query, dict) else {}
        case.query = {**query, "id": [*_ids_in(case), *well_formed.query["id"]]}
    elif isinstance(case.body, list):
        body = overlay(well_formed.body, case.body) if k % 3 == 2 else case.body
        case.body = placed(case.operation.path, body, ids, move_dates=False)
    return case


def overlay(base: Any, over: Any) -> Any:
    """`over` laid over `base`: objects merged key by key, each item of an array over the
    base array's first."""
    if isinstance(base, dict) and isinstance(over, dict):
        return {**base, **{key: overlay(base.get(key), value) for key, value in over.items()}}
    if isinstance(base, list) and base and isinstance(over, list):
        return [overlay(base[0], item) for item in over]
    return over


# --- checking answers ------------------------------------------------------------------------


def sent_items(case: Any) -> int | None:
    """How many results a 201 must hold: the body's items, or the ids a DELETE named."""
    if case.operation.method.upper() == "DELETE":
        return sum(len([p for p in str(v).split(",") if p.strip()]) for v in _ids_in(case))
    return len(case.body) if isinstance(case.body, list) else None


def _as_sent(case: Any) -> str:
    return json.dumps(case.query if case.operation.method.upper() == "DELETE" else case.body)


def _ids_in(case: Any) -> list[Any]:
    """The `id` values of a DELETE's query (repeated parameters)."""
    given = case.query.get("id") if isinstance(case.query, dict) else None
    return given if isinstance(given, list) else [] if given is None else [given]


def results_problem(case: Any, r: httpx.Response) -> str | None:
    """What is wrong with a 201: not the document's per-item results, or not one per item."""
    try:
        case.validate_response(r, checks=[response_schema_conformance])
    except FailureGroup as exc:
        return f"per-item results do not conform: {str(exc)[:300]}"
    want = sent_items(case)
    if want is not None and len(r.json()) != want:
        return f"{len(r.json())} results for {want} items"
    return None


def empty_write(case: Any) -> bool:
    if case.operation.method.upper() == "DELETE":
        return not sent_items(case)
    return case.body is None or case.body is NOT_SET


def positive_problem(case: Any, r: httpx.Response) -> str | None:
    if r.status_code == EMPTY_WRITE[0] and empty_write(case):
        return error_body(r)
    return problem(case, r) or (results_problem(case, r) if r.status_code == 201 else None)


def negative_problem(case: Any, r: httpx.Response) -> str | None:
    if r.status_code >= 500:
        return f"server error {r.status_code}"
    if r.status_code >= 400:
        return error_body(r)
    if r.status_code != 201:
        return f"{r.status_code} is neither an error nor the per-item results"
    return results_problem(case, r)


LONG_TEXT = re.compile(r"^.{12,}$", re.S)


@cache
def vocabulary() -> frozenset[str]:
    """The words of the document's enums: an error may list them ("override must be one of
    none, ... noCheckInOrCheckOut"), and repeating one is not repeating what was sent."""
    words: set[str] = set()
    pending: list[Any] = [beds24_json()]
    while pending:
        node = pending.pop()
        if isinstance(node, dict):
            words.update(w for w in node.get("enum", []) if isinstance(w, str))
            pending.extend(node.values())
        elif isinstance(node, list):
            pending.extend(node)
    return frozenset(words)


def echoes(r: httpx.Response, token: str, sent: bytes | None) -> str | None:
    """The token in the answer; or a text the request sent in an error (a 4xx, or an item's
    errors): messages say what was wrong and where, never repeating what was sent."""
    if token in r.text:
        return "the answer echoes the token"
    if not sent or r.status_code not in (201, *range(400, 500)):
        return None
    try:
        texts = _strings(json.loads(sent), LONG_TEXT) - vocabulary()
    except ValueError:
        return None
    if r.status_code == 201:
        said = json.dumps([item.get("errors") for item in r.json() if isinstance(item, dict)])
    else:
        said = r.text
    for text in texts:
        if json.dumps(text)[1:-1] in said:
            return f"an error repeats a text of the request: {text[:60]!r}"
    return None


@dataclass
class Run:
    """Sends cases, each on its own rolled-back savepoint, and collects one example of each
    kind of problem."""

    client: httpx.AsyncClient
    conn: AsyncConnection
    token: dict[str, str]
    sent: dict[tuple[str, str], int] = field(default_factory=dict)
    failures: dict[str, str] = field(default_factory=dict)

    async def send(
        self, case: Any, label: str, check: Callable[[Any, httpx.Response], str | None]
    ) -> httpx.Response | None:
        try:
            method, url, headers, body = wire(case, self.token, PREFIX)
        except (ValueError, UnicodeError, requests.RequestException):
            return None
        name = name_of(case.operation)
        self.sent[name] = self.sent.get(name, 0) + 1
        r = await isolated(
            self.conn, lambda: self.client.request(method, url, headers=headers, content=body)
        )
        wrong = check(case, r) or echoes(r, self.token["token"], body)
        if wrong:
            self.fail(
                f"{label}: {_shape(wrong)} {_shape(_error_of(r))}",
                f"{label}: {wrong}\n  request: {method} {url}\n"
                f"  body: {(body or b'')[:600]!r}\n  answer: {r.text[:600]}",
            )
        return r

    def fail(self, kind: str, report: str) -> None:
        self.failures.setdefault(kind, report)

    def assert_clean(self) -> None:
        assert not self.failures, f"{len(self.failures)} distinct problems:\n\n" + "\n\n".join(
            self.failures.values()
        )


def _error_of(r: httpx.Response) -> str:
    try:
        body = r.json()
    except ValueError:
        return ""
    return str(body.get("error", "")) if isinstance(body, dict) else ""


def _shape(text: str) -> str:
    """A problem without its numbers and request ids: one report per kind of problem."""
    first = text.splitlines()[0] if text else ""
    return re.sub(r"[0-9a-f]{32}|-?\d+", "#", first)[:160]


async def isolated(
    conn: AsyncConnection, send: Callable[[], Awaitable[httpx.Response]]
) -> httpx.Response:
    """One request on a savepoint of the test's connection, rolled back after it (the
    request's own session commits to a savepoint inside this one)."""
    savepoint = await conn.begin_nested()
    try:
        return await send()
    finally:
        await savepoint.rollback()


def write_operations() -> list[Any]:
    return [op for op in operations() if name_of(op) in WRITES]


# --- tests -----------------------------------------------------------------------------------


def test_this_module_runs_the_writes_the_read_test_leaves_to_it() -> None:
    assert {name_of(op) for op in write_operations()} == WRITES
    assert WRITES <= NOT_RUN


async def test_each_write_carries_out_the_documents_examples(
    client: httpx.AsyncClient, db: AsyncSession, db_conn: AsyncConnection, pms: Pms
) -> None:
    ids = await seed_writes(db, pms)
    run = Run(client, db_conn, await pms.headers(*EVERY_SCOPE))
    carried_out: set[tuple[str, str]] = set()
    refused: set[tuple[str, str, str]] = set()
    for op in write_operations():
        name = name_of(op)
        for key, case in chosen_cases(op, ids).items():
            label = f"{' '.join(name)} [{key}]"
            r = await run.send(case, label, positive_problem)
            assert r is not None
            results = r.json() if r.status_code == 201 else []
            if (*name, key) in REFUSED:
                refused.add((*name, key))
                named = {e["field"] for item in results for e in item.get("errors", [])}
                if (
                    not results
                    or any(item["success"] for item in results)
                    or named != {REFUSED[(*name, key)][0]}
                ):
                    run.fail(label, f"{label}: not refused item by item: {r.text[:600]}")
            elif results and all(item["success"] for item in results):
                carried_out.add(name)
            else:
                run.fail(
                    label,
                    f"{label}: not carried out\n  sent: {_as_sent(case)}\n  answer: {r.text[:600]}",
                )
    run.assert_clean()
    assert refused == set(REFUSED), "REFUSED names an example that is no longer sent"
    assert WRITES - carried_out == {("POST", "/accounts")}  # its one example is REFUSED


@pytest.mark.parametrize("mode", [GenerationMode.POSITIVE, GenerationMode.NEGATIVE], ids=str)
async def test_generated_writes_are_answered_as_the_document_says(
    client: httpx.AsyncClient,
    db: AsyncSession,
    db_conn: AsyncConnection,
    pms: Pms,
    mode: GenerationMode,
) -> None:
    ids = await seed_writes(db, pms)
    run = Run(client, db_conn, await pms.headers(*EVERY_SCOPE))
    check = positive_problem if mode is GenerationMode.POSITIVE else negative_problem
    for op in write_operations():
        label = f"{' '.join(name_of(op))} [{mode.value}]"
        well_formed = next(iter(chosen_cases(op, ids).values()))
        for k, case in enumerate(examples(op.as_strategy(generation_mode=mode), EXAMPLES)):
            await run.send(varied(case, k, well_formed, ids), label, check)
    assert set(run.sent) == WRITES, f"never sent: {sorted(WRITES - set(run.sent))}"
    run.assert_clean()
