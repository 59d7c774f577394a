"""Scopes: what a partner credential may do, by category and method.

A scope is `<method>:<category>` (the Channel API's spelling, which the Cloud API and
OAuth consent share): methods read, write, delete and all (= all three); categories
bookings, bookings-personal, bookings-financial, inventory, properties, accounts,
channels, messages. Use-case bundles (`guest_communication`, `revenue_management`)
expand to category scopes. First-party sessions carry no scopes and are unrestricted.
"""

from __future__ import annotations

from collections.abc import Iterable
from enum import StrEnum

CATEGORIES = (
    "bookings",
    "bookings-personal",
    "bookings-financial",
    "inventory",
    "properties",
    "accounts",
    "channels",
    "messages",
)
METHODS = ("read", "write", "delete")


class Scope(StrEnum):
    READ_BOOKINGS = "read:bookings"
    WRITE_BOOKINGS = "write:bookings"
    DELETE_BOOKINGS = "delete:bookings"
    READ_BOOKINGS_PERSONAL = "read:bookings-personal"
    WRITE_BOOKINGS_PERSONAL = "write:bookings-personal"
    DELETE_BOOKINGS_PERSONAL = "delete:bookings-personal"
    READ_BOOKINGS_FINANCIAL = "read:bookings-financial"
    WRITE_BOOKINGS_FINANCIAL = "write:bookings-financial"
    DELETE_BOOKINGS_FINANCIAL = "delete:bookings-financial"
    READ_INVENTORY = "read:inventory"
    WRITE_INVENTORY = "write:inventory"
    DELETE_INVENTORY = "delete:inventory"
    READ_PROPERTIES = "read:properties"
    WRITE_PROPERTIES = "write:properties"
    DELETE_PROPERTIES = "delete:properties"
    READ_ACCOUNTS = "read:accounts"
    WRITE_ACCOUNTS = "write:accounts"
    DELETE_ACCOUNTS = "delete:accounts"
    READ_CHANNELS = "read:channels"
    WRITE_CHANNELS = "write:channels"
    DELETE_CHANNELS = "delete:channels"
    READ_MESSAGES = "read:messages"
    WRITE_MESSAGES = "write:messages"
    DELETE_MESSAGES = "delete:messages"


# Use-case bundles: what an integration of that kind needs, and no more.
BUNDLES: dict[str, frozenset[Scope]] = {
    "guest_communication": frozenset(
        {
            Scope.READ_BOOKINGS,
            Scope.READ_BOOKINGS_PERSONAL,
            Scope.READ_PROPERTIES,
            Scope.READ_MESSAGES,
            Scope.WRITE_MESSAGES,
        }
    ),
    "revenue_management": frozenset(
        {
            Scope.READ_BOOKINGS,
            Scope.READ_BOOKINGS_FINANCIAL,
            Scope.READ_INVENTORY,
            Scope.WRITE_INVENTORY,
            Scope.READ_PROPERTIES,
        }
    ),
}
# Names a token may carry that grant no data access themselves.
PROTOCOL_SCOPES = frozenset({"offline_access", "openid", "profile", "email"})


class UnknownScope(ValueError):
    def __init__(self, name: str) -> None:
        super().__init__(f"{name!r} is not a scope")
        self.name = name


def expand(names: Iterable[str]) -> frozenset[Scope]:
    """Category scopes granted by scope names: `all:x` is read, write and delete of x,
    bundles expand to their scopes, protocol scopes grant nothing. Unknown names raise
    `UnknownScope` so a typo never silently grants less (or more) than meant."""
    granted: set[Scope] = set()
    for name in names:
        if name in PROTOCOL_SCOPES:
            continue
        if name in BUNDLES:
            granted |= BUNDLES[name]
            continue
        method, _, category = name.partition(":")
        if category not in CATEGORIES or method not in (*METHODS, "all"):
            raise UnknownScope(name)
        methods = METHODS if method == "all" else (method,)
        granted.update(Scope(f"{m}:{category}") for m in methods)
    return frozenset(granted)
