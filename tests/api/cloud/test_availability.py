"""Cloud API /availability: the unit and unit type calendars and the availability blocks.

The scene (the `pms` tenant, dates D+10 .. D+16, D = today):
- queen (Queen 1, Queen 2): a reservation on Queen 1 for the nights D+10, D+11; a
  maintenance block on Queen 2 for D+11, D+12; stop-sell on D+14; a cap of 1 on D+15.
- cabin (Cabin): a reservation for D+13, D+14; a cap of 0 on D+16.
"""

from __future__ import annotations

import uuid
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

import httpx
import pytest
from sqlalchemy import event, update
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession

from staykit.api.cloud.auth import TENANT_HEADER
from staykit.api.cloud.availability_schemas import (
    AvailabilityBlock,
    UnitAvailability,
    UnitTypeAvailability,
)
from staykit.core.errors import Conflict
from staykit.domain.booking.commands import NewReservation
from staykit.domain.booking.create import create_reservation
from staykit.domain.catalog.availability import sellable_units
from staykit.domain.catalog.blocks import create_block
from staykit.domain.catalog.models import AvailabilityBlock as BlockRow
from staykit.domain.catalog.models import Unit
from staykit.domain.tenancy.models import BusinessMember
from staykit.domain.tenancy.service import ensure_business
from tests.factories import (
    actor_of,
    add_member,
    add_units,
    days_from,
    inventory_day,
    make_user,
    partner_token,
)
from tests.pms import Pms

UNIT = "/cloudapi/availability/calendar/unit"
TYPE = "/cloudapi/availability/calendar/type"
BLOCKS = "/cloudapi/availability/blocks/byDate"

day = days_from()
A, R, B = "Available", "Reserved", "Blocked"


@dataclass
class Scene:
    pms: Pms
    headers: dict[str, str]
    block: BlockRow

    @property
    def span(self) -> dict[str, str]:
        return {"from": day(10).isoformat(), "to": day(16).isoformat()}


@pytest.fixture
async def scene(db: AsyncSession, pms: Pms) -> Scene:
    host = actor_of(pms.host)
    queen_1, queen_2 = pms.queen_units
    await create_reservation(
        db,
        host,
        NewReservation(
            pms.queen.id, day(10), day(12), adults=1, unit_id=queen_1.id, source="cloud"
        ),
    )
    block = await create_block(
        db, host, queen_2.id, day(11), day(13), "maintenance", note="Boiler service"
    )
    await inventory_day(db, pms.queen, day(14), stop_sell=True)
    await inventory_day(db, pms.queen, day(15), availability_cap=1)
    await create_reservation(
        db, host, NewReservation(pms.cabin.id, day(13), day(15), adults=2, source="cloud")
    )
    await inventory_day(db, pms.cabin, day(16), availability_cap=0)
    await db.commit()
    return Scene(pms, await pms.headers("read:inventory"), block)


def metrics(*triples: tuple[int, int, int]) -> list[dict[str, int]]:
    return [{"available": a, "reserved": r, "blocked": b} for a, r, b in triples]


def problem(r: httpx.Response, status: int, *, code: str | None = None) -> dict[str, Any]:
    assert r.status_code == status, r.text
    assert r.headers["content-type"].startswith("application/problem+json")
    body: dict[str, Any] = r.json()
    assert body["status"] == status
    if code is not None:
        assert body["code"] == code, body
    return body


# --- the unit type calendar ------------------------------------------------------------------


