"""What any request body may be: JSON nested at most 32 levels and numbers of at most 100
characters (a 400 naming the field, never a 500), JSON whatever the Content-Type says, and
no error that repeats what was sent: not the body, not a password, not a key."""

from __future__ import annotations

import json
from typing import Any

import httpx
import pytest
from sqlalchemy.ext.asyncio import AsyncSession

from staykit.domain.catalog.models import UnitType
from tests.api.marketplace.test_catalog_listings import LISTINGS
from tests.api.marketplace.test_catalog_listings import body as listing_body
from tests.api.marketplace.test_reservations_api import RESERVATIONS, stay
from tests.factories import Person, assert_error, make_user

LOGIN = "/auth-api/login"
REGISTER = "/auth-api/v1/registeruser"
SECRET = "Hunter2-correct-horse-battery"


def nested(levels: int) -> str:
    return '{"a": ' * levels + "1" + "}" * levels


def with_raw(body: dict[str, Any], name: str, raw_value: str) -> bytes:
    """`body` as JSON with one more member whose value is written as given."""
    return (json.dumps(body)[:-1] + f', "{name}": {raw_value}}}').encode()


def assert_no_500_logged(capfd: pytest.CaptureFixture[str]) -> None:
    out, err = capfd.readouterr()
    logged = out + err
    assert "unhandled error" not in logged
    assert "status=500" not in logged and '"status": 500' not in logged


async def post_json(client: httpx.AsyncClient, path: str, content: bytes, **headers: str) -> Any:
    return await client.post(
        path, content=content, headers={"content-type": "application/json", **headers}
    )


# --- nesting and numbers ---------------------------------------------------------------------


@pytest.mark.parametrize("levels", [320, 1000])
async def test_deeply_nested_reservation_snapshot_is_a_400_naming_the_field(
    client: httpx.AsyncClient,
    listing: UnitType,
    guest: Person,
    levels: int,
    capfd: pytest.CaptureFixture[str],
) -> None:
    content = with_raw(stay(listing), "bookingPoliciesSnapshot", nested(levels))
    r = await post_json(client, RESERVATIONS, content, **guest.headers)
    body = assert_error(
        r,
        400,
        field="bookingPoliciesSnapshot",
        message="errMsg_bookingPoliciesSnapshotIsInvalid",
    )
    assert "32 levels" in str(body["detail"])
    assert body["requestId"]
    assert_no_500_logged(capfd)


async def test_deeply_nested_listing_policies_are_a_400_naming_the_field(
    client: httpx.AsyncClient, host: Person, capfd: pytest.CaptureFixture[str]
) -> None:
    content = with_raw(listing_body(), "bookingPolicies", nested(1000))
    r = await post_json(client, LISTINGS, content, **host.headers)
    assert_error(r, 400, field="bookingPolicies", message="errMsg_bookingPoliciesIsInvalid")
    assert_no_500_logged(capfd)


async def test_nesting_up_to_the_limit_is_parsed(
    client: httpx.AsyncClient, listing: UnitType, guest: Person
) -> None:
    # 30 levels inside the snapshot, 31 with the body itself: within the limit of 32.
    content = with_raw(stay(listing), "bookingPoliciesSnapshot", nested(30))
    r = await post_json(client, RESERVATIONS, content, **guest.headers)
    assert r.status_code == 201, r.text


async def test_a_5000_digit_guest_count_is_a_400_naming_the_field(
    client: httpx.AsyncClient,
    listing: UnitType,
    guest: Person,
    capfd: pytest.CaptureFixture[str],
) -> None:
    request = stay(listing)
    del request["guestCount"]
    r = await post_json(
        client, RESERVATIONS, with_raw(request, "guestCount", "9" * 5000), **guest.headers
    )
    body = assert_error(r, 400, field="guestCount", message="errMsg_guestCountIsInvalid")
    assert "100 characters" in str(body["detail"])
    assert "9" * 101 not in r.text
    assert_no_500_logged(capfd)


async def test_a_long_number_deep_in_a_list_is_named_by_its_path(
    client: httpx.AsyncClient, host: Person
) -> None:
    content = with_raw(listing_body(), "photos", '["a.jpg", ' + "1" * 500 + "]")
    r = await post_json(client, LISTINGS, content, **host.headers)
    assert_error(r, 400, field="photos.1")


async def test_login_body_limits_hold_for_json_and_forms(client: httpx.AsyncClient) -> None:
    content = b'{"username": "a@example.test", "password": ' + b"1" * 5000 + b"}"
    r = await post_json(client, LOGIN, content)
    assert_error(r, 400, field="password")
    r = await client.post(
        LOGIN, content=content, headers={"content-type": "application/x-www-form-urlencoded"}
    )
    assert_error(r, 400, field="password")


