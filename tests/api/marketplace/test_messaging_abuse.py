"""Abuse control on marketplace messages: contact details masked before a stay is
confirmed (the original kept for admins), the per-user send rate (429 with Retry-After,
a setting) and the size limit (a setting)."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest

from staykit.core.clock import FrozenClock
from staykit.core.config import Settings
from staykit.domain.catalog.models import UnitType
from tests.api.marketplace.messaging import MESSAGES, listed, open_thread, send, talk
from tests.factories import Person, assert_error

LEAKY = "Write me at jo.host@mail.example.com, call +351 912 345 678 or see www.myflat.eu"
MASKED = "Write me at [email hidden], call [phone number hidden] or see [link hidden]"


@pytest.fixture
def limits(settings: Settings) -> Iterator[Settings]:
    """A small send rate and size for the test; the session's settings restored after."""
    saved = (
        settings.message_send_limit,
        settings.message_send_window_seconds,
        settings.message_max_chars,
    )
    settings.message_send_limit, settings.message_send_window_seconds = 3, 60
    settings.message_max_chars = 40
    try:
        yield settings
    finally:
        (
            settings.message_send_limit,
            settings.message_send_window_seconds,
            settings.message_max_chars,
        ) = saved


async def test_contact_details_are_masked_in_an_inquiry_for_both_sides_not_for_admins(
    client: httpx.AsyncClient, guest: Person, host: Person, admin: Person, listing: UnitType
) -> None:
    inquiry = await open_thread(client, guest, guest, host, listingId=str(listing.id))
    sent = await send(client, host, inquiry["id"], LEAKY)
    assert (sent["content"], sent["isMasked"], sent["originalContent"]) == (MASKED, True, None)
    [seen] = await listed(client, guest, inquiry["id"])
    assert (seen["content"], seen["originalContent"]) == (MASKED, None)
    [audited] = await listed(client, admin, inquiry["id"])
    assert (audited["content"], audited["originalContent"]) == (MASKED, LEAKY)
    plain = await send(client, guest, inquiry["id"], "Arriving 2027-07-01 at 15:00, 2 guests")
    assert plain["isMasked"] is False and plain["content"].startswith("Arriving 2027-07-01")
    # An edit is masked as a new message is.
    r = await client.patch(
        f"{MESSAGES}/{plain['id']}", json={"content": "mail: g@example.org"}, headers=guest.headers
    )
    assert r.json()["message"]["content"] == "mail: [email hidden]"


async def test_an_unconfirmed_booking_is_masked_and_a_confirmed_one_is_not(
    client: httpx.AsyncClient, guest: Person, host: Person, listing: UnitType
) -> None:
    waiting = await talk(client, guest, host, listing, confirmed=False)
    assert (await send(client, guest, waiting.thread_id, LEAKY))["content"] == MASKED
    confirmed = await talk(client, guest, host, listing, first=10)
    sent = await send(client, guest, confirmed.thread_id, LEAKY)
    assert (sent["content"], sent["isMasked"]) == (LEAKY, False)


async def test_a_user_over_the_send_rate_gets_429_with_retry_after_until_the_window_passes(
    client: httpx.AsyncClient,
    guest: Person,
    host: Person,
    listing: UnitType,
    limits: Settings,
    frozen: FrozenClock,
) -> None:
    conv = await talk(client, guest, host, listing)
    for n in range(3):
        await send(client, guest, conv.thread_id, f"message {n}")
        frozen.advance(seconds=10)
    r = await client.post(
        MESSAGES, json={"threadId": conv.thread_id, "content": "one more"}, headers=guest.headers
    )
    assert_error(r, 429, field="content", message="errMsg_messageRateLimited")
    assert r.headers["Retry-After"] == "30"  # the first leaves the window 60 s after it was sent
    # Another user's rate is their own.
    await send(client, host, conv.thread_id, "host is not limited by the guest")
    frozen.advance(seconds=31)
    await send(client, guest, conv.thread_id, "one more")


async def test_the_size_limit_is_a_setting(
    client: httpx.AsyncClient, guest: Person, host: Person, listing: UnitType, limits: Settings
) -> None:
    conv = await talk(client, guest, host, listing)
    r = await client.post(
        MESSAGES, json={"threadId": conv.thread_id, "content": "x" * 41}, headers=guest.headers
    )
    body = assert_error(r, 400, field="content")
    assert "40" in str(body["detail"])
    await send(client, guest, conv.thread_id, "x" * 40)
