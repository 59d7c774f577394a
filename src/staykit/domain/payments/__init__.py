"""Payments: the provider port (Stripe, and the offline test-money provider), the ledger
of every money movement, the price split, and the intake of the provider's webhooks.

Modules: port (the Protocol and its values), stripe_provider, offline, payouts (the fake
payout sink), providers (choosing one from the settings), keys (idempotency keys), split,
models, ledger, service (provider + ledger operations), webhooks, channel_stripe (the
Channel API's Stripe channel: a booking's checkout, charges and saved cards).
"""
