"""The guest web app through HTTP as a browser sends it: each page answers, signed-out
visitors go to /login?next=..., every form needs its CSRF token, unknown ids and other
guests' trips are the 404 page, and a guest searches, books, pays, messages, cancels
(seeing the refund first) and reviews through the same services as the API."""

from __future__ import annotations

import re
import uuid
from decimal import Decimal

import httpx
import pytest
from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from staykit.domain.booking.models import Reservation
from staykit.domain.messaging.models import Message
from staykit.domain.reviews.models import Review
from tests.api.site.helpers import csrf_of, post_form, sign_in, stay_query
from tests.factories import iso_days_from, make_listing, make_user

UNKNOWN = "0190b2a4-1c7e-7000-8000-000000000001"


def assert_page(r: httpx.Response, status: int, words: str) -> None:
    assert r.status_code == status, r.text
    assert r.headers["content-type"].startswith("text/html")
    assert words in r.text, r.text
    assert "frame-ancestors 'none'" in r.headers["content-security-policy"]
    assert "js.stripe.com" not in r.headers["content-security-policy"]


async def book(
    client: httpx.AsyncClient, listing_id: uuid.UUID, stay: str, card: str = "pm_card_visa"
) -> httpx.Response:
    return await post_form(
        client,
        f"/book/{listing_id}?{stay}",
        [("payment_method", card), ("notes", "Arriving late")],
        csrf_from=f"/book/{listing_id}?{stay}",
    )


def trip_id_of(r: httpx.Response) -> uuid.UUID:
    found = re.fullmatch(r"/trips/([0-9a-f-]{36})\?payment=(paid|failed)", r.headers["location"])
    assert found, r.headers.get("location")
    return uuid.UUID(found.group(1))


# --- pages and who may see them -------------------------------------------------------------------


async def test_home_is_the_search_page_and_api_prefixes_keep_their_paths(
    client: httpx.AsyncClient,
) -> None:
    r = await client.get("/")
    assert_page(r, 200, "Find a place to stay")
    assert 'action="/s"' in r.text and 'href="/login' in r.text
    r = await client.get("/static/site/site.js")
    assert r.status_code == 200 and "data-confirm" in r.text
    assert (await client.get("/health")).status_code == 200
    r = await client.get("/propertycatalog-api/v1/listings")
    assert r.status_code == 200 and r.headers["content-type"].startswith("application/json")


async def test_search_finds_a_listing_with_a_typo_and_prices_the_stay(
    client: httpx.AsyncClient, db: AsyncSession
) -> None:
    host = await make_user(db)
    listing = await make_listing(db, host, title="Sunny flat by the river")
    await make_listing(db, host, title="Mountain cabin", address="Serra 1, Manteigas")
    day = iso_days_from()
    r = await client.get(
        "/s", params={"where": "rivr", "checkIn": day(10), "checkOut": day(12), "guests": 2}
    )
    assert_page(r, 200, "Sunny flat by the river")
    assert "Mountain cabin" not in r.text
    assert "EUR 200.00</strong> for 2 nights" in r.text
    assert f"/rooms/{listing.id}?checkIn={day(10)}&amp;checkOut={day(12)}&amp;guests=2" in r.text


@pytest.mark.parametrize(
    ("params", "words"),
    [
        ({"checkIn": "2026-02-30", "checkOut": "2026-03-02"}, "must be a date"),
        ({"guests": "many"}, "Guests must be a whole number"),
        ({"minPrice": "-3"}, "A price must be a number"),
        ({"sort": "cheapest"}, "Pick a sort order"),
        ({"amenity": "wifi"}, "Pick amenities"),
    ],
)
async def test_bad_search_input_is_a_400_page_saying_what(
    client: httpx.AsyncClient, params: dict[str, str], words: str
) -> None:
    assert_page(await client.get("/s", params=params), 400, words)


async def test_listing_page_shows_details_calendar_and_a_live_quote(
    client: httpx.AsyncClient, db: AsyncSession
) -> None:
    host = await make_user(db)
    listing = await make_listing(
        db,
        host,
        houseRules="No parties.",
        cancellationPolicy={"tiers": [{"daysBeforeArrival": 7, "refundPercent": 50}]},
    )
    day = iso_days_from()
    r = await client.get(f"/rooms/{listing.id}?{stay_query(day(5), day(8))}")
    assert_page(r, 200, listing.title)
    for words in ("No parties.", "7 days before check-in: 50% refunded", "Availability"):
        assert words in r.text
    assert "EUR 300.00" in r.text and f"/book/{listing.id}?checkIn={day(5)}" in r.text
    r = await client.get(f"/rooms/{listing.id}?{stay_query(day(8), day(5))}")
    assert_page(r, 200, "after")  # the quote's own words: departure after arrival


