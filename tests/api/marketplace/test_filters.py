"""The list-filter language (spec §1.5) run as real queries against PostgreSQL.

Each test fills a temporary table (dropped with the test's transaction) with a few labelled
rows, applies `filters.build` to a query string, and checks which rows come back.
"""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime, timedelta, timezone
from decimal import Decimal

import pytest
from sqlalchemy import (
    Boolean,
    Column,
    Date,
    DateTime,
    Integer,
    MetaData,
    Numeric,
    Table,
    Text,
    Uuid,
    insert,
    select,
    text,
)
from sqlalchemy.ext.asyncio import AsyncSession

from staykit.api.marketplace import filters as flt
from staykit.core import clock
from staykit.core.errors import InvalidInput
from staykit.domain.auth.models import User
from tests.factories import make_user

probe = Table(
    "filter_probe",
    MetaData(),
    Column("id", Uuid, primary_key=True),
    Column("name", Text),
    Column("label", Text),
    Column("kind", Text),
    Column("flag", Boolean),
    Column("qty", Integer),
    Column("price", Numeric(12, 2)),
    Column("day", Date),
    Column("at", DateTime(timezone=True)),
)

SPECS = {
    "id": flt.FilterSpec("id", probe.c.id, flt.Kind.ID),
    "label": flt.FilterSpec("label", probe.c.label, flt.Kind.STRING),
    "kind": flt.FilterSpec("kind", probe.c.kind, flt.Kind.ENUM, ("apartment", "house", "villa")),
    "flag": flt.FilterSpec("flag", probe.c.flag, flt.Kind.BOOL),
    "qty": flt.FilterSpec("qty", probe.c.qty, flt.Kind.INT),
    "price": flt.FilterSpec("price", probe.c.price, flt.Kind.DOUBLE),
    "day": flt.FilterSpec("day", probe.c.day, flt.Kind.DATE),
    "at": flt.FilterSpec("at", probe.c.at, flt.Kind.DATETIME),
}

IDS = {n: uuid.UUID(int=i) for i, n in enumerate(("r1", "r2", "r3", "r4", "r5"), start=1)}
ROWS = [
    {
        "name": "r1",
        "label": "100% natural",
        "kind": "apartment",
        "flag": True,
        "qty": 5,
        "price": Decimal("19.99"),
        "day": date(2024, 3, 10),
        "at": datetime(2024, 3, 10, 23, 30, tzinfo=UTC),
    },
    {
        "name": "r2",
        "label": "1000 Natural",
        "kind": "House",
        "flag": False,
        "qty": -3,
        "price": Decimal("-5.50"),
        "day": date(2024, 3, 4),
        # 00:10 in UTC+2 is still the 9th in UTC: dates of instants are UTC dates
        "at": datetime(2024, 3, 10, 0, 10, tzinfo=timezone(timedelta(hours=2))),
    },
    {
        "name": "r3",
        "label": "Snake_case tag",
        "kind": "villa",
        "flag": None,
        "qty": 0,
        "price": Decimal("100"),
        "day": date(2024, 2, 28),
        "at": datetime(2024, 2, 10, 8, 0, tzinfo=UTC),
    },
    {
        "name": "r4",
        "label": "back\\slash",
        "kind": None,
        "flag": True,
        "qty": 12,
        "price": None,
        "day": None,
        "at": None,
    },
    {
        "name": "r5",
        "label": None,
        "kind": "apartment",
        "flag": False,
        "qty": None,
        "price": Decimal("0.50"),
        "day": date(2024, 3, 20),  # in the future of the frozen clock
        "at": datetime(2024, 3, 4, 12, 0, tzinfo=UTC),
    },
]

NOW = datetime(2024, 3, 10, 12, 0, tzinfo=UTC)  # a Sunday


@pytest.fixture
def frozen_at() -> datetime:
    return NOW


@pytest.fixture
async def table(db: AsyncSession) -> AsyncSession:
    await db.execute(
        text(
            "CREATE TEMP TABLE filter_probe (id uuid PRIMARY KEY, name text, label text, "
            "kind text, flag boolean, qty integer, price numeric(12,2), day date, "
            "at timestamptz) ON COMMIT DROP"
        )
    )
    await db.execute(insert(probe), [{**row, "id": IDS[row["name"]]} for row in ROWS])
    return db