async def test_type_calendar_counts_reservations_blocks_stop_sell_and_caps_per_night(
    client: httpx.AsyncClient, scene: Scene
) -> None:
    r = await client.get(TYPE, params=scene.span, headers=scene.headers)
    assert r.status_code == 200, r.text
    body = r.json()
    for item in body:
        UnitTypeAvailability.model_validate(item)
    pms = scene.pms
    # ordered by unit type name: "Cabin" before "Queen room"
    assert body == [
        {
            "unitTypeId": str(pms.cabin.id),
            "propertyId": str(pms.property.id),
            "startDate": day(10).isoformat(),
            "endDate": day(16).isoformat(),
            "unitCount": 1,
            "metrics": metrics(
                (1, 0, 0), (1, 0, 0), (1, 0, 0), (0, 1, 0), (0, 1, 0), (1, 0, 0), (0, 0, 1)
            ),
        },
        {
            "unitTypeId": str(pms.queen.id),
            "propertyId": str(pms.property.id),
            "startDate": day(10).isoformat(),
            "endDate": day(16).isoformat(),
            "unitCount": 2,
            "metrics": metrics(
                (1, 1, 0),  # D+10: Queen 1 reserved
                (0, 1, 1),  # D+11: Queen 1 reserved, Queen 2 blocked
                (1, 0, 1),  # D+12: Queen 2 blocked
                (2, 0, 0),
                (0, 0, 2),  # D+14: stop-sell
                (1, 0, 1),  # D+15: cap 1
                (2, 0, 0),
            ),
        },
    ]
    assert r.headers["X-RezStream-Api-Version"]


async def test_type_calendar_available_is_what_the_booking_engine_can_sell(
    client: httpx.AsyncClient, db: AsyncSession, scene: Scene
) -> None:
    r = await client.get(TYPE, params=scene.span, headers=scene.headers)
    for item in r.json():
        engine = await sellable_units(db, uuid.UUID(item["unitTypeId"]), day(10), day(17))
        assert [m["available"] for m in item["metrics"]] == list(engine.values())
        for m in item["metrics"]:
            assert m["available"] + m["reserved"] + m["blocked"] == item["unitCount"]


async def test_a_night_the_type_calendar_reports_unavailable_cannot_be_quoted_or_found(
    client: httpx.AsyncClient, scene: Scene
) -> None:
    r = await client.get(TYPE, params=scene.span, headers=scene.headers)
    for item in r.json():  # the cabin (a cap of 0 on D+16) and the queen
        listing = item["unitTypeId"]
        for offset, m in zip(range(10, 17), item["metrics"], strict=True):
            stay = {"checkIn": day(offset).isoformat(), "checkOut": day(offset + 1).isoformat()}
            q = await client.get(
                f"/propertycatalog-api/v1/listings/{listing}/quote",
                params={**stay, "guestCount": 1},
            )
            assert q.status_code == 200, q.text
            assert q.json()["quote"]["bookable"] is (m["available"] > 0), (listing, offset, m)
            found = await client.get(
                "/propertycatalog-api/v1/listings", params={**stay, "pageRowCount": 100}
            )
            assert found.status_code == 200, found.text
            ids = {hit["id"] for hit in found.json()["listings"]}
            assert (listing in ids) is (m["available"] > 0), (listing, offset, m)


async def test_type_calendar_filters_by_unit_type(client: httpx.AsyncClient, scene: Scene) -> None:
    pms = scene.pms
    one = await client.get(
        TYPE, params={**scene.span, "unitTypeId": str(pms.queen.id)}, headers=scene.headers
    )
    assert [i["unitTypeId"] for i in one.json()] == [str(pms.queen.id)]
    both = await client.get(
        TYPE,
        params=[
            ("from", scene.span["from"]),
            ("to", scene.span["to"]),
            ("unitTypeId", str(pms.queen.id)),
            ("unitTypeId", str(pms.cabin.id)),
        ],
        headers=scene.headers,
    )
    assert [i["unitTypeId"] for i in both.json()] == [str(pms.cabin.id), str(pms.queen.id)]


