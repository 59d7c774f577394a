"""The MCP endpoint against a real `staykit serve` (tests.sse.serve), with the official
SDK's own clients over real Streamable HTTP and SSE: every marketplace business route
is a tool, calls run with the caller's rights, a booking race has one winner, and every
call is logged as an agent execution."""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import timedelta
from typing import Any

import httpx
import httpx2
import mcp_types as types
from mcp import ClientSession
from mcp.client.sse import sse_client
from mcp.client.streamable_http import streamable_http_client
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from staykit.api.marketplace.app import services
from staykit.core.clock import utcnow
from staykit.domain.agents.models import AgentExecution
from staykit.domain.agents.tools import ServiceDocument, tools_of
from tests.factories import make_listing, make_user
from tests.sse import login, serve

MCP = "/mcpbff-api/mcp"


@asynccontextmanager
async def streamable(
    base: str, token: str, name: str = "test-agent"
) -> AsyncIterator[ClientSession]:
    headers = {"Authorization": f"Bearer {token}"}
    async with httpx2.AsyncClient(headers=headers, timeout=30) as http:
        async with streamable_http_client(base + MCP, http_client=http) as (read, write, *_):
            info = types.Implementation(name=name, version="1.0")
            async with ClientSession(read, write, client_info=info) as session:
                await session.initialize()
                yield session


@asynccontextmanager
async def over_sse(base: str, token: str, name: str = "sse-agent") -> AsyncIterator[ClientSession]:
    headers = {"Authorization": f"Bearer {token}"}
    async with sse_client(base + MCP + "/sse", headers=headers, timeout=30) as (read, write):
        info = types.Implementation(name=name, version="1.0")
        async with ClientSession(read, write, client_info=info) as session:
            await session.initialize()
            yield session


def body(result: types.CallToolResult) -> Any:
    return json.loads(result.content[0].text)  # type: ignore[union-attr]


def expected_tool_names() -> set[str]:
    docs = [ServiceDocument(s.name, s.prefix, s.openapi()) for s in services()]
    return {t.name for t in tools_of(docs)}


async def test_every_route_is_a_tool_and_a_guest_books_with_the_users_own_rights(
    committed_factory: async_sessionmaker[AsyncSession], database_url: str
) -> None:
    async with committed_factory() as db:
        host = await make_user(db)
        guest = await make_user(db)
        other = await make_user(db)
        listing = await make_listing(db, host, title="Riverside loft")
    day = utcnow().date() + timedelta(days=60)
    stay = {
        "listingId": str(listing.id),
        "checkIn": day.isoformat(),
        "checkOut": (day + timedelta(days=2)).isoformat(),
        "guestCount": 2,
    }
    async with serve(database_url, STAYKIT_RUN_WORKER="false") as (base, _):
        guest_token = await login(base, guest.email, guest.password)
        other_token = await login(base, other.email, other.password)
        async with streamable(base, guest_token, "claude-test") as mcp:
            names = {t.name for t in (await mcp.list_tools()).tools}
            expected = expected_tool_names()
            assert len(expected) > 120
            assert expected <= names, sorted(expected - names)
            assert {"agentHub:listToolCatalog", "propertyCatalog:listListings"} <= names
            assert "journey:bookStay" in names
            assert not {n for n in names if n.endswith(":health") or n.endswith(":login")}

            found = await mcp.call_tool("journey:searchStays", {"q": "Riverside"})
            assert not found.is_error, found
            assert [x["id"] for x in body(found)["listings"]] == [str(listing.id)]
            got = await mcp.call_tool("propertyCatalog:getListing", {"listingId": str(listing.id)})
            assert not got.is_error and got.structured_content is not None
            assert got.structured_content["listing"]["title"] == "Riverside loft"

            booked = await mcp.call_tool(
                "bookingManagement:createReservation", {**stay, "notes": "late arrival"}
            )
            assert not booked.is_error, body(booked)
            reservation = booked.structured_content["reservation"]  # type: ignore[index]
            assert reservation["guestId"] == str(guest.user.id)
            trips = await mcp.call_tool("journey:listMyTrips", {})
            assert [t["id"] for t in body(trips)["reservations"]] == [reservation["id"]]
            sent = await mcp.call_tool(
                "journey:messageHost", {"reservationId": reservation["id"], "text": "Hello!"}
            )
            assert not sent.is_error, body(sent)
            bad = await mcp.call_tool("journey:quoteStay", {**stay, "guestCount": "many"})
            assert bad.is_error and body(bad)["status"] == 400
            unknown = await mcp.call_tool("propertyCatalog:getListing", {"id": "x"})
            assert unknown.is_error and "takes no argument id" in body(unknown)["message"]

        async with streamable(base, other_token, "other-agent") as mcp:
            theirs = await mcp.call_tool(
                "bookingManagement:getReservation", {"reservationId": reservation["id"]}
            )
            assert theirs.is_error
            assert body(theirs)["status"] in (403, 404) and body(theirs)["result"] == "ERR"
            admin_only = await mcp.call_tool("agentHub:listAgentOverrides", {})
            assert admin_only.is_error and body(admin_only)["status"] == 403
            cancel = await mcp.call_tool("journey:cancelTrip", {"reservationId": reservation["id"]})
            assert cancel.is_error

        async with streamable(base, guest_token) as mcp:
            cancelled = await mcp.call_tool(
                "journey:cancelTrip", {"reservationId": reservation["id"]}
            )
            assert not cancelled.is_error, body(cancelled)
            assert body(cancelled)["reservation"]["bookingStatus"] == "cancelled"

        # The log rows are written in batches a moment after the answers, while the
        # server runs (not only when it stops).
        for _ in range(100):
            async with committed_factory() as db:
                logged = len((await db.scalars(select(AgentExecution.id))).all())
            if logged == 11:
                break
            await asyncio.sleep(0.1)
        assert logged == 11

    async with committed_factory() as db:
        rows = (await db.scalars(select(AgentExecution).order_by(AgentExecution.created_at))).all()
    mine = [r for r in rows if r.user_id == guest.user.id]
    assert {r.agent_name for r in mine} >= {"claude-test"}
    assert all(r.agent_type == "dynamic" and r.source == "rest" for r in rows)
    booking = next(r for r in mine if r.tool_name == "bookingManagement:createReservation")
    assert booking.status == "success" and booking.input["notes"] == "late arrival"
    assert booking.output["reservation"]["id"] == reservation["id"]
    assert booking.duration_ms >= 0 and booking.tool_calls == 1
    refused = [r for r in rows if r.user_id == other.user.id and r.status == "error"]
    assert len(refused) == 3 and all(r.error for r in refused)
    assert len(rows) == 11


