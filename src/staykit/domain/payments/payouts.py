"""The FAKE payout sink: host payouts recorded in this process's memory, with no money
moving anywhere.

It stands behind the payout part of the port where no real payout sink is configured:
Stripe without Connect (STAYKIT_STRIPE_CONNECT_PAYOUTS off), the offline provider, and
the tests (localstripe has no Connect transfers). The ledger records its payouts under
provider "fake_payouts", so no one can mistake them for money a host received; in
production staykit refuses to start with it unless test money is explicitly allowed
(core/config.py). It keeps Stripe's idempotency rule: the same key answers the same
payout again, and a key reused for a different payout is refused.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import Any, TypeVar

from staykit.core.errors import DomainError
from staykit.domain.payments.errors import IdempotencyKeyReused
from staykit.domain.payments.port import Payout, PayoutRequest

T = TypeVar("T")


class Replays:
    """What an in-memory provider answered per idempotency key, with what it was asked:
    a repeat gets the first answer, a different request under the same key is refused."""

    def __init__(self) -> None:
        self._answers: dict[str, tuple[Any, Any]] = {}

    def once(self, key: str, request: Any, do: Callable[[], T]) -> T:
        if key in self._answers:
            asked, answer = self._answers[key]
            if asked != request:
                raise IdempotencyKeyReused(key)
            if isinstance(answer, DomainError):  # a refusal (a decline) is answered again
                raise answer
            return answer
        try:
            answer = do()
        except DomainError as exc:
            self._answers[key] = (request, exc)
            raise
        self._answers[key] = (request, answer)
        return answer


class FakePayoutSink:
    """A FAKE payout sink (see the module's docstring): nothing reaches the host."""

    provider = "fake_payouts"

    def __init__(self) -> None:
        self.payouts: list[Payout] = []
        self._replays = Replays()

    async def pay_out(self, request: PayoutRequest, *, idempotency_key: str) -> Payout:
        def record() -> Payout:
            payout = Payout(
                id=f"fake_po_{uuid.uuid4().hex[:24]}",
                amount=request.amount,
                currency=request.currency,
                destination=request.destination,
                provider=self.provider,
            )
            self.payouts.append(payout)
            return payout

        return self._replays.once(idempotency_key, request, record)