@pytest.mark.parametrize("path", ["/rooms/{u}", "/rooms/not-an-id", "/nothing-here/{u}"])
async def test_unknown_listing_is_the_404_page(client: httpx.AsyncClient, path: str) -> None:
    r = await client.get(path.format(u=UNKNOWN))
    assert r.status_code == 404
    if not path.startswith("/nothing"):
        assert_page(r, 404, "Page not found")


async def test_unpublished_listing_is_404_to_guests(
    client: httpx.AsyncClient, db: AsyncSession
) -> None:
    host = await make_user(db)
    listing = await make_listing(db, host, isPublished=False)
    assert_page(await client.get(f"/rooms/{listing.id}"), 404, "Page not found")


@pytest.mark.parametrize(
    "path", ["/trips", f"/trips/{UNKNOWN}", "/inbox", f"/book/{UNKNOWN}?checkIn=2030-01-01"]
)
async def test_signed_out_visitors_go_to_login_with_next(
    client: httpx.AsyncClient, path: str
) -> None:
    r = await client.get(path)
    assert r.status_code == 303
    assert r.headers["location"].startswith("/login?next=%2F")
    assert "%2F" + path.split("/")[1] in r.headers["location"]


async def test_login_refuses_another_sites_next_and_a_wrong_password(
    client: httpx.AsyncClient, db: AsyncSession
) -> None:
    guest = await make_user(db)
    assert_page(await client.get("/login", params={"next": "//evil.example"}), 400, "this site")
    page = await client.get("/login")
    r = await client.post(
        "/login",
        data={"csrf_token": csrf_of(page.text), "username": guest.email, "password": "nope"},
    )
    assert r.status_code == 401 and 'id="login-error"' in r.text
    await sign_in(client, guest, "/trips")
    assert_page(await client.get("/trips"), 200, "No upcoming trips")


async def test_every_form_refuses_a_missing_or_stale_csrf_token(
    client: httpx.AsyncClient, db: AsyncSession
) -> None:
    guest = await make_user(db)
    for path in ("/login", "/signup"):
        assert_page(await client.post(path, data={"csrf_token": "x"}), 403, "security token")
    anonymous_token = csrf_of((await client.get("/login")).text)
    await sign_in(client, guest)
    host = await make_user(db)
    listing = await make_listing(db, host)
    day = iso_days_from()
    stay = stay_query(day(3), day(5))
    for path in (f"/book/{listing.id}?{stay}", "/logout"):
        r = await client.post(path, data={"csrf_token": anonymous_token, "payment_method": "x"})
        assert_page(r, 403, "security token")
    assert await db.scalar(select(Reservation.id)) is None


async def test_signup_makes_an_account_and_signs_in(client: httpx.AsyncClient) -> None:
    page = await client.get("/signup", params={"next": "/trips"})
    assert_page(page, 200, "Sign up")
    token = csrf_of(page.text)
    r = await client.post(
        "/signup",
        data={
            "csrf_token": token,
            "next": "/trips",
            "fullname": "",
            "email": "bad",
            "password": "",
        },
    )
    assert_page(r, 400, "Enter your name")
    assert "Enter an email address" in r.text and "Choose a password" in r.text
    r = await client.post(
        "/signup",
        data={
            "csrf_token": token,
            "next": "/trips",
            "fullname": "Ana Lopes",
            "email": "ana@example.test",
            "password": "correct-horse-battery",
        },
    )
    assert r.status_code == 303 and r.headers["location"] == "/trips"
    assert_page(await client.get("/trips"), 200, "Ana Lopes")
    client.cookies.clear()
    page = await client.get("/signup")
    r = await client.post(
        "/signup",
        data={
            "csrf_token": csrf_of(page.text),
            "fullname": "Ana again",
            "email": "ana@example.test",
            "password": "correct-horse-battery",
        },
    )
    assert_page(r, 409, "already exists")


# --- booking, paying, messaging, cancelling, reviewing ---------------------------------------------