async def test_the_sse_transport_serves_the_same_tools_and_an_api_key_only_public_ones(
    committed_factory: async_sessionmaker[AsyncSession], database_url: str
) -> None:
    async with committed_factory() as db:
        admin = await make_user(db, role="admin")
        host = await make_user(db)
        listing = await make_listing(db, host, title="Harbour studio")
    async with serve(database_url, STAYKIT_RUN_WORKER="false") as (base, _):
        admin_token = await login(base, admin.email, admin.password)
        async with over_sse(base, admin_token) as mcp:
            names = {t.name for t in (await mcp.list_tools()).tools}
            assert expected_tool_names() <= names
            found = await mcp.call_tool("propertyCatalog:listListings", {"q": "Harbour"})
            assert not found.is_error
            assert [x["id"] for x in body(found)["listings"]] == [str(listing.id)]
            overrides = await mcp.call_tool("agentHub:listAgentOverrides", {})
            assert not overrides.is_error, body(overrides)
        async with httpx.AsyncClient(base_url=base) as http:
            made = await http.post(
                "/platformadmin-api/v1/apikeys",
                json={"description": "agent"},
                headers={"Authorization": f"Bearer {admin_token}"},
            )
            assert made.status_code == 201, made.text
            key = made.json()["apiKey"]["key"]
        async with streamable(base, key, "key-agent") as mcp:
            tools = {t.name: t for t in (await mcp.list_tools()).tools}
            assert "propertyCatalog:listListings" in tools and "journey:searchStays" in tools
            assert "bookingManagement:createReservation" not in tools
            assert "journey:bookStay" not in tools
            found = await mcp.call_tool("journey:searchStays", {"q": "Harbour"})
            assert [x["id"] for x in body(found)["listings"]] == [str(listing.id)]
            refused = await mcp.call_tool("agentHub:listAgentOverrides", {})
            assert refused.is_error and body(refused)["code"] == "toolNotFound"
    async with committed_factory() as db:
        rows = (await db.scalars(select(AgentExecution))).all()
    by_source = {(r.agent_name, r.source) for r in rows}
    assert ("sse-agent", "sse") in by_source and ("key-agent", "rest") in by_source
    assert {r.user_id for r in rows} == {admin.user.id}  # the key acts for its admin


async def test_two_guests_booking_the_same_night_through_mcp_one_wins(
    committed_factory: async_sessionmaker[AsyncSession], database_url: str
) -> None:
    async with committed_factory() as db:
        host = await make_user(db)
        guests = [await make_user(db) for _ in range(2)]
        listing = await make_listing(db, host)
    day = utcnow().date() + timedelta(days=30)
    stay = {
        "listingId": str(listing.id),
        "checkIn": day.isoformat(),
        "checkOut": (day + timedelta(days=1)).isoformat(),
        "guestCount": 1,
    }
    async with serve(database_url, STAYKIT_RUN_WORKER="false") as (base, _):
        tokens = [await login(base, g.email, g.password) for g in guests]

        async def book(token: str) -> types.CallToolResult:
            async with streamable(base, token) as mcp:
                return await mcp.call_tool("journey:bookStay", stay)

        results = await asyncio.gather(*(book(t) for t in tokens))
    won = [r for r in results if not r.is_error]
    lost = [r for r in results if r.is_error]
    assert len(won) == 1 and len(lost) == 1
    assert body(lost[0])["status"] == 409, body(lost[0])
    async with committed_factory() as db:
        statuses = sorted((await db.scalars(select(AgentExecution.status))).all())
    assert statuses == ["error", "success"]
