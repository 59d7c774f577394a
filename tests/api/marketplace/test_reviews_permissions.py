"""Who may do what with a review, over the seven routes (spec §6.2): the stay's guest
(the reviewer) and host, another guest and another host, an admin, a moderator (the
reviews.moderate permission) and an anonymous caller; on a review still behind the
double-blind and on a published one."""

from __future__ import annotations

from typing import Any

import httpx
from sqlalchemy.ext.asyncio import AsyncSession

from staykit.domain.catalog.models import UnitType
from tests.api.marketplace.reviews import (
    AGGREGATES,
    REVIEWS,
    completed_stay,
    guest_review,
    host_review,
    submit,
    visible_ids,
)
from tests.factories import Person, make_listing, make_logged_in

ACTORS = ("guest", "host", "other_guest", "other_host", "admin", "moderator", "anonymous")


async def cast(
    client: httpx.AsyncClient, db: AsyncSession, guest: Person, host: Person, admin: Person
) -> dict[str, Person | None]:
    other_guest = await make_logged_in(client, db)
    other_host = await make_logged_in(client, db)
    await make_listing(db, other_host, title="Another host's flat")
    moderator = await make_logged_in(client, db)
    grant = {"permissionName": "reviews.moderate", "subjectUserId": moderator.id, "canDo": True}
    r = await client.post("/auth-api/v1/givenpermissions", json=grant, headers=admin.headers)
    assert r.status_code == 201, r.text
    return {
        "guest": guest,
        "host": host,
        "other_guest": other_guest,
        "other_host": other_host,
        "admin": admin,
        "moderator": moderator,
        "anonymous": None,
    }


def h(person: Person | None) -> dict[str, str]:
    return person.headers if person is not None else {}


async def statuses(
    client: httpx.AsyncClient,
    people: dict[str, Person | None],
    method: str,
    url: str,
    body: Any = None,
    only: tuple[str, ...] = ACTORS,
) -> dict[str, int]:
    out = {}
    for name in only:
        r = await client.request(method, url, json=body, headers=h(people[name]))
        out[name] = r.status_code
    return out


async def test_permissions_on_a_review_behind_the_double_blind(
    client: httpx.AsyncClient,
    db: AsyncSession,
    guest: Person,
    host: Person,
    admin: Person,
    listing: UnitType,
) -> None:
    people = await cast(client, db, guest, host, admin)
    stay = await completed_stay(client, db, guest, listing)
    review = await submit(client, guest, guest_review(stay))
    url = f"{REVIEWS}/{review['id']}"
    hidden = {"host": 404, "other_guest": 404, "other_host": 404, "anonymous": 404}
    assert await statuses(client, people, "GET", url) == {
        **hidden,
        "guest": 200,
        "admin": 200,
        "moderator": 200,
    }
    listed = {n: review["id"] in await visible_ids(client, p) for n, p in people.items()}
    assert listed == {
        "guest": True, "host": False, "other_guest": False, "other_host": False,
        "admin": True, "moderator": True, "anonymous": False,
    }  # fmt: skip
    others = ("other_guest", "other_host", "admin", "moderator", "anonymous")
    assert await statuses(client, people, "POST", REVIEWS, guest_review(stay), others) == {
        "other_guest": 404, "other_host": 404, "admin": 403, "moderator": 404, "anonymous": 401
    }  # fmt: skip
    assert await statuses(client, people, "PATCH", url, {"rating": 2}) == {
        **hidden, "anonymous": 401, "guest": 200, "admin": 403, "moderator": 403
    }  # fmt: skip
    assert await statuses(client, people, "PATCH", url, {"moderationStatus": "approved"}) == {
        **hidden, "anonymous": 401, "guest": 403, "admin": 200, "moderator": 200
    }  # fmt: skip
    refused = ("host", "other_guest", "other_host", "anonymous")
    assert await statuses(client, people, "DELETE", url, only=refused) == {
        **hidden,
        "anonymous": 401,
    }
    for name in ACTORS:  # the aggregates are public and count nothing yet
        r = await client.get(AGGREGATES, headers=h(people[name]))
        assert r.status_code == 200 and r.json()["reviewAggregates"] == []
    assert await statuses(client, people, "DELETE", url, only=("moderator",)) == {"moderator": 200}


async def test_permissions_on_a_published_review(
    client: httpx.AsyncClient,
    db: AsyncSession,
    guest: Person,
    host: Person,
    admin: Person,
    listing: UnitType,
) -> None:
    people = await cast(client, db, guest, host, admin)
    stay = await completed_stay(client, db, guest, listing)
    review = await submit(client, guest, guest_review(stay))
    await submit(client, host, host_review(stay))
    url = f"{REVIEWS}/{review['id']}"
    assert set((await statuses(client, people, "GET", url)).values()) == {200}
    assert {n: review["id"] in await visible_ids(client, p) for n, p in people.items()} == {
        n: True for n in ACTORS
    }
    strangers = {"host": 403, "other_guest": 403, "other_host": 403, "anonymous": 401}
    assert await statuses(client, people, "PATCH", url, {"rating": 2}) == {
        **strangers, "guest": 409, "admin": 403, "moderator": 403
    }  # fmt: skip
    assert await statuses(client, people, "PATCH", url, {"moderationStatus": "approved"}) == {
        **strangers, "guest": 403, "admin": 200, "moderator": 200
    }  # fmt: skip
    assert await statuses(client, people, "DELETE", url, only=(*strangers, "guest")) == {
        **strangers,
        "guest": 409,
    }
    r = await client.get(AGGREGATES, params={"revieweeType": "listing"})
    aggregate_url = f"{AGGREGATES}/{r.json()['reviewAggregates'][0]['id']}"
    assert set((await statuses(client, people, "GET", aggregate_url)).values()) == {200}
    assert await statuses(client, people, "DELETE", url, only=("admin",)) == {"admin": 200}