async def test_a_guest_books_pays_messages_and_cancels_with_the_refund_shown_first(
    client: httpx.AsyncClient, db: AsyncSession
) -> None:
    host = await make_user(db)
    listing = await make_listing(
        db, host, cancellationPolicy={"tiers": [{"daysBeforeArrival": 7, "refundPercent": 50}]}
    )
    guest = await make_user(db)
    await sign_in(client, guest)
    day = iso_days_from()
    stay = stay_query(day(3), day(5))
    page = await client.get(f"/book/{listing.id}?{stay}")
    assert_page(page, 200, "Confirm and pay")
    assert "Service fee" in page.text and 'data-testid="total"' in page.text

    r = await book(client, listing.id, stay)
    assert r.status_code == 303, r.text
    trip_id = trip_id_of(r)
    assert r.headers["location"].endswith("payment=paid")
    reservation = await db.get(Reservation, trip_id)
    assert reservation is not None and reservation.guest_id == guest.user.id
    assert reservation.payment_confirmation == "paid" and reservation.status == "confirmed"
    assert reservation.notes == "Arriving late"
    page = await client.get(r.headers["location"])
    assert_page(page, 200, "Booked!")
    assert "Confirmed" in page.text

    r = await post_form(
        client, f"/trips/{trip_id}/messages", [("content", "Hello!")], csrf_from=f"/trips/{trip_id}"
    )
    assert r.status_code == 303, r.text
    sent = await db.scalar(select(Message).where(Message.reservation_id == trip_id))
    assert sent is not None and sent.content == "Hello!" and sent.source == "guest"
    r = await post_form(
        client, f"/trips/{trip_id}/messages", [("content", "  ")], csrf_from=f"/trips/{trip_id}"
    )
    assert_page(r, 400, "content is required")
    assert_page(await client.get("/inbox"), 200, listing.title)

    # Three days' notice under a 7-day tier: nothing back, and the page says so first.
    page = await client.get(f"/trips/{trip_id}/cancel")
    assert_page(page, 200, "you get back <strong>EUR 0.00</strong>")
    r = await post_form(
        client, f"/trips/{trip_id}/cancel", [], csrf_from=f"/trips/{trip_id}/cancel"
    )
    assert r.status_code == 303 and r.headers["location"].endswith("notice=cancelled")
    await db.refresh(reservation)
    assert reservation.status == "cancelled" and reservation.cancelled_by == "guest"
    page = await client.get(f"/trips/{trip_id}?notice=cancelled")
    assert_page(page, 200, "Your trip is cancelled.")
    assert "Cancel this trip" not in page.text
    r = await post_form(client, f"/trips/{trip_id}/cancel", [], csrf_from=f"/trips/{trip_id}")
    assert_page(r, 409, "already cancelled")


async def test_the_refund_shown_before_cancelling_is_the_refund_given(
    client: httpx.AsyncClient, db: AsyncSession
) -> None:
    host = await make_user(db)
    listing = await make_listing(
        db, host, cancellationPolicy={"tiers": [{"daysBeforeArrival": 7, "refundPercent": 50}]}
    )
    guest = await make_user(db)
    await sign_in(client, guest)
    day = iso_days_from()
    trip_id = trip_id_of(await book(client, listing.id, stay_query(day(20), day(22))))
    page = await client.get(f"/trips/{trip_id}/cancel")
    assert_page(page, 200, "you get back <strong>EUR 100.00</strong>")  # 50% of 200
    r = await post_form(
        client, f"/trips/{trip_id}/cancel", [], csrf_from=f"/trips/{trip_id}/cancel"
    )
    assert r.status_code == 303, r.text
    reservation = await db.get(Reservation, trip_id)
    assert reservation is not None
    await db.refresh(reservation)
    # What the page promised is what the cancellation refunded.
    assert reservation.status == "cancelled" and reservation.refund_amount == Decimal("100.00")


async def test_a_declined_card_keeps_the_booking_held_and_paying_again_works(
    client: httpx.AsyncClient, db: AsyncSession
) -> None:
    host = await make_user(db)
    listing = await make_listing(db, host)
    guest = await make_user(db)
    await sign_in(client, guest)
    day = iso_days_from()
    r = await book(client, listing.id, stay_query(day(3), day(4)), "pm_card_chargeDeclined")
    trip_id = trip_id_of(r)
    assert r.headers["location"].endswith("payment=failed")
    page = await client.get(r.headers["location"])
    assert_page(page, 200, "did not go through")
    r = await post_form(
        client,
        f"/trips/{trip_id}/pay",
        [("payment_method", "pm_card_visa")],
        csrf_from=f"/trips/{trip_id}",
    )
    assert r.status_code == 303 and r.headers["location"].endswith("payment=paid")
    reservation = await db.get(Reservation, trip_id)
    assert reservation is not None
    await db.refresh(reservation)
    assert reservation.payment_confirmation == "paid"


