"""Identifiers: time-ordered UUIDv7 for public ids, integer ids as partner APIs name rows,
random tokens for secrets."""

from __future__ import annotations

import os
import secrets
import time
import uuid
from typing import Any

_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789"


def uuid7() -> uuid.UUID:
    """A UUIDv7 (RFC 9562): 48-bit Unix milliseconds, then random bits; sorts by creation time."""
    ms = time.time_ns() // 1_000_000
    rand = int.from_bytes(os.urandom(10), "big")
    value = (ms & 0xFFFF_FFFF_FFFF) << 80
    value |= 0x7 << 76  # version
    value |= ((rand >> 68) & 0xFFF) << 64
    value |= 0b10 << 62  # variant
    value |= rand & 0x3FFF_FFFF_FFFF_FFFF
    return uuid.UUID(int=value)


# Integer ids (the `int_id` columns) are BIGINT identities: an integer outside 1..2**63-1
# names no row, and must not reach a query, where the database refuses it as out of range
# (a whole request's error instead of the item's "not found").
INT_ID_LIMIT = 2**63


def int_id(value: Any) -> int | None:
    """The integer id a client sent (an integer, or its ASCII digits: some clients send ids
    as strings), or None when `value` is neither or can name no row."""
    if isinstance(value, str) and value.isascii() and value.isdigit() and len(value) <= 19:
        value = int(value)
    if isinstance(value, bool) or not isinstance(value, int):
        return None
    return value if 0 < value < INT_ID_LIMIT else None


def random_key(length: int = 12) -> str:
    """A URL-safe random key without look-alike characters (access keys, codes)."""
    return "".join(secrets.choice(_ALPHABET) for _ in range(length))


def numeric_code(digits: int = 6) -> str:
    return "".join(secrets.choice("0123456789") for _ in range(digits))
