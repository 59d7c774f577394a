"""Fetching import feeds from a real HTTP server on loopback: conditional GETs, redirects
(bounded, each hop's address checked), timeouts, the size limit, server errors, and the
addresses the import refuses (this machine and private networks, unless allowed)."""

from __future__ import annotations

import ipaddress
import time
from collections.abc import Iterator

import pytest

from staykit.domain.ical.fetch import (
    FetchFailed,
    FetchPolicy,
    allowed_address,
    fetch_feed,
    networks,
)
from tests.ical_feeds import FeedServer, empty_calendar

LOOPBACK = FetchPolicy(
    timeout=10.0, max_bytes=100_000, max_redirects=2, private_networks=networks(["127.0.0.0/8"])
)
FEED = empty_calendar()


@pytest.fixture
def server() -> Iterator[FeedServer]:
    feeds = FeedServer().start()
    try:
        yield feeds
    finally:
        feeds.stop()


async def test_a_feed_is_fetched_with_its_validators_and_answers_304_when_unchanged(
    server: FeedServer,
) -> None:
    url = server.serve(
        "/cal.ics", FEED, etag='"v1"', headers={"Last-Modified": "Tue, 01 Jan 2030 10:00:00 GMT"}
    )
    got = await fetch_feed(url, LOOPBACK)
    assert (got.not_modified, got.body, got.etag, got.last_modified) == (
        False,
        FEED.encode(),
        '"v1"',
        "Tue, 01 Jan 2030 10:00:00 GMT",
    )
    again = await fetch_feed(url, LOOPBACK, etag='"v1"', last_modified=got.last_modified)
    assert again.not_modified and again.body == b""
    sent = server.hits("/cal.ics")[-1].headers
    assert sent["if-none-match"] == '"v1"'
    assert sent["if-modified-since"] == "Tue, 01 Jan 2030 10:00:00 GMT"
    assert sent["host"] == f"127.0.0.1:{server.port}" and "staykit" in sent["user-agent"]


async def test_redirects_are_followed_up_to_the_limit(server: FeedServer) -> None:
    server.serve("/final.ics", FEED)
    server.serve("/moved.ics", "", status=301, headers={"Location": "/final.ics"})
    server.serve("/hop.ics", "", status=302, headers={"Location": server.url("/moved.ics")})
    got = await fetch_feed(server.url("/hop.ics"), LOOPBACK)
    assert got.body == FEED.encode()
    server.serve("/loop.ics", "", status=307, headers={"Location": "/loop.ics"})
    with pytest.raises(FetchFailed, match="redirects more than 2 times"):
        await fetch_feed(server.url("/loop.ics"), LOOPBACK)
    assert len(server.hits("/loop.ics")) == 3


@pytest.mark.parametrize(
    "target",
    [
        "http://10.20.30.40/cal.ics",
        "http://192.168.1.1/cal.ics",
        "http://169.254.169.254/latest/meta-data/",
        "http://[fd00::1]/cal.ics",
        "http://[::ffff:10.0.0.1]/cal.ics",
        "http://0.0.0.0/cal.ics",
    ],
)
async def test_a_redirect_to_a_private_address_is_refused_before_any_request(
    server: FeedServer, target: str
) -> None:
    server.serve("/evil.ics", "", status=302, headers={"Location": target})
    started = time.monotonic()
    with pytest.raises(FetchFailed, match="private network"):
        await fetch_feed(server.url("/evil.ics"), LOOPBACK)
    assert time.monotonic() - started < 5.0  # refused, not timed out connecting


async def test_this_machine_is_refused_unless_the_operator_allows_its_network(
    server: FeedServer,
) -> None:
    url = server.serve("/cal.ics", FEED)
    public_only = FetchPolicy(timeout=2.0)
    for address in (url, url.replace("127.0.0.1", "localhost")):
        with pytest.raises(FetchFailed, match="this machine or a private network"):
            await fetch_feed(address, public_only)
    assert server.hits("/cal.ics") == []
    assert (await fetch_feed(url, LOOPBACK)).body == FEED.encode()


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("ftp://calendar.example.com/cal.ics", "http or https"),
        ("https://owner:secret@calendar.example.com/cal.ics", "user name or password"),
        ("http://calendar.example.com:99999/cal.ics", "not a valid URL"),
        ("http://no-such-host.invalid/cal.ics", "does not resolve"),
    ],
)
async def test_addresses_that_cannot_be_fetched_say_why_without_repeating_them(
    url: str, message: str
) -> None:
    with pytest.raises(FetchFailed, match=message) as failed:
        await fetch_feed(url, LOOPBACK)
    assert (
        "secret" not in failed.value.message and "calendar.example.com" not in failed.value.message
    )


async def test_a_server_error_a_timeout_and_an_oversized_feed_fail(server: FeedServer) -> None:
    with pytest.raises(FetchFailed, match="answered HTTP 500"):
        await fetch_feed(server.serve("/err.ics", "oops", status=500), LOOPBACK)
    with pytest.raises(FetchFailed, match="answered HTTP 404"):
        await fetch_feed(server.url("/nothing-here.ics"), LOOPBACK)
    slow = server.serve("/slow.ics", FEED, delay=3.0)
    started = time.monotonic()
    with pytest.raises(FetchFailed, match=r"in time|within"):
        await fetch_feed(slow, FetchPolicy(timeout=0.3, private_networks=LOOPBACK.private_networks))
    assert time.monotonic() - started < 2.5  # gave up at its deadline, not the server's
    big = server.serve("/big.ics", "X" * 100_001)
    with pytest.raises(FetchFailed, match="larger than 100,000 bytes"):
        await fetch_feed(big, LOOPBACK)


def test_which_addresses_are_public() -> None:
    policy = FetchPolicy()
    public = ["93.184.216.34", "2606:4700::1111", "8.8.8.8"]
    private = [
        "127.0.0.1",
        "10.1.2.3",
        "172.16.0.1",
        "192.168.0.1",
        "169.254.1.1",
        "::1",
        "fe80::1",
        "fc00::1",
        "224.0.0.1",
        "0.0.0.0",
        "100.64.0.1",
        "::ffff:127.0.0.1",
    ]
    assert all(allowed_address(ipaddress.ip_address(a), policy) for a in public)
    assert not any(allowed_address(ipaddress.ip_address(a), policy) for a in private)
    allowed = FetchPolicy(private_networks=networks(["10.0.0.0/8"]))
    assert allowed_address(ipaddress.ip_address("10.9.9.9"), allowed)
    assert not allowed_address(ipaddress.ip_address("192.168.0.1"), allowed)
