"""Contact details hidden from messages written before a stay is confirmed, as the large
marketplaces do: guests and hosts who swap an email address, a phone number or a link
in an inquiry can settle outside the platform, without its payment protection, its
cancellation policy or its reviews.

When: guest and host messages of a conversation that is an inquiry (no reservation) or
whose reservation is not confirmed (confirmed stays are `new`, `confirmed` and
`completed`). Internal notes (never shown to the guest) and system messages are not
masked. Once a stay is confirmed, new messages are not masked; earlier ones stay as
they were written.

How: at write time. `content` becomes the masked text that everyone reads (the sender
too, who so sees what the other side got); the original is kept in
`original_content`, which only admins read, for moderation and audit. Masking at write
means one stored answer for every surface (the Channel API lists the same text) and no
work on each read.

What counts (heuristics; no well-kept library finds contact details in free text, and
`phonenumbers` is not a dependency):
- an email address: `name@domain.tld`;
- a link: `http(s)://...`, `www....`, or a bare domain with a common top-level domain
  (`example.com/page`);
- a phone number: a run of digits with spaces, dots, dashes, slashes or brackets
  between them, optionally after `+`, holding 7 to 15 digits; dates (`2027-07-01`,
  `01/07/2027`) and times are left alone.
Spelled-out tricks ("john at gmail dot com") are not caught.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

CONFIRMED_STAYS = ("new", "confirmed", "completed")

EMAIL_HIDDEN = "[email hidden]"
LINK_HIDDEN = "[link hidden]"
PHONE_HIDDEN = "[phone number hidden]"

_EMAIL = re.compile(r"[\w.+%-]+@[\w-]+(?:\.[\w-]+)*\.[a-z]{2,24}", re.IGNORECASE)
_TLDS = (
    "com|net|org|info|biz|io|co|me|app|dev|ly|gl|link|site|online|xyz|eu|uk|de|fr|es|it|pt|"
    "nl|be|ch|at|us|ca|au|br|mx|ru|in|cn|jp"
)
_LINK = re.compile(
    r"(?:https?://|www\.)[^\s<>\"']+"
    rf"|\b[a-z0-9][a-z0-9-]*(?:\.[a-z0-9-]+)*\.(?:{_TLDS})\b(?:/[^\s<>\"']*)?",
    re.IGNORECASE,
)
_PHONE = re.compile(r"(?<![\w+])\+?\(?\d[\d\s().\-/]{5,24}\d(?!\w)")
_DATE = re.compile(r"\d{4}[-./]\d{1,2}[-./]\d{1,2}|\d{1,2}[-./]\d{1,2}[-./]\d{2,4}")


@dataclass(frozen=True, slots=True)
class Masked:
    text: str
    changed: bool


def _phone(match: re.Match[str]) -> str:
    found = match.group(0)
    digits = sum(c.isdigit() for c in found)
    if not 7 <= digits <= 15 or _DATE.fullmatch(found.strip()):
        return found
    return PHONE_HIDDEN


def mask_contacts(text: str) -> Masked:
    """The text with every email address, link and phone number replaced by a marker."""
    masked = _EMAIL.sub(EMAIL_HIDDEN, text)
    masked = _LINK.sub(LINK_HIDDEN, masked)
    masked = _PHONE.sub(_phone, masked)
    return Masked(masked, masked != text)


def stay_confirmed(reservation_status: str | None) -> bool:
    """Whether a conversation's stay is confirmed (None: an inquiry, no reservation)."""
    return reservation_status in CONFIRMED_STAYS