async def test_a_unit_type_with_no_units_reports_zero_of_everything(
    client: httpx.AsyncClient, db: AsyncSession, scene: Scene
) -> None:
    unit = scene.pms.cabin_unit
    unit.is_active = False  # taken out of service
    await db.commit()
    r = await client.get(TYPE, params=scene.span, headers=scene.headers)
    cabin = r.json()[0]
    assert cabin["unitTypeId"] == str(scene.pms.cabin.id) and cabin["unitCount"] == 0
    assert cabin["metrics"] == metrics(*[(0, 0, 0)] * 7)
    units = await client.get(UNIT, params=scene.span, headers=scene.headers)
    assert str(unit.id) not in {i["unitId"] for i in units.json()}


# --- the unit calendar -----------------------------------------------------------------------


async def test_unit_calendar_gives_each_unit_its_status_per_night(
    client: httpx.AsyncClient, scene: Scene
) -> None:
    r = await client.get(UNIT, params=scene.span, headers=scene.headers)
    assert r.status_code == 200, r.text
    body = r.json()
    for item in body:
        UnitAvailability.model_validate(item)
    pms = scene.pms
    queen_1, queen_2 = pms.queen_units
    span = {"startDate": day(10).isoformat(), "endDate": day(16).isoformat()}
    assert body == [
        {
            "unitId": str(pms.cabin_unit.id),
            "unitTypeId": str(pms.cabin.id),
            "propertyId": str(pms.property.id),
            **span,
            "statuses": [A, A, A, R, R, A, B],
        },
        {
            "unitId": str(queen_1.id),
            "unitTypeId": str(pms.queen.id),
            "propertyId": str(pms.property.id),
            **span,
            # the first free queen in unit order is the one the cap of 1 leaves for sale
            "statuses": [R, R, A, A, B, A, A],
        },
        {
            "unitId": str(queen_2.id),
            "unitTypeId": str(pms.queen.id),
            "propertyId": str(pms.property.id),
            **span,
            "statuses": [A, B, B, A, B, B, A],
        },
    ]


async def test_counting_a_types_unit_statuses_gives_its_metrics_on_every_date(
    client: httpx.AsyncClient, scene: Scene
) -> None:
    units = (await client.get(UNIT, params=scene.span, headers=scene.headers)).json()
    types = (await client.get(TYPE, params=scene.span, headers=scene.headers)).json()
    for item in types:
        mine = [u["statuses"] for u in units if u["unitTypeId"] == item["unitTypeId"]]
        assert len(mine) == item["unitCount"]
        for night, m in enumerate(item["metrics"]):
            counted = Counter(statuses[night] for statuses in mine)
            assert (counted[A], counted[R], counted[B]) == (
                m["available"],
                m["reserved"],
                m["blocked"],
            )


async def test_unit_calendar_filters_by_unit_and_keeps_the_cap_shared_with_the_others(
    client: httpx.AsyncClient, scene: Scene
) -> None:
    queen_2 = scene.pms.queen_units[1]
    r = await client.get(
        UNIT, params={**scene.span, "unitId": str(queen_2.id)}, headers=scene.headers
    )
    assert [(i["unitId"], i["statuses"]) for i in r.json()] == [
        (str(queen_2.id), [A, B, B, A, B, B, A])  # D+15: Queen 1 takes the cap's one unit
    ]
    by_type = await client.get(
        UNIT, params={**scene.span, "unitTypeId": str(scene.pms.cabin.id)}, headers=scene.headers
    )
    assert [i["unitId"] for i in by_type.json()] == [str(scene.pms.cabin_unit.id)]


async def test_one_date_range_gives_one_status_and_one_metric(
    client: httpx.AsyncClient, scene: Scene
) -> None:
    one = {"from": day(11).isoformat(), "to": day(11).isoformat()}
    units = (await client.get(UNIT, params=one, headers=scene.headers)).json()
    assert [u["statuses"] for u in units] == [[A], [R], [B]]
    types = (await client.get(TYPE, params=one, headers=scene.headers)).json()
    assert [t["metrics"] for t in types] == [metrics((1, 0, 0)), metrics((0, 1, 1))]


