"""Scope names in words, for the pages a person reads (the consent page, the account
portal): `read:bookings` is "See bookings"."""

from __future__ import annotations

_VERBS = {
    "read": "See",
    "write": "Create and change",
    "delete": "Delete",
    "all": "See, create, change and delete",
}
_THINGS = {
    "bookings": "bookings",
    "bookings-personal": "guests' names and contact details on bookings",
    "bookings-financial": "prices, invoices and payments of bookings",
    "inventory": "availability, rates and stay restrictions",
    "properties": "properties, room types and rooms",
    "accounts": "account settings and team members",
    "channels": "channel connections",
    "messages": "messages with guests",
}
_WORDS = {
    "openid": "Know who you are on staykit (your account id)",
    "profile": "See your name",
    "email": "See your email address",
    "offline_access": "Keep this access while you are away, until you take it back",
    "guest_communication": "Guest communication: see bookings, guests' contact details and "
    "properties, and read and send messages to guests",
    "revenue_management": "Revenue management: see bookings and their prices, see and change "
    "availability and rates, and see properties",
}


def scope_in_words(name: str) -> str:
    if name in _WORDS:
        return _WORDS[name]
    method, _, category = name.partition(":")
    return f"{_VERBS.get(method, method)} {_THINGS.get(category, category)}"


def thing_in_words(category: str) -> str:
    """A scope category as a person says it ("bookings", "messages with guests")."""
    return _THINGS.get(category, category)
