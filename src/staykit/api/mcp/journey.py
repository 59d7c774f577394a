"""Hand-written tools for a guest's journey, in the words an agent thinks in: search
stays, quote one, book it, message the host, list my trips, cancel one. Each is a thin
sequence of the same marketplace routes the generated tools call (so the same rules,
rights and errors); only the arguments are simpler."""

from __future__ import annotations

import uuid
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass
from typing import Any, Protocol

from staykit.api.mcp.dispatch import BadArguments, RouteAnswer

CATALOG = "/propertycatalog-api/v1"
BOOKING = "/bookingmanagement-api/v1"
MESSAGING = "/messaging-api/v1"


class Calls(Protocol):
    """What a journey tool may do: call a route as the caller, and know who that is."""

    me: uuid.UUID

    async def __call__(
        self,
        method: str,
        path: str,
        *,
        query: list[tuple[str, str]] | None = None,
        body: Any = None,
    ) -> RouteAnswer: ...


Run = Callable[[Calls, Mapping[str, Any]], Awaitable[RouteAnswer]]


@dataclass(frozen=True)
class JourneyTool:
    name: str
    description: str
    input_schema: dict[str, Any]
    run: Run
    anonymous: bool = False  # an API key may call it (its routes answer anyone)


def _schema(props: dict[str, Any], required: list[str]) -> dict[str, Any]:
    return {
        "type": "object",
        "properties": props,
        "required": required,
        "additionalProperties": False,
    }


DATE = {"type": "string", "format": "date", "description": "YYYY-MM-DD"}
ID = {"type": "string", "format": "uuid"}
GUESTS = {"type": "integer", "minimum": 1, "maximum": 50}
STAY = {"listingId": ID, "checkIn": DATE, "checkOut": DATE, "guestCount": GUESTS}


def _id(args: Mapping[str, Any], name: str) -> str:
    value = args.get(name)
    try:
        return str(uuid.UUID(str(value)))
    except ValueError:
        raise BadArguments(f"{name} must be an id (a UUID); got {str(value)[:40]!r}.") from None


def _query(args: Mapping[str, Any], names: tuple[str, ...]) -> list[tuple[str, str]]:
    return [(n, str(args[n])) for n in names if args.get(n) is not None]


SEARCH_FILTERS: tuple[str, ...] = ("q", "checkIn", "checkOut", "guestCount", "lat", "lng")
SEARCH_FILTERS += ("radiusKm", "minPrice", "maxPrice", "sort", "pageNumber", "pageRowCount")


async def search_stays(call: Calls, args: Mapping[str, Any]) -> RouteAnswer:
    query = [*_query(args, SEARCH_FILTERS), ("getJoins", "false")]
    return await call("GET", f"{CATALOG}/listings", query=query)


async def quote_stay(call: Calls, args: Mapping[str, Any]) -> RouteAnswer:
    listing = _id(args, "listingId")
    query = _query(args, ("checkIn", "checkOut", "guestCount"))
    return await call("GET", f"{CATALOG}/listings/{listing}/quote", query=query)


async def book_stay(call: Calls, args: Mapping[str, Any]) -> RouteAnswer:
    names = ("listingId", "checkIn", "checkOut", "guestCount", "notes")
    return await call(
        "POST", f"{BOOKING}/reservations", body={k: args[k] for k in names if k in args}
    )


