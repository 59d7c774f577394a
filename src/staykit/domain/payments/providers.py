"""Which payment provider staykit uses, built from the settings.

Settings.payments_provider resolves the choice (a Stripe key means Stripe; no key means
the offline test-money provider outside production, and none in production), and the
settings refuse test money in production at startup. The process keeps ONE provider:
the offline provider's state is its memory, and the Stripe one holds a connection pool.
`payment_setup` hands it out with the settings the payment flows read.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import timedelta

import stripe

from staykit.core.config import Settings
from staykit.domain.payments.errors import PaymentsNotConfigured
from staykit.domain.payments.offline import OfflineProvider
from staykit.domain.payments.payouts import FakePayoutSink
from staykit.domain.payments.port import PaymentProvider, PayoutSink
from staykit.domain.payments.stripe_provider import (
    StripeConnectPayouts,
    StripeProvider,
    make_client,
)


def build_provider(settings: Settings) -> PaymentProvider:
    """The provider the settings name. Raises PaymentsNotConfigured when there is none."""
    chosen = settings.payments_provider
    if chosen == "offline":
        return OfflineProvider()
    if chosen == "stripe" and settings.stripe_api_key is not None:
        http = stripe.HTTPXClient()
        client = make_client(
            settings.stripe_api_key.get_secret_value(),
            http_client=http,
            api_base=settings.stripe_api_base,
        )
        payouts: PayoutSink = (
            StripeConnectPayouts(client) if settings.stripe_connect_payouts else FakePayoutSink()
        )
        return StripeProvider(client, payouts, http_client=http)
    raise PaymentsNotConfigured(
        "No payment provider is configured (STAYKIT_STRIPE_API_KEY, STAYKIT_PAYMENT_PROVIDER)."
    )


@dataclass(frozen=True, slots=True)
class PaymentSetup:
    """What the payment flows of this process use: the provider, the webhook secret and
    the platform's payment settings (fees, the unpaid hold)."""

    provider: PaymentProvider
    settings: Settings
    webhook_secret: str | None

    @property
    def unpaid_hold(self) -> timedelta:
        return timedelta(minutes=self.settings.unpaid_hold_minutes)

    @property
    def webhook_tolerance(self) -> int:
        return self.settings.stripe_webhook_tolerance_seconds


_provider: PaymentProvider | None = None
_override: tuple[PaymentProvider, str | None] | None = None


def payment_setup(settings: Settings) -> PaymentSetup:
    """The process's payment setup: its one provider, built on first use (raises
    PaymentsNotConfigured when the settings name none), or the one `use_provider` set."""
    global _provider
    if _override is not None:
        return PaymentSetup(_override[0], settings, _override[1])
    if _provider is None:
        _provider = build_provider(settings)
    secret = settings.stripe_webhook_secret
    return PaymentSetup(_provider, settings, None if secret is None else secret.get_secret_value())


@contextmanager
def use_provider(provider: PaymentProvider, *, webhook_secret: str | None = None) -> Iterator[None]:
    """Use `provider` (and `webhook_secret`) instead of the configured one while the block
    runs: the tests' localstripe, or a provider a benchmark measures."""
    global _override
    previous = _override
    _override = (provider, webhook_secret)
    try:
        yield
    finally:
        _override = previous


async def close_provider() -> None:
    """Close the process's provider's connections (at shutdown); built again on next use."""
    global _provider
    provider, _provider = _provider, None
    closing = getattr(provider, "aclose", None)
    if closing is not None:
        await closing()
