"""The channels an account cannot connect yet, and the error that says so.

staykit has no connection to Airbnb, Vrbo or Booking.com; every Channel API operation on
them answers ChannelNotConnected (409): the request may be well formed, but the account
has nothing connected to act on. Stripe is connected through staykit's payment provider,
and is not where staykit has none (production without a Stripe key).
"""

from __future__ import annotations

from typing import NoReturn

from staykit.core.errors import Conflict

CHANNEL_NAMES = {
    "airbnb": "Airbnb",
    "vrbo": "Vrbo",
    "booking": "Booking.com",
    "stripe": "Stripe",
}
NOT_CONNECTED_CHANNELS = ("airbnb", "vrbo")  # the settings a POST may name but not set

_WHY = {
    "stripe": "no payment provider is configured on this staykit (STAYKIT_STRIPE_API_KEY)",
}


def not_connected_message(channel: str) -> str:
    name = CHANNEL_NAMES.get(channel, channel)
    why = _WHY.get(channel, f"staykit has no {name} connection yet")
    return f"{name} is not connected to this account: {why}."


class ChannelNotConnected(Conflict):
    code = "channelNotConnected"

    def __init__(self, channel: str) -> None:
        super().__init__(not_connected_message(channel))
        self.channel = channel


def require_connection(channel: str) -> NoReturn:
    """Every operation on an unconnected channel ends here."""
    raise ChannelNotConnected(channel)