async def names(db: AsyncSession, *params: tuple[str, str]) -> set[str]:
    conditions = flt.build(SPECS, list(params))
    rows = await db.scalars(select(probe.c.name).where(*conditions))
    return set(rows.all())


def rejected(name: str, value: str) -> InvalidInput:
    with pytest.raises(InvalidInput) as caught:
        flt.build(SPECS, [(name, value)])
    assert caught.value.field == name
    assert caught.value.status == 400
    assert caught.value.code == f"{name}FilterIsInvalid"
    assert caught.value.message.startswith(f"Filter {name}:")
    return caught.value


# --- strings ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("natural", {"r1", "r2"}),
        ("NATURAL", {"r1", "r2"}),
        ("snake_CASE", {"r3"}),
        ("%", {"r1"}),  # a literal percent sign, not a wildcard
        ("0%", {"r1"}),
        ("_", {"r3"}),  # a literal underscore, not "any character"
        ("\\", {"r4"}),  # the escape character itself is literal
        ("100", {"r1", "r2"}),
        ("natural%x", set()),
    ],
)
async def test_string_filter_is_partial_case_insensitive_and_literal(
    table: AsyncSession, value: str, expected: set[str]
) -> None:
    assert await names(table, ("label", value)) == expected


async def test_string_filter_on_a_real_model_column(db: AsyncSession) -> None:
    tagged = await make_user(db, fullname="Ada 50% Lovelace")
    await make_user(db, fullname="Ada 500 Lovelace")
    spec = {"fullname": flt.FilterSpec("fullname", User.fullname, flt.Kind.STRING)}
    rows = await db.scalars(select(User.id).where(*flt.build(spec, [("fullname", "50%")])))
    assert rows.all() == [tagged.user.id]


# --- ids, enums, booleans ----------------------------------------------------------------------


async def test_id_filter_is_exact(table: AsyncSession) -> None:
    assert await names(table, ("id", str(IDS["r2"]))) == {"r2"}
    assert await names(table, ("id", str(IDS["r2"]).upper())) == {"r2"}
    assert await names(table, ("id", str(uuid.uuid4()))) == set()


@pytest.mark.parametrize("value", ["not-an-id", "1234", str(IDS["r1"])[:-1], "' OR 1=1 --"])
async def test_malformed_id_is_rejected_naming_the_filter(value: str) -> None:
    err = rejected("id", value)
    assert "valid id" in err.message


@pytest.mark.parametrize(
    ("value", "expected"),
    [("house", {"r2"}), ("HOUSE", {"r2"}), ("Apartment", {"r1", "r5"}), ("villa", {"r3"})],
)
async def test_enum_filter_is_exact_and_case_insensitive(
    table: AsyncSession, value: str, expected: set[str]
) -> None:
    assert await names(table, ("kind", value)) == expected


async def test_enum_filter_does_not_match_partially(table: AsyncSession) -> None:
    rejected("kind", "apart")


async def test_unknown_enum_value_is_rejected_listing_the_allowed_ones() -> None:
    err = rejected("kind", "castle")
    assert "apartment, house, villa" in err.message


@pytest.mark.parametrize(
    ("value", "expected"),
    [("true", {"r1", "r4"}), ("false", {"r2", "r5"}), ("TRUE", {"r1", "r4"}), ("null", {"r3"})],
)
async def test_bool_filter(table: AsyncSession, value: str, expected: set[str]) -> None:
    assert await names(table, ("flag", value)) == expected


@pytest.mark.parametrize("value", ["yes", "1", "tru", " true"])
async def test_bad_bool_is_rejected(value: str) -> None:
    rejected("flag", value)