async def test_nights_taken_meanwhile_are_a_409_just_taken_page(
    client: httpx.AsyncClient, db: AsyncSession
) -> None:
    host = await make_user(db)
    listing = await make_listing(db, host)
    first, second = await make_user(db), await make_user(db)
    day = iso_days_from()
    stay = stay_query(day(6), day(8))
    await sign_in(client, second)
    form_page = await client.get(f"/book/{listing.id}?{stay}")
    token = csrf_of(form_page.text)
    client.cookies.clear()
    async with httpx.AsyncClient(
        transport=client._transport, base_url="http://testserver"
    ) as other:
        await sign_in(other, first)
        assert (await book(other, listing.id, stay)).status_code == 303
    await sign_in(client, second)
    r = await client.post(
        f"/book/{listing.id}?{stay}",
        data={
            "csrf_token": csrf_of((await client.get("/")).text),
            "payment_method": "pm_card_visa",
        },
    )
    assert_page(r, 409, "just taken")
    assert token  # the form was open before the other guest booked
    count = len(list(await db.scalars(select(Reservation.id))))
    assert count == 1


async def test_another_guests_trip_is_404_and_changes_nothing(
    client: httpx.AsyncClient, db: AsyncSession
) -> None:
    host = await make_user(db)
    listing = await make_listing(db, host)
    owner, stranger = await make_user(db), await make_user(db)
    await sign_in(client, owner)
    day = iso_days_from()
    trip_id = trip_id_of(await book(client, listing.id, stay_query(day(3), day(5))))
    client.cookies.clear()
    await sign_in(client, stranger)
    for path in (f"/trips/{trip_id}", f"/trips/{trip_id}/cancel", f"/trips/{UNKNOWN}", "/trips/x"):
        assert_page(await client.get(path), 404, "Page not found")
    r = await post_form(client, f"/trips/{trip_id}/cancel", [], csrf_from="/trips")
    assert_page(r, 404, "Page not found")
    r = await post_form(
        client, f"/trips/{trip_id}/messages", [("content", "hi")], csrf_from="/trips"
    )
    assert_page(r, 404, "Page not found")
    reservation = await db.get(Reservation, trip_id)
    assert reservation is not None and reservation.status == "confirmed"
    assert await db.scalar(select(Message.id)) is None
    assert_page(await client.get(f"/book/{UNKNOWN}?{stay_query(day(3), day(5))}"), 404, "not found")


async def test_a_review_after_the_stay_goes_to_the_review_service(
    client: httpx.AsyncClient, db: AsyncSession
) -> None:
    host = await make_user(db)
    listing = await make_listing(db, host)
    guest = await make_user(db)
    await sign_in(client, guest)
    day = iso_days_from()
    trip_id = trip_id_of(await book(client, listing.id, stay_query(day(3), day(5))))
    page = await client.get(f"/trips/{trip_id}")
    assert "Review your stay" not in page.text  # not before the stay
    await db.execute(
        update(Reservation).where(Reservation.id == trip_id).values(status="completed")
    )
    await db.commit()
    page = await client.get(f"/trips/{trip_id}")
    assert_page(page, 200, "Review your stay")
    r = await post_form(
        client,
        f"/trips/{trip_id}/review",
        [("rating", "9"), ("text", "Great")],
        csrf_from=f"/trips/{trip_id}",
    )
    assert_page(r, 400, "rating must be a whole number from 1 to 5")
    r = await post_form(
        client,
        f"/trips/{trip_id}/review",
        [("rating", "5"), ("text", "Lovely flat.")],
        csrf_from=f"/trips/{trip_id}",
    )
    assert r.status_code == 303 and r.headers["location"].endswith("notice=reviewed")
    review = await db.scalar(select(Review).where(Review.reservation_id == trip_id))
    assert review is not None and review.rating == 5 and review.reviewee_type == "listing"
    assert review.reviewer_id == guest.user.id and review.review_text == "Lovely flat."
    assert Decimal(review.rating) == 5
    page = await client.get(f"/trips/{trip_id}")
    assert "Review your stay" not in page.text
