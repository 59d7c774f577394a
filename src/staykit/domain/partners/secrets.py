"""Credential values: made from 256 bits or more of randomness, stored only as a hash.

Every value starts with a prefix naming its kind (`stk_at_` an OAuth access token,
`stk_ch_` a Channel API token, ...), so a leaked value is recognisable by secret
scanners and by a person reading a log, and the wrong kind of value is refused early.
The stored form is the value's SHA-256: the values are random, so a slow password hash
would add nothing but latency, and a lookup stays one unique-index probe.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from enum import StrEnum


class Kind(StrEnum):
    """Value prefixes, one per kind of credential."""

    CLIENT_SECRET = "stk_cs_"
    OAUTH_ACCESS = "stk_at_"
    OAUTH_REFRESH = "stk_rt_"
    OAUTH_CODE = "stk_ac_"
    TENANT_TOKEN = "stk_tt_"
    CHANNEL_TOKEN = "stk_ch_"
    CHANNEL_REFRESH = "stk_cr_"
    INVITE_CODE = "stk_ic_"
    LONG_LIFE = "stk_ll_"
    API_KEY = "stk_ak_"


# The Channel API's tokens are 152-172 characters (Beds24 documents it; clients size
# their columns by it): a 7-character prefix and 150 random URL-safe characters.
CHANNEL_RANDOM_CHARS = 150
DEFAULT_RANDOM_BYTES = 32  # 43 URL-safe characters
_LONG = (Kind.CHANNEL_TOKEN, Kind.CHANNEL_REFRESH, Kind.LONG_LIFE, Kind.INVITE_CODE)


def new_value(kind: Kind) -> str:
    """A fresh credential value of `kind`."""
    if kind in _LONG:
        # 150 characters of the URL-safe alphabet: about 900 bits.
        body = secrets.token_urlsafe(CHANNEL_RANDOM_CHARS)[:CHANNEL_RANDOM_CHARS]
    else:
        body = secrets.token_urlsafe(DEFAULT_RANDOM_BYTES)
    return f"{kind.value}{body}"


def digest(value: str) -> str:
    """The stored form of a value (hex SHA-256)."""
    return hashlib.sha256(value.encode("utf-8", "surrogatepass")).hexdigest()


def matches(value: str, stored_digest: str) -> bool:
    """Whether `value` is the one whose digest was stored, in constant time."""
    return hmac.compare_digest(digest(value), stored_digest)


def kind_of(value: str) -> Kind | None:
    for kind in Kind:
        if value.startswith(kind.value):
            return kind
    return None


def looks_like_partner_value(value: str) -> bool:
    return value.startswith("stk_")
