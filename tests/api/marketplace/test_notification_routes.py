"""The notification service's routes (/notification-api, spec §10): who may call each,
what each answers, and bad input named by field (and item index)."""

from __future__ import annotations

import base64
import uuid

import httpx
import pytest
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from staykit.domain.notifications.models import LiveEvent, OutboundMessage
from tests.factories import Person, assert_error, make_logged_in

API = "/notification-api"
UNKNOWN = "0190a000-0000-7000-8000-000000000000"
# A browser subscription's keys: a P-256 point (65 bytes) and a 16-byte secret.
P256DH = base64.urlsafe_b64encode(b"\x04" + bytes(range(64))).rstrip(b"=").decode()
AUTH = base64.urlsafe_b64encode(bytes(16)).rstrip(b"=").decode()
# Registering resolves the endpoint's host (the push URL guard): a loopback push service,
# which the test server allows, as the webhook tests' receivers.
ENDPOINT = "https://127.0.0.1:9/sub/1"


def auth(person: Person) -> dict[str, str]:
    return {"Authorization": f"Bearer {person.token}"}


def device(endpoint: str = ENDPOINT, **extra: object) -> dict[str, object]:
    return {"device": {"endpoint": endpoint, "keys": {"p256dh": P256DH, "auth": AUTH}, **extra}}


async def send(
    client: httpx.AsyncClient, admin: Person, recipients: list[Person], **fields: object
) -> httpx.Response:
    body = {"recipients": [str(p.user.id) for p in recipients], "title": "Hello", **fields}
    return await client.post(
        f"{API}/notifications", json={"notification": body}, headers=auth(admin)
    )


# --- sending and listing -------------------------------------------------------------------------


async def test_an_admin_sends_and_each_recipient_lists_only_their_own(
    client: httpx.AsyncClient, admin: Person, guest: Person, host: Person, other: Person
) -> None:
    r = await send(client, admin, [guest, host], body="Maintenance tonight", data={"k": 1})
    assert r.status_code == 201, r.text
    sent = r.json()
    assert sent["dataName"] == "notifications" and sent["action"] == "create"
    assert {n["title"] for n in sent["notifications"]} == {"Hello"}
    assert len(sent["notifications"]) == 2
    for person in (guest, host):
        r = await client.get(f"{API}/notifications", headers=auth(person))
        assert r.status_code == 200, r.text
        body = r.json()
        [mine] = body["notifications"]
        assert mine["body"] == "Maintenance tonight" and mine["data"] == {"k": 1}
        assert mine["event"] == "announcement" and mine["seenAt"] is None
        assert mine["senderId"] == str(admin.user.id)
        assert body["paging"]["totalRowCount"] == 1 and body["unseenCount"] == 1
    r = await client.get(f"{API}/notifications", headers=auth(other))
    assert r.json()["notifications"] == [] and r.json()["paging"]["totalRowCount"] == 0


async def test_pages_and_sort_order(
    client: httpx.AsyncClient, admin: Person, guest: Person
) -> None:
    for i in range(5):
        assert (await send(client, admin, [guest], title=f"n{i}")).status_code == 201
    r = await client.get(
        f"{API}/notifications", params={"limit": 2, "page": 2}, headers=auth(guest)
    )
    body = r.json()
    assert [n["title"] for n in body["notifications"]] == ["n2", "n1"]  # newest first
    assert body["paging"] == {
        "pageNumber": 2,
        "pageRowCount": 2,
        "totalRowCount": 5,
        "pageCount": 3,
    }
    r = await client.get(
        f"{API}/notifications", params={"sortBy": "createdAt"}, headers=auth(guest)
    )
    assert [n["title"] for n in r.json()["notifications"]] == [f"n{i}" for i in range(5)]
    seqs = [n["seq"] for n in r.json()["notifications"]]
    assert seqs == sorted(seqs) and len(set(seqs)) == 5