async def message_host(call: Calls, args: Mapping[str, Any]) -> RouteAnswer:
    """The reservation's conversation (opened when there is none yet), then the message."""
    reservation = _id(args, "reservationId")
    found = await call(
        "GET", f"{BOOKING}/reservations/{reservation}", query=[("getJoins", "false")]
    )
    if found.failed:
        return found
    booked = found.body["reservation"]
    threads = await call(
        "GET",
        f"{MESSAGING}/messagethreads",
        query=[("reservationId", reservation), ("getJoins", "false")],
    )
    if threads.failed:
        return threads
    if threads.body["messageThreads"]:
        thread_id = threads.body["messageThreads"][0]["id"]
    else:
        opened = await call(
            "POST",
            f"{MESSAGING}/messagethreads",
            body={
                "guestId": booked["guestId"],
                "hostId": booked["hostId"],
                "reservationId": reservation,
            },
        )
        if opened.failed:
            return opened
        thread_id = opened.body["messageThread"]["id"]
    return await call(
        "POST", f"{MESSAGING}/messages", body={"threadId": thread_id, "content": args.get("text")}
    )


async def list_my_trips(call: Calls, args: Mapping[str, Any]) -> RouteAnswer:
    query = [("guestId", str(call.me)), ("getJoins", "false")]
    if args.get("bookingStatus"):
        query.append(("bookingStatus", str(args["bookingStatus"])))
    return await call("GET", f"{BOOKING}/reservations", query=query)


async def cancel_trip(call: Calls, args: Mapping[str, Any]) -> RouteAnswer:
    reservation = _id(args, "reservationId")
    return await call(
        "PATCH", f"{BOOKING}/reservations/{reservation}", body={"bookingStatus": "cancelled"}
    )


STATUSES = ["pending", "confirmed", "declined", "cancelled", "complete"]
JOURNEY = (
    JourneyTool(
        "journey:searchStays",
        "Search published stays: free text (q), dates and guests (only listings free and "
        "bookable then), a place (lat, lng, radiusKm), a price range; newest first or by "
        "sort (price, -price, distance, rating). Answers listListings' page.",
        _schema(
            {
                "q": {"type": "string", "maxLength": 200},
                "checkIn": DATE,
                "checkOut": DATE,
                "guestCount": GUESTS,
                "lat": {"type": "number", "minimum": -90, "maximum": 90},
                "lng": {"type": "number", "minimum": -180, "maximum": 180},
                "radiusKm": {"type": "number", "exclusiveMinimum": 0},
                "minPrice": {"type": "number", "minimum": 0},
                "maxPrice": {"type": "number", "minimum": 0},
                "sort": {"type": "string"},
                "pageNumber": {"type": "integer", "minimum": 1},
                "pageRowCount": {"type": "integer", "minimum": 1, "maximum": 100},
            },
            [],
        ),
        search_stays,
        anonymous=True,
    ),
    JourneyTool(
        "journey:quoteStay",
        "The price of a stay (nightly rates, fees, taxes, total) and every rule it breaks "
        "(bookable false with the reasons). Answers quoteListing.",
        _schema(STAY, list(STAY)),
        quote_stay,
        anonymous=True,
    ),
    JourneyTool(
        "journey:bookStay",
        "Book a stay as the signed-in user (the guest): instant-book listings are "
        "confirmed at once, others wait for the host. A night already taken is an error "
        "naming it. Answers createReservation.",
        _schema({**STAY, "notes": {"type": "string", "maxLength": 2000}}, list(STAY)),
        book_stay,
    ),
    JourneyTool(
        "journey:messageHost",
        "Send the host of one of my reservations a message (the reservation's "
        "conversation is opened when there is none). Answers createMessage.",
        _schema(
            {"reservationId": ID, "text": {"type": "string", "minLength": 1, "maxLength": 5000}},
            ["reservationId", "text"],
        ),
        message_host,
    ),
    JourneyTool(
        "journey:listMyTrips",
        "My reservations as a guest, newest first, optionally of one bookingStatus. "
        "Answers listReservations.",
        _schema({"bookingStatus": {"type": "string", "enum": STATUSES}}, []),
        list_my_trips,
    ),
    JourneyTool(
        "journey:cancelTrip",
        "Cancel one of my reservations (refunds follow the listing's cancellation "
        "policy). Answers updateReservation.",
        _schema({"reservationId": ID}, ["reservationId"]),
        cancel_trip,
    ),
)