async def test_a_cancelled_reservation_frees_its_nights_in_both_calendars(
    client: httpx.AsyncClient, db: AsyncSession, scene: Scene
) -> None:
    from sqlalchemy import update

    from staykit.domain.catalog.models import Occupancy

    await db.execute(
        update(Occupancy)
        .where(Occupancy.kind == "reservation", Occupancy.unit_type_id == scene.pms.cabin.id)
        .values(active=False)
    )
    await db.commit()
    units = (await client.get(UNIT, params=scene.span, headers=scene.headers)).json()
    assert units[0]["statuses"] == [A, A, A, A, A, A, B]
    types = (await client.get(TYPE, params=scene.span, headers=scene.headers)).json()
    assert [m["reserved"] for m in types[0]["metrics"]] == [0] * 7


# --- blocks ----------------------------------------------------------------------------------


async def test_blocks_by_date_lists_the_blocks_overlapping_the_dates(
    client: httpx.AsyncClient, scene: Scene
) -> None:
    r = await client.get(BLOCKS, params=scene.span, headers=scene.headers)
    assert r.status_code == 200, r.text
    [block] = r.json()
    AvailabilityBlock.model_validate(block)
    pms = scene.pms
    assert {k: v for k, v in block.items() if k not in ("createdAt", "updatedAt")} == {
        "id": str(scene.block.id),
        "unitId": str(pms.queen_units[1].id),
        "unitTypeId": str(pms.queen.id),
        "propertyId": str(pms.property.id),
        "startDate": day(11).isoformat(),
        "endDate": day(12).isoformat(),  # the last night, included
        "arrival": day(11).isoformat(),
        "departure": day(13).isoformat(),
        "type": "Maintenance",
        "note": "Boiler service",
    }
    assert block["createdAt"] and block["updatedAt"]
    # reservations are not blocks; a range touching only the departure day has none
    for first, last in ((13, 20), (0, 10)):
        none = await client.get(
            BLOCKS,
            params={"from": day(first).isoformat(), "to": day(last).isoformat()},
            headers=scene.headers,
        )
        assert none.json() == [], (first, last)
    edge = await client.get(
        BLOCKS,
        params={"from": day(12).isoformat(), "to": day(12).isoformat()},
        headers=scene.headers,
    )
    assert [b["id"] for b in edge.json()] == [str(scene.block.id)]


async def test_blocks_name_their_type_and_skip_deleted_ones(
    client: httpx.AsyncClient, db: AsyncSession, scene: Scene
) -> None:
    host = actor_of(scene.pms.host)
    owner = await create_block(db, host, scene.pms.cabin_unit.id, day(20), day(22), "owner_stay")
    imported = await create_block(db, host, scene.pms.cabin_unit.id, day(22), day(23), "imported")
    scene.block.is_active = False
    await db.commit()
    r = await client.get(
        BLOCKS,
        params={"from": day(10).isoformat(), "to": day(30).isoformat()},
        headers=scene.headers,
    )
    assert [(b["id"], b["type"], b["note"]) for b in r.json()] == [
        (str(owner.id), "OwnerStay", None),
        (str(imported.id), "Imported", None),
    ]


def links(r: httpx.Response) -> dict[str, dict[str, str]]:
    """{rel: query parameters} of the Link headers."""
    found = {}
    for value in r.headers.get_list("link"):
        url, rel = value.split(">; rel=")
        parsed = httpx.URL(url.lstrip("<"))
        found[rel.strip('"')] = dict(parsed.params)
    return found


