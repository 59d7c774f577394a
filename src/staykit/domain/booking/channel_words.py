"""The Channel API's words for bookings (Beds24 API V2): its status words and which staykit
statuses they cover, its `filter` words, and where a booking came from as Beds24's
`channel` and `apiSource`."""

from __future__ import annotations

from collections.abc import Collection
from typing import Literal

from staykit.domain.booking.models import STATUSES
from staykit.domain.booking.statuses import CHANNEL

ChannelFilter = Literal["arrivals", "departures", "new", "current"]

# Statuses in the Channel API's words (statuses.CHANNEL's values).
CHANNEL_STATUSES = ("confirmed", "request", "new", "cancelled", "black", "inquiry")
# Without a status filter: every status that is not cancelled (the document's default) ...
DEFAULT_STATUSES = ("confirmed", "request", "new", "black", "inquiry")
# ... and with a `filter` (arrivals, departures, ...): confirmed, new and request only.
FILTER_STATUSES = ("confirmed", "new", "request")

# Where a reservation came from (models.SOURCES), as Beds24's channel and apiSource: the
# marketplace is staykit's own booking site (Beds24's "bookingpage"); what the business
# entered itself, by hand or through either partner API, is "direct"; an iCal import is
# the first iCal import channel.
CHANNEL_OF_SOURCE = {
    "marketplace": "bookingpage",
    "direct": "direct",
    "channel_api": "direct",
    "cloud_api": "direct",
    "ical": "icalimport1",
}
API_SOURCE = {
    "marketplace": "staykit marketplace",
    "direct": "Direct",
    "channel_api": "Channel API",
    "cloud_api": "Cloud API",
    "ical": "iCal import",
}
SUB_STATUS_OF_CANCELLER = {"guest": "cancelledByGuest", "host": "cancelledByHost"}


def sources_for_channel(channel: str) -> tuple[str, ...]:
    """The staykit sources a Beds24 channel word stands for (none for a channel staykit
    never records: such a filter matches nothing)."""
    return tuple(s for s, c in CHANNEL_OF_SOURCE.items() if c == channel)


def statuses_for(channel_words: Collection[str]) -> tuple[str, ...]:
    """The staykit statuses the Channel API's status words cover (cancelled: cancelled,
    declined and expired; confirmed: confirmed and completed)."""
    return tuple(s for s in STATUSES if CHANNEL[s] in channel_words)