# --- numbers -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("5", {"r1"}),
        ("-3", {"r2"}),
        ("0", {"r3"}),
        ("$lt-0", {"r2"}),
        ("$lte-0", {"r2", "r3"}),
        ("$gt-5", {"r4"}),
        ("$gte-5", {"r1", "r4"}),
        ("$gt--4", {"r1", "r2", "r3", "r4"}),
        ("$btw-0-5", {"r1", "r3"}),
        ("$btw--5-5", {"r1", "r2", "r3"}),
        ("$btw--5--1", {"r2"}),
        ("$btw-6-100", {"r4"}),
        ("$btw-5-0", set()),  # an empty range, not an error
        ("null", {"r5"}),
    ],
)
async def test_integer_filter_exact_and_ranges(
    table: AsyncSession, value: str, expected: set[str]
) -> None:
    assert await names(table, ("qty", value)) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("19.99", {"r1"}),
        ("-5.5", {"r2"}),
        ("$lt-0.5", {"r2"}),
        ("$lte-0.5", {"r2", "r5"}),
        ("$gt-19.99", {"r3"}),
        ("$gte-19.99", {"r1", "r3"}),
        ("$btw--10-20", {"r1", "r2", "r5"}),
        ("$btw--10.5--5.5", {"r2"}),
        ("$btw-0.5-19.99", {"r1", "r5"}),
        ("null", {"r4"}),
    ],
)
async def test_double_filter_exact_and_ranges(
    table: AsyncSession, value: str, expected: set[str]
) -> None:
    assert await names(table, ("price", value)) == expected


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("qty", "abc"),
        ("qty", "1.5"),
        ("qty", "$lt-"),
        ("qty", "$lt-x"),
        ("qty", "$btw-5"),
        ("qty", "$btw-1-2-3"),
        ("qty", "$btw--"),
        ("qty", "$foo-1"),
        ("price", "NaN"),
        ("price", "Infinity"),
        ("price", "1e999999"),
        ("price", "12,5"),
        ("price", "$btw-1"),
        ("price", "$gte-"),
    ],
)
async def test_malformed_number_is_rejected(name: str, value: str) -> None:
    rejected(name, value)


async def test_integer_at_the_columns_limits_is_accepted(table: AsyncSession) -> None:
    assert await names(table, ("qty", "2147483647")) == set()
    assert await names(table, ("qty", "$gte--2147483648")) == {"r1", "r2", "r3", "r4"}


@pytest.mark.parametrize("value", ["2147483648", "-2147483649", "$lt-" + "9" * 40])
async def test_integer_beyond_the_columns_range_is_rejected_not_a_database_error(
    value: str,
) -> None:
    err = rejected("qty", value)
    assert "2147483647" in err.message


async def test_huge_decimal_compares_without_a_database_error(table: AsyncSession) -> None:
    assert await names(table, ("price", "9" * 60)) == set()
    assert await names(table, ("price", "$lt-" + "9" * 60)) == {"r1", "r2", "r3", "r5"}


@pytest.mark.parametrize("name", ["label", "kind", "flag", "qty", "day", "id"])
async def test_empty_value_adds_no_condition(table: AsyncSession, name: str) -> None:
    assert await names(table, (name, "")) == {"r1", "r2", "r3", "r4", "r5"}
    assert await names(table, (name, ""), ("qty", "5")) == {"r1"}


# --- dates ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2024-03-04", {"r2"}),
        ("$today", {"r1"}),
        ("$ltoday", {"r2", "r3"}),
        ("$week", {"r1", "r2"}),  # the 7 days ending today: 2024-03-04 .. 2024-03-10
        ("$lweek", {"r3"}),  # before those 7 days
        ("$month", {"r1", "r2"}),  # 2024-03-01 .. today
        ("$leq-2024-03-04", {"r2", "r3"}),
        ("$lin-2024-03-04", {"r1", "r2", "r5"}),
        ("$btw-2024-03-01-2024-03-05", {"r2"}),
        ("$btw-2024-02-28-2024-03-10", {"r1", "r2", "r3"}),
        ("$lt-2024-03-04", {"r3"}),
        ("$gte-2024-03-10", {"r1", "r5"}),
        ("null", {"r4"}),
    ],
)
async def test_date_filter_values_and_keywords(
    table: AsyncSession, frozen: clock.FrozenClock, value: str, expected: set[str]
) -> None:
    assert await names(table, ("day", value)) == expected