async def test_blocks_pages_with_first_prev_next_and_last_links(
    client: httpx.AsyncClient, db: AsyncSession, scene: Scene
) -> None:
    host = actor_of(scene.pms.host)
    cabin = scene.pms.cabin_unit.id
    made = [scene.block.id]
    for k in range(4):  # cabin blocks on D+20, D+22, D+24, D+26
        block = await create_block(db, host, cabin, day(20 + 2 * k), day(21 + 2 * k), "maintenance")
        made.append(block.id)
    await db.commit()
    span = {"from": day(10).isoformat(), "to": day(30).isoformat()}

    seen: list[str] = []
    page = {"skip": "0", "limit": "2"}
    rels_per_page = []
    while True:
        r = await client.get(BLOCKS, params={**span, **page}, headers=scene.headers)
        assert r.status_code == 200, r.text
        seen += [b["id"] for b in r.json()]
        rels = links(r)
        rels_per_page.append(sorted(rels))
        assert rels["first"] == {**span, "skip": "0", "limit": "2"}
        assert rels["last"] == {**span, "skip": "4", "limit": "2"}
        if "next" not in rels:
            break
        page = {"skip": rels["next"]["skip"], "limit": rels["next"]["limit"]}
    assert seen == [str(i) for i in made]
    assert rels_per_page == [
        ["first", "last", "next"],
        ["first", "last", "next", "prev"],
        ["first", "last", "prev"],
    ]
    assert rels["prev"] == {**span, "skip": "2", "limit": "2"}

    beyond = await client.get(
        BLOCKS, params={**span, "skip": "10", "limit": "2"}, headers=scene.headers
    )
    assert beyond.json() == []
    assert links(beyond)["last"]["skip"] == "4" and "next" not in links(beyond)


# --- scopes and tenants ----------------------------------------------------------------------


@pytest.mark.parametrize("path", [UNIT, TYPE, BLOCKS])
async def test_every_route_needs_read_inventory(
    client: httpx.AsyncClient, scene: Scene, path: str
) -> None:
    headers = await scene.pms.headers("read:bookings", "read:properties")
    body = problem(
        await client.get(path, params=scene.span, headers=headers), 403, code="insufficientScope"
    )
    assert "read:inventory" in body["detail"]
    # the scope is checked before the parameters
    problem(await client.get(path, params={"from": "x"}, headers=headers), 403)
    problem(await client.get(path, params=scene.span), 401)


async def test_another_businesss_ids_give_nothing(
    client: httpx.AsyncClient, db: AsyncSession, scene: Scene
) -> None:
    other = scene.pms.other_listing
    [other_unit] = (
        await db.execute(Unit.__table__.select().where(Unit.unit_type_id == other.id))
    ).all()
    for path, params in (
        (TYPE, {"unitTypeId": str(other.id)}),
        (UNIT, {"unitTypeId": str(other.id)}),
        (UNIT, {"unitId": str(other_unit.id)}),
        (UNIT, {"unitId": str(uuid.uuid4())}),
    ):
        r = await client.get(path, params={**scene.span, **params}, headers=scene.headers)
        assert r.status_code == 200, r.text
        assert r.json() == [], (path, params)


async def test_the_other_business_sees_only_its_own_calendar(
    client: httpx.AsyncClient, db: AsyncSession, scene: Scene
) -> None:
    other = scene.pms.other_listing
    host = await make_user(db)
    await add_member(db, other.business_id, host, "manager")
    made = await partner_token(db, host, [other.business_id], scopes=("read:inventory",))
    headers = {"Authorization": f"Bearer {made.value}"}
    types = (await client.get(TYPE, params=scene.span, headers=headers)).json()
    assert [t["unitTypeId"] for t in types] == [str(other.id)]
    assert types[0]["metrics"] == metrics(*[(1, 0, 0)] * 7)
    blocks = (await client.get(BLOCKS, params=scene.span, headers=headers)).json()
    assert blocks == []


