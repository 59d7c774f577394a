"""/host/payouts: what the platform paid out to the host side (the payments ledger's
payout records, with their status) and the platform-paid stays whose payout is still to
come (they are settled after check-out)."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from staykit.api.deps import DbSession
from staykit.api.host.common import host_page, signed_in, to_login
from staykit.domain.payments.records import payouts_of_host

router = APIRouter(include_in_schema=False)

STATUS_WORDS = {"paid": "Paid", "refunded": "Refunded", "pending": "Pending", "failed": "Failed"}


@router.get("/payouts", response_class=HTMLResponse)
async def payouts(request: Request, session: DbSession) -> Response:
    person = await signed_in(request, session)
    if person is None:
        return to_login(request)
    found = await payouts_of_host(session, person)
    return host_page(
        request,
        person,
        "host_payouts.html",
        section="payouts",
        paid=found.paid,
        awaiting=found.awaiting,
        words=STATUS_WORDS,
    )