async def test_only_admins_send(client: httpx.AsyncClient, guest: Person, host: Person) -> None:
    r = await send(client, guest, [host])
    assert_error(r, 403, message="errMsg_adminRoleRequired")
    r = await client.post(
        f"{API}/notifications",
        json={"notification": {"recipients": [str(host.user.id)], "title": "x"}},
    )
    assert_error(r, 401)


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("GET", "/notifications"),
        ("POST", "/notifications/seen"),
        ("POST", "/devices/register"),
        ("DELETE", f"/devices/unregister/{UNKNOWN}"),
        ("GET", "/devices"),
        ("GET", "/preferences"),
        ("PATCH", "/preferences"),
        ("GET", "/stream"),
    ],
)
async def test_every_route_of_a_user_refuses_anonymous_callers(
    client: httpx.AsyncClient, method: str, path: str
) -> None:
    r = await client.request(method, API + path, json={} if method != "GET" else None)
    assert r.status_code in (400, 401), r.text
    if method in ("GET", "DELETE"):
        assert_error(r, 401)


async def test_a_bad_token_is_401_not_a_silent_anonymous_answer(client: httpx.AsyncClient) -> None:
    r = await client.get(f"{API}/notifications", headers={"Authorization": "Bearer nope"})
    assert_error(r, 401)


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"recipients": []}, "notification.recipients"),
        ({"recipients": ["not-an-id"]}, "notification.recipients.0"),
        ({"title": ""}, "notification.title"),
        ({"title": "x" * 201}, "notification.title"),
        ({"body": "x" * 2001}, "notification.body"),
        ({"channels": ["inApp", "pigeon"]}, "notification.channels.1"),
        ({"event": "party"}, "notification.event"),
        ({"data": {"blob": "x" * 5000}}, "notification.data"),
        ({"data": "text"}, "notification.data"),
        ({"sender": "me"}, "notification.sender"),
    ],
)
async def test_bad_notifications_are_400_naming_the_field(
    client: httpx.AsyncClient, admin: Person, guest: Person, fields: dict[str, object], field: str
) -> None:
    body = {"recipients": [str(guest.user.id)], "title": "Hello", **fields}
    r = await client.post(f"{API}/notifications", json={"notification": body}, headers=auth(admin))
    assert_error(r, 400, field=field)


async def test_an_unknown_recipient_is_400_naming_its_place(
    client: httpx.AsyncClient, admin: Person, guest: Person, db: AsyncSession
) -> None:
    body = {"recipients": [str(guest.user.id), UNKNOWN], "title": "Hello"}
    r = await client.post(f"{API}/notifications", json={"notification": body}, headers=auth(admin))
    assert_error(r, 400, field="notification.recipients.1")
    assert await db.scalar(select(func.count()).select_from(LiveEvent)) == 0  # nothing half-sent
    r = await client.post(f"{API}/notifications", json={}, headers=auth(admin))
    assert_error(r, 400, field="notification")


async def test_too_many_recipients_at_once_is_400(
    client: httpx.AsyncClient,
    admin: Person,
    guest: Person,
    app: object,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(app.state.settings, "notification_max_recipients", 1)  # type: ignore[attr-defined]
    r = await send(client, admin, [guest, admin])
    assert_error(r, 400, field="notification.recipients")


async def test_an_oversized_body_is_413(client: httpx.AsyncClient, admin: Person) -> None:
    r = await client.post(
        f"{API}/notifications",
        content=b'{"notification": {"title": "' + b"x" * 1_100_000 + b'"}}',
        headers={**auth(admin), "Content-Type": "application/json"},
    )
    assert_error(r, 413)


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"page": 0}, "page"),
        ({"page": "one"}, "page"),
        ({"limit": 101}, "limit"),
        ({"limit": 0}, "limit"),
        ({"sortBy": "title"}, "sortBy"),
        ({"pageSize": 3}, "pageSize"),
    ],
)
async def test_bad_list_parameters_are_400_naming_them(
    client: httpx.AsyncClient, guest: Person, params: dict[str, object], field: str
) -> None:
    r = await client.get(f"{API}/notifications", params=params, headers=auth(guest))
    assert_error(r, 400, field=field)


# --- seen ----------------------------------------------------------------------------------------