async def test_a_multi_tenant_token_must_name_the_tenant(
    client: httpx.AsyncClient, db: AsyncSession, scene: Scene
) -> None:
    pms = scene.pms
    second = await ensure_business(db, actor_of(await make_user(db)))
    await add_member(db, second.id, pms.host, "manager")
    made = await partner_token(
        db, pms.host, [pms.business_id, second.id], kind="oauth", scopes=("read:inventory",)
    )
    headers = {"Authorization": f"Bearer {made.value}"}
    for path in (UNIT, TYPE, BLOCKS):
        problem(
            await client.get(path, params=scene.span, headers=headers), 401, code="tenantRequired"
        )
    named = await client.get(
        TYPE, params=scene.span, headers={**headers, TENANT_HEADER: str(pms.business_id)}
    )
    assert [t["unitTypeId"] for t in named.json()] == [str(pms.cabin.id), str(pms.queen.id)]
    theirs = await client.get(
        TYPE, params=scene.span, headers={**headers, TENANT_HEADER: str(second.id)}
    )
    assert theirs.json() == []


async def test_a_token_whose_user_left_the_business_reads_nothing(
    client: httpx.AsyncClient, db: AsyncSession, scene: Scene
) -> None:
    await db.execute(
        update(BusinessMember)
        .where(BusinessMember.user_id == scene.pms.host.user.id)
        .values(is_active=False)
    )
    await db.commit()
    for path in (UNIT, TYPE, BLOCKS):
        r = await client.get(path, params=scene.span, headers=scene.headers)
        assert r.status_code == 403 and r.json()["code"] == "tenantNotReadable", (path, r.text)


# --- bad parameters --------------------------------------------------------------------------


@pytest.mark.parametrize("path", [UNIT, TYPE, BLOCKS])
@pytest.mark.parametrize(
    ("params", "field", "code"),
    [
        ({"from": day(5).isoformat(), "to": day(4).isoformat()}, "to", "dateRangeIsReversed"),
        ({"from": day(0).isoformat(), "to": day(366).isoformat()}, "to", "dateRangeIsTooLong"),
        ({"from": "2026-02-30", "to": day(4).isoformat()}, "from", None),
        ({"from": day(0).isoformat(), "to": "tomorrow"}, "to", None),
        ({"to": day(4).isoformat()}, "from", None),
    ],
)
async def test_bad_dates_are_400_naming_the_field(
    client: httpx.AsyncClient,
    scene: Scene,
    path: str,
    params: dict[str, str],
    field: str,
    code: str | None,
) -> None:
    body = problem(await client.get(path, params=params, headers=scene.headers), 400, code=code)
    assert field in body["errors"], body


async def test_a_whole_year_and_a_day_is_accepted(client: httpx.AsyncClient, scene: Scene) -> None:
    span = {"from": day(0).isoformat(), "to": day(365).isoformat()}
    r = await client.get(TYPE, params=span, headers=scene.headers)
    assert r.status_code == 200, r.text
    assert [len(t["metrics"]) for t in r.json()] == [366, 366]
    units = await client.get(UNIT, params=span, headers=scene.headers)
    assert [len(u["statuses"]) for u in units.json()] == [366, 366, 366]


@pytest.mark.parametrize(
    ("path", "params", "field"),
    [
        (TYPE, {"unitTypeId": "not-a-uuid"}, "unitTypeId.0"),
        (UNIT, {"unitTypeId": "42"}, "unitTypeId.0"),
        (UNIT, {"unitId": "nope"}, "unitId.0"),
        (TYPE, {"unitTypeId": [str(uuid.uuid4()) for _ in range(101)]}, "unitTypeId"),
        (BLOCKS, {"skip": "-1"}, "skip"),
        (BLOCKS, {"limit": "0"}, "limit"),
        (BLOCKS, {"limit": "1001"}, "limit"),
        (BLOCKS, {"skip": "many"}, "skip"),
    ],
)
async def test_bad_filters_and_paging_are_400_naming_the_field(
    client: httpx.AsyncClient, scene: Scene, path: str, params: dict[str, Any], field: str
) -> None:
    r = await client.get(path, params={**scene.span, **params}, headers=scene.headers)
    body = problem(r, 400)
    assert field in body["errors"], body