@pytest.mark.parametrize(
    ("path", "field_key"),
    [("/cloudapi/auth/tokendetails", "errors"), ("/v2/authentication/details", "field")],
)
async def test_every_surface_bounds_json_bodies(
    client: httpx.AsyncClient, path: str, field_key: str, capfd: pytest.CaptureFixture[str]
) -> None:
    content = b'{"deep": ' + nested(1000).encode() + b"}"
    r = await post_json(client, path, content)
    assert r.status_code == 400, r.text
    assert "deep" in json.dumps(r.json()[field_key])
    assert_no_500_logged(capfd)


# --- nothing sent is repeated ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("content", "content_type"),
    [
        # curl -d '{...}' sends JSON as a form
        (json.dumps({"username": "nobody@example.test", "password": SECRET}), "form"),
        (f"username=nobody%40example.test&password={SECRET}&", "form"),
        (json.dumps({"username": "nobody@example.test", "password": SECRET}), "text/plain"),
        (f"username=nobody%40example.test&password={SECRET}", "text/plain"),
        (f"username=nobody%40example.test&password={SECRET}", None),
        (json.dumps({"username": "x", "password": SECRET, "role": "admin"}), "form"),
        (json.dumps({"username": "x", "password": SECRET, f"{SECRET} ": 1}), "text/plain"),
        (f'{{"username": "x", "password": "{SECRET}"', "application/json"),
    ],
)
async def test_login_never_repeats_the_password(
    client: httpx.AsyncClient, content: str, content_type: str | None
) -> None:
    kinds = {"form": "application/x-www-form-urlencoded"}
    headers = {"content-type": kinds.get(content_type, content_type)} if content_type else {}
    r = await client.post(LOGIN, content=content.encode(), headers=headers)
    assert 400 <= r.status_code < 500, r.text
    assert SECRET not in r.text and "Hunter2" not in r.text
    assert "requestId" in r.json()


async def test_json_sent_as_a_form_logs_in(client: httpx.AsyncClient, db: AsyncSession) -> None:
    person = await make_user(db)
    r = await client.post(
        LOGIN,
        content=json.dumps({"username": person.email, "password": person.password}).encode(),
        headers={"content-type": "application/x-www-form-urlencoded"},
    )
    assert r.status_code == 200, r.text


@pytest.mark.parametrize("content_type", ["text/plain", "application/octet-stream", None])
async def test_json_bodies_are_json_whatever_the_content_type(
    client: httpx.AsyncClient, content_type: str | None
) -> None:
    body = {"email": "not-an-address", "password": SECRET, "fullname": "Nora"}
    headers = {"content-type": content_type} if content_type else {}
    r = await client.post(REGISTER, content=json.dumps(body).encode(), headers=headers)
    assert_error(r, 400, field="email")
    assert SECRET not in r.text


async def test_a_form_sent_to_a_json_route_is_a_400_that_repeats_nothing(
    client: httpx.AsyncClient,
) -> None:
    r = await client.post(
        REGISTER, data={"email": "a@example.test", "password": SECRET, "fullname": "Nora"}
    )
    assert_error(r, 400, field="body")
    assert SECRET not in r.text


async def test_an_unknown_field_with_a_strange_name_is_not_repeated(
    client: httpx.AsyncClient,
) -> None:
    body = {"email": "a@example.test", "password": "long-enough-pw", "fullname": "Nora"}
    body[f"password={SECRET}"] = "x"
    r = await client.post(REGISTER, json=body)
    assert_error(r, 400, field="body", message="errMsg_bodyIsNotAllowed")
    assert SECRET not in r.text
    r = await client.post(REGISTER, json={**body, "role": "admin"} | {f"password={SECRET}": None})
    assert SECRET not in r.text


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("listingId", "secret-value-zzz"),
        ("checkIn", "2030-99-99T-secret"),
        ("guestCount", "secret-count"),
    ],
)
async def test_validation_messages_do_not_quote_the_value(
    client: httpx.AsyncClient, listing: UnitType, guest: Person, field: str, value: str
) -> None:
    r = await client.post(RESERVATIONS, json=stay(listing, **{field: value}), headers=guest.headers)
    assert_error(r, 400, field=field)
    assert "secret" not in r.text, r.text


async def test_email_messages_do_not_quote_the_address(client: httpx.AsyncClient) -> None:
    body = {"email": "sec<ret>@exa mple.test", "password": "long-enough-pw", "fullname": "Nora"}
    r = await client.post(REGISTER, json=body)
    assert_error(r, 400, field="email")
    for piece in ("sec", "ret", "exa", "<", ">"):
        assert piece not in str(r.json()["detail"]), r.text
