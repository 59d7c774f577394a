"""Which payment provider staykit uses, built from the settings.

Settings.payments_provider resolves the choice (a Stripe key means Stripe; no key means
the offline test-money provider outside production, and none in production), and the
settings refuse test money in production at startup. The process keeps ONE provider:
the offline provider's state is its memory, and the Stripe one holds a connection pool.
"""

from __future__ import annotations

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