async def test_marking_seen_marks_only_the_callers_own(
    client: httpx.AsyncClient, admin: Person, guest: Person, host: Person
) -> None:
    sent = (await send(client, admin, [guest, host])).json()["notifications"]
    [guests] = await _ids(client, guest)
    hosts = next(n["id"] for n in sent if n["id"] != guests)
    r = await client.post(
        f"{API}/notifications/seen", json={"notificationIds": [hosts]}, headers=auth(guest)
    )
    assert_error(r, 404, field="notificationIds.0")
    r = await client.post(
        f"{API}/notifications/seen",
        json={"notificationIds": [guests, UNKNOWN]},
        headers=auth(guest),
    )
    assert_error(r, 404, field="notificationIds.1")
    r = await client.post(
        f"{API}/notifications/seen", json={"notificationIds": [guests]}, headers=auth(guest)
    )
    assert r.status_code == 200, r.text
    [seen] = r.json()["notifications"]
    assert seen["seenAt"] is not None
    listed = (await client.get(f"{API}/notifications", headers=auth(guest))).json()
    assert listed["unseenCount"] == 0 and listed["notifications"][0]["seenAt"] == seen["seenAt"]
    again = await client.post(
        f"{API}/notifications/seen", json={"notificationIds": [guests]}, headers=auth(guest)
    )
    assert again.json()["notifications"][0]["seenAt"] == seen["seenAt"]  # keeps its first time
    assert (await client.get(f"{API}/notifications", headers=auth(host))).json()["unseenCount"] == 1


async def _ids(client: httpx.AsyncClient, person: Person) -> set[str]:
    r = await client.get(f"{API}/notifications", headers=auth(person))
    return {n["id"] for n in r.json()["notifications"]}


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({}, "notificationIds"),
        ({"notificationIds": []}, "notificationIds"),
        ({"notificationIds": ["x"]}, "notificationIds.0"),
        ({"notificationIds": "abc"}, "notificationIds"),
    ],
)
async def test_bad_seen_bodies_are_400(
    client: httpx.AsyncClient, guest: Person, body: dict[str, object], field: str
) -> None:
    r = await client.post(f"{API}/notifications/seen", json=body, headers=auth(guest))
    assert_error(r, 400, field=field)


# --- devices -------------------------------------------------------------------------------------


async def test_devices_register_again_and_unregister_only_by_their_owner(
    client: httpx.AsyncClient, guest: Person, host: Person
) -> None:
    r = await client.post(
        f"{API}/devices/register", json=device(name="Firefox"), headers=auth(guest)
    )
    assert r.status_code == 201, r.text
    first = r.json()["device"]
    assert first["name"] == "Firefox" and first["isActive"] is True
    again = await client.post(
        f"{API}/devices/register", json=device(expirationTime=None), headers=auth(guest)
    )
    assert again.json()["device"]["id"] == first["id"]
    listed = (await client.get(f"{API}/devices", headers=auth(guest))).json()["devices"]
    assert [d["id"] for d in listed] == [first["id"]]
    assert (await client.get(f"{API}/devices", headers=auth(host))).json()["devices"] == []

    r = await client.delete(f"{API}/devices/unregister/{first['id']}", headers=auth(host))
    assert_error(r, 404, field="deviceId")
    r = await client.delete(f"{API}/devices/unregister/{first['id']}", headers=auth(guest))
    assert r.status_code == 200 and r.json()["device"]["isActive"] is False
    r = await client.delete(f"{API}/devices/unregister/{first['id']}", headers=auth(guest))
    assert_error(r, 404, field="deviceId")
    assert_error(
        await client.delete(f"{API}/devices/unregister/nope", headers=auth(guest)),
        400,
        field="deviceId",
    )


async def test_an_endpoint_registered_by_another_account_moves_to_the_caller(
    client: httpx.AsyncClient, guest: Person, host: Person
) -> None:
    one = (await client.post(f"{API}/devices/register", json=device(), headers=auth(guest))).json()
    two = (await client.post(f"{API}/devices/register", json=device(), headers=auth(host))).json()
    assert one["device"]["id"] != two["device"]["id"]
    assert (await client.get(f"{API}/devices", headers=auth(guest))).json()["devices"] == []


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({}, "device"),
        (device("ftp://push.example.test/x"), "device.endpoint"),
        (device("not a url"), "device.endpoint"),
        (
            {
                "device": {
                    "endpoint": "https://p.example.test/1",
                    "keys": {"p256dh": "abc", "auth": AUTH},
                }
            },
            "device.keys.p256dh",
        ),
        (
            {
                "device": {
                    "endpoint": "https://p.example.test/1",
                    "keys": {"p256dh": P256DH, "auth": "!!"},
                }
            },
            "device.keys.auth",
        ),
        (
            {"device": {"endpoint": "https://p.example.test/1", "keys": {"p256dh": P256DH}}},
            "device.keys.auth",
        ),
        (device(name="x" * 101), "device.name"),
        (device("https://p.example.test/" + "x" * 2100), "device.endpoint"),
    ],
)
async def test_bad_devices_are_400_naming_the_field(
    client: httpx.AsyncClient, guest: Person, body: dict[str, object], field: str
) -> None:
    r = await client.post(f"{API}/devices/register", json=body, headers=auth(guest))
    assert_error(r, 400, field=field)