async def test_the_openapi_document_describes_the_calendars(client: httpx.AsyncClient) -> None:
    doc = (await client.get("/cloudapi/openapi")).json()
    for path, schema in (
        ("/availability/calendar/unit", "UnitAvailability"),
        ("/availability/calendar/type", "UnitTypeAvailability"),
        ("/availability/blocks/byDate", "AvailabilityBlock"),
    ):
        get = doc["paths"][path]["get"]
        answer = get["responses"]["200"]["content"]["application/json"]["schema"]
        assert answer["items"]["$ref"].endswith(f"/{schema}"), (path, answer)
        assert get["security"] == [{"OAuth2": ["read:inventory"]}]


# --- cost ------------------------------------------------------------------------------------


@contextmanager
def statements(engine: AsyncEngine) -> Iterator[list[str]]:
    seen: list[str] = []

    def record(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        seen.append(statement)

    event.listen(engine.sync_engine, "before_cursor_execute", record)
    try:
        yield seen
    finally:
        event.remove(engine.sync_engine, "before_cursor_execute", record)


async def test_the_calendars_cost_the_same_statements_whatever_the_units_and_nights(
    client: httpx.AsyncClient, db: AsyncSession, engine: AsyncEngine, scene: Scene
) -> None:
    async def count(path: str, last: int) -> int:
        with statements(engine) as seen:
            r = await client.get(
                path,
                params={"from": day(10).isoformat(), "to": day(last).isoformat()},
                headers=scene.headers,
            )
            assert r.status_code == 200, r.text
        # queries, not the test harness's savepoints
        return sum(1 for sql in seen if sql.lstrip().upper().startswith(("SELECT", "WITH")))

    await count(TYPE, 10)  # the token's first use fills the token cache
    small = {path: await count(path, 10) for path in (UNIT, TYPE)}
    more = await add_units(db, scene.pms.queen, 4, names=[f"Queen {k}" for k in range(3, 7)])
    host = actor_of(scene.pms.host)
    for k, unit in enumerate(more):
        await create_block(db, host, unit.id, day(10 + k), day(12 + k), "maintenance")
    await db.commit()
    for path in (UNIT, TYPE):
        assert await count(path, 375) == small[path], path
    # the tenant rule's check that the token's user still reads the business, the
    # calendar domain's own tenancy check, and the calendar's one statement
    assert small == {UNIT: 3, TYPE: 3}, small


async def test_a_deleted_unit_type_is_not_listed(
    client: httpx.AsyncClient, db: AsyncSession, scene: Scene
) -> None:
    scene.pms.cabin.is_active = False
    await db.commit()
    for path in (TYPE, UNIT):
        r = await client.get(path, params=scene.span, headers=scene.headers)
        assert {i["unitTypeId"] for i in r.json()} == {str(scene.pms.queen.id)}, path
        named = await client.get(
            path,
            params={**scene.span, "unitTypeId": str(scene.pms.cabin.id)},
            headers=scene.headers,
        )
        assert named.json() == [], path


async def test_booking_the_last_sellable_unit_leaves_the_night_unavailable(
    client: httpx.AsyncClient, db: AsyncSession, scene: Scene
) -> None:
    pms, host = scene.pms, actor_of(scene.pms.host)
    one_night = {"from": day(12).isoformat(), "to": day(12).isoformat()}
    stay = NewReservation(pms.queen.id, day(12), day(13), adults=1, source="cloud")
    r = await client.get(TYPE, params=one_night, headers=scene.headers)
    assert r.json()[1]["metrics"] == metrics((1, 0, 1))
    await create_reservation(db, host, stay)
    await db.commit()
    r = await client.get(TYPE, params=one_night, headers=scene.headers)
    assert r.json()[1]["metrics"] == metrics((0, 1, 1))
    units = await client.get(UNIT, params=one_night, headers=scene.headers)
    assert [u["statuses"] for u in units.json()] == [[A], [R], [B]]
    with pytest.raises(Conflict):
        await create_reservation(db, host, stay)
