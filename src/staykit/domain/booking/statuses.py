"""One status model for reservations and how each API names it (docs/booking.md).

| staykit   | holds nights | marketplace bookingStatus | Channel API (Beds24) | Cloud API (rezStream) |
|-----------|--------------|---------------------------|----------------------|-----------------------|
| inquiry   | no           | pending                   | inquiry              | Inquiry               |
| request   | yes          | pending                   | request              | Tentative             |
| new       | yes          | confirmed                 | new                  | Reserved              |
| confirmed | yes          | confirmed                 | confirmed            | Reserved              |
| black     | yes          | confirmed                 | black                | Blocked               |
| completed | yes          | complete                  | confirmed            | CheckedOut            |
| cancelled | no           | cancelled                 | cancelled            | Cancelled             |
| declined  | no           | declined                  | cancelled            | Cancelled             |
| expired   | no           | declined                  | cancelled            | Cancelled             |

A request the host never answered expires after 24 hours: the marketplace shows it as
declined (the host did not accept it), the partner APIs as cancelled.
"""

from __future__ import annotations

from staykit.domain.booking.models import HOLDING, STATUSES

MARKETPLACE = {
    "inquiry": "pending",
    "request": "pending",
    "new": "confirmed",
    "confirmed": "confirmed",
    "black": "confirmed",
    "completed": "complete",
    "cancelled": "cancelled",
    "declined": "declined",
    "expired": "declined",
}
MARKETPLACE_ENUM = ("pending", "confirmed", "complete", "cancelled", "declined")
CHANNEL = {
    "inquiry": "inquiry",
    "request": "request",
    "new": "new",
    "confirmed": "confirmed",
    "black": "black",
    "completed": "confirmed",
    "cancelled": "cancelled",
    "declined": "cancelled",
    "expired": "cancelled",
}
CLOUD = {
    "inquiry": "Inquiry",
    "request": "Tentative",
    "new": "Reserved",
    "confirmed": "Reserved",
    "black": "Blocked",
    "completed": "CheckedOut",
    "cancelled": "Cancelled",
    "declined": "Cancelled",
    "expired": "Cancelled",
}
# A marketplace bookingStatus filter matches these staykit statuses.
FROM_MARKETPLACE: dict[str, tuple[str, ...]] = {
    m: tuple(s for s in STATUSES if MARKETPLACE[s] == m) for m in MARKETPLACE_ENUM
}
# Statuses nothing moves on from.
FINAL = ("cancelled", "declined", "expired")

assert set(MARKETPLACE) == set(CHANNEL) == set(CLOUD) == set(STATUSES)
assert set(HOLDING) <= set(STATUSES)