async def test_the_vapid_public_key_is_a_p256_point(client: httpx.AsyncClient) -> None:
    r = await client.get(f"{API}/push/publickey")
    assert r.status_code == 200, r.text
    key = r.json()["vapidPublicKey"]
    raw = base64.urlsafe_b64decode(key + "=" * (-len(key) % 4))
    assert len(raw) == 65 and raw[0] == 4
    assert (await client.get(f"{API}/push/publickey")).json()["vapidPublicKey"] == key


# --- preferences ---------------------------------------------------------------------------------


async def test_preferences_default_and_change_what_is_sent(
    client: httpx.AsyncClient, admin: Person, guest: Person, host: Person, db: AsyncSession
) -> None:
    r = await client.get(f"{API}/preferences", headers=auth(guest))
    assert r.status_code == 200, r.text
    prefs = r.json()["notificationPreferences"]
    assert prefs["events"]["message.received"]["channels"] == ["inApp", "push"]
    assert prefs["events"]["reservation.confirmed"]["channels"] == ["inApp", "email", "push"]
    assert prefs["channels"] == ["inApp", "email", "push", "sms"]

    r = await client.patch(
        f"{API}/preferences", json={"events": {"announcement": ["email"]}}, headers=auth(guest)
    )
    assert r.status_code == 200, r.text
    assert r.json()["notificationPreferences"]["events"]["announcement"]["channels"] == ["email"]
    assert (await client.get(f"{API}/preferences", headers=auth(host))).json()[
        "notificationPreferences"
    ]["events"]["announcement"]["channels"] == ["inApp", "email", "push"]

    r = await send(client, admin, [guest, host], channels=["inApp", "email"])
    assert [n["id"] for n in r.json()["notifications"]] == list(await _ids(client, host))
    assert await _ids(client, guest) == set()  # no in-app for the guest...
    mails = set(await db.scalars(select(OutboundMessage.recipient)))
    assert mails == {guest.email, host.email}  # ...but email for both

    # Back to the default: stored choices are forgotten.
    r = await client.patch(
        f"{API}/preferences",
        json={"events": {"announcement": ["push", "inApp", "email", "push"]}},
        headers=auth(guest),
    )
    assert r.json()["notificationPreferences"]["events"]["announcement"]["channels"] == [
        "inApp",
        "email",
        "push",
    ]


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({}, "events"),
        ({"events": {}}, "events"),
        ({"events": {"party": ["inApp"]}}, "events.party"),
        ({"events": {"announcement": ["fax"]}}, "events.announcement.0"),
        ({"events": {"announcement": "inApp"}}, "events.announcement"),
    ],
)
async def test_bad_preferences_are_400_naming_the_field(
    client: httpx.AsyncClient, guest: Person, body: dict[str, object], field: str
) -> None:
    r = await client.patch(f"{API}/preferences", json=body, headers=auth(guest))
    assert_error(r, 400, field=field)


async def test_the_stream_refuses_a_bad_last_event_id(
    client: httpx.AsyncClient, db: AsyncSession
) -> None:
    person = await make_logged_in(client, db)
    r = await client.get(f"{API}/stream", headers={**auth(person), "Last-Event-ID": "abc"})
    assert_error(r, 400, field="Last-Event-ID")
    r = await client.get(f"{API}/stream", params={"lastEventId": -1}, headers=auth(person))
    assert_error(r, 400, field="lastEventId")
    assert uuid.UUID(str(person.user.id))