async def test_date_keywords_follow_the_clock(
    table: AsyncSession, frozen: clock.FrozenClock
) -> None:
    frozen.advance(days=10)  # 2024-03-20
    assert await names(table, ("day", "$today")) == {"r5"}
    assert await names(table, ("day", "$week")) == {"r5"}
    assert await names(table, ("day", "$month")) == {"r1", "r2", "r5"}
    frozen.advance(days=12)  # 2024-04-01: a new month
    assert await names(table, ("day", "$month")) == set()


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2024-03-10", {"r1"}),  # r2's instant is 2024-03-09 in UTC
        ("2024-03-09", {"r2"}),
        ("$today", {"r1"}),
        ("$ltoday", {"r2", "r3", "r5"}),
        ("$week", {"r1", "r2", "r5"}),
        ("$lweek", {"r3"}),
        ("$btw-2024-03-04-2024-03-09", {"r2", "r5"}),
        ("null", {"r4"}),
    ],
)
async def test_timestamp_filter_compares_utc_dates(
    table: AsyncSession, frozen: clock.FrozenClock, value: str, expected: set[str]
) -> None:
    assert await names(table, ("at", value)) == expected


async def test_timestamp_filter_does_not_depend_on_the_session_time_zone(
    table: AsyncSession, frozen: clock.FrozenClock
) -> None:
    await table.execute(text("SET LOCAL TIME ZONE 'Asia/Tokyo'"))
    assert await names(table, ("at", "2024-03-10")) == {"r1"}
    assert await names(table, ("at", "$today")) == {"r1"}


@pytest.mark.parametrize(
    "value",
    [
        "2024-13-01",
        "2024-02-30",
        "10/03/2024",
        "20240310",  # ISO basic form: only YYYY-MM-DD is the documented syntax
        "2024-W10-1",
        "$yesterday",
        "$leq-",
        "$leq-someday",
        "$lin-2024-3-1",
        "$btw-2024-03-01",
        "$btw-2024-03-01-",
        "$btw-2024-03-01_2024-03-05",
        "$btw-2024-03-01-2024-03-05-x",
        "0000-01-01",
    ],
)
async def test_malformed_date_is_rejected(value: str) -> None:
    rejected("day", value)
    rejected("at", value)


# --- combination, null, size limits --------------------------------------------------------------


async def test_several_values_of_one_filter_are_ored(table: AsyncSession) -> None:
    assert await names(table, ("label", "snake"), ("label", "natural")) == {"r1", "r2", "r3"}
    assert await names(table, ("qty", "5"), ("qty", "null")) == {"r1", "r5"}
    assert await names(table, ("kind", "villa"), ("kind", "null")) == {"r3", "r4"}


async def test_different_filters_are_anded(table: AsyncSession) -> None:
    assert await names(table, ("label", "natural"), ("qty", "$gt-0")) == {"r1"}
    assert await names(table, ("label", "natural"), ("flag", "true"), ("qty", "-3")) == set()
    both = await names(table, ("label", "natural"), ("label", "snake"), ("price", "$gte-0"))
    assert both == {"r1", "r3"}


async def test_null_matches_missing_values_of_every_kind(table: AsyncSession) -> None:
    assert await names(table, ("label", "null")) == {"r5"}
    assert await names(table, ("id", "null")) == set()
    assert await names(table, ("kind", "null")) == {"r4"}


async def test_parameters_that_are_not_filters_are_ignored(table: AsyncSession) -> None:
    everything = {"r1", "r2", "r3", "r4", "r5"}
    assert await names(table, ("pageNumber", "x"), ("getJoins", "nope")) == everything


async def test_value_of_500_characters_is_accepted(table: AsyncSession) -> None:
    assert await names(table, ("label", "a" * 500)) == set()


@pytest.mark.parametrize("name", ["label", "id", "kind", "flag", "qty", "price", "day"])
async def test_value_over_500_characters_is_rejected(name: str) -> None:
    err = rejected(name, "1" * 501)
    assert "500" in err.message
    assert len(err.message) < 200  # the oversized value is not echoed back


async def test_nul_character_is_rejected_before_reaching_the_database(
    table: AsyncSession,
) -> None:
    rejected("label", "bad\x00value")
    # the transaction is still usable
    assert await names(table, ("label", "snake")) == {"r3"}
