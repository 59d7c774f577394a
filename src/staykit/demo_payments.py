"""Demo stays paid through the platform with test money (the offline provider), so that a
fresh `make run` shows the ledger, payment records, invoices and a host's balances.

The demo guests book a few instant listings as the marketplace books them
(payments.reservations.book_stay: the split and the charge rows), pay with the test card
`pm_card_visa` (payments.checkout.start_payment: the attempt, the customer and saved card,
the payment in the ledger, the stay confirmed), and one of them is cancelled by its guest
afterwards, refunded by its cancellation policy. Nothing is paid when the process's
provider is not the offline one: a demo load never moves real money.
"""

from __future__ import annotations

import random
import uuid
from dataclasses import dataclass
from datetime import date, timedelta

import structlog
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from staykit.core.config import Settings
from staykit.core.errors import Conflict, InvalidInput
from staykit.domain.access.principal import Principal
from staykit.domain.auth.models import User
from staykit.domain.booking.commands import NewReservation
from staykit.domain.catalog.models import UnitType
from staykit.domain.payments.checkout import PaymentParams, start_payment
from staykit.domain.payments.offline import OfflineProvider
from staykit.domain.payments.providers import payment_setup
from staykit.domain.payments.reservations import book_stay, cancel_stay

log = structlog.get_logger(__name__)

SEED = 20261203
PAID_STAYS = 5
TEST_CARD = "pm_card_visa"


@dataclass
class PaidStays:
    paid: int = 0
    refunded: int = 0


def _principal(user: User) -> Principal:
    return Principal(
        user_id=user.id, role_id=user.role_id, email=user.email, fullname=user.fullname or ""
    )


async def load_paid_stays(
    session: AsyncSession,
    settings: Settings,
    guest_emails: tuple[str, ...],
    start: date,
    *,
    skip_titles: tuple[str, ...] = (),
) -> PaidStays:
    """Book and pay PAID_STAYS stays on instant listings (not those titled `skip_titles`:
    the docs' own listing keeps its calendar free), then cancel the last one as its guest.
    Stays the calendar refuses are skipped."""
    done = PaidStays()
    setup = payment_setup(settings)
    if not isinstance(setup.provider, OfflineProvider):
        log.info("demo paid stays skipped: the payment provider is not test money")
        return done
    guests = [
        _principal(u)
        for u in await session.scalars(
            select(User).where(User.email.in_(guest_emails)).order_by(User.email)
        )
    ]
    listings = list(
        await session.scalars(
            select(UnitType)
            .where(
                UnitType.is_published,
                UnitType.approval_type == "instant",
                UnitType.title.not_in(skip_titles),
            )
            .order_by(UnitType.title, UnitType.id)
        )
    )
    if not guests or not listings:
        return done
    rng = random.Random(SEED)
    paid: list[tuple[Principal, uuid.UUID]] = []
    for listing in rng.sample(listings, len(listings)):
        if len(paid) == PAID_STAYS:
            break
        guest = rng.choice(guests)
        arrival = start + timedelta(days=rng.randint(20, 150))
        nights = max(listing.min_stay, rng.randint(2, 5))
        stay = NewReservation(
            listing.id, arrival, arrival + timedelta(days=nights), min(2, listing.max_guests)
        )
        try:
            async with session.begin_nested():
                booked = await book_stay(session, guest, setup, stay)
                outcome = await start_payment(
                    session, guest, setup, booked.reservation.id, PaymentParams(TEST_CARD)
                )
                if not outcome.success:
                    raise Conflict("the demo card was declined")
        except (InvalidInput, Conflict):
            continue
        paid.append((guest, booked.reservation.id))
    done.paid = len(paid)
    if paid:
        guest, reservation_id = paid[-1]
        await cancel_stay(session, guest, setup, reservation_id)
        done.refunded = 1
    return done
