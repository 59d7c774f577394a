"""Where webhooks may go (server-side request forgery guard).

A webhook URL is checked when it is set and again before every send, since DNS answers
change: http(s) only, and https only in production; no user name or password; and every
address the host resolves to must be public (not private, loopback, link-local,
multicast, reserved, unspecified or shared), unless the operator allowed it in
`STAYKIT_WEBHOOK_ALLOWED_DESTINATIONS` (CIDR networks or exact host names). Loopback is
allowed in development and test, where the receivers run on this machine.

A name with one public and one private address is refused (either may be used). Sends
go to the checked address itself (delivery.py pins it, with the name in Host and SNI), so
a DNS answer that changes between check and connection cannot redirect them; redirects
are never followed. Messages never repeat the URL (it may carry a token).
"""

from __future__ import annotations

import asyncio
import ipaddress
import socket
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from staykit.core.config import Settings

IpAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
IpNetwork = ipaddress.IPv4Network | ipaddress.IPv6Network
Resolver = Callable[[str, int], Awaitable[list[str]]]
MAX_URL = 2000


class UrlRefused(Exception):
    """The URL may not receive webhooks; `message` says why, without repeating it."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


async def system_resolver(host: str, port: int) -> list[str]:
    infos = await asyncio.get_running_loop().getaddrinfo(host, port, type=socket.SOCK_STREAM)
    return [str(info[4][0]).split("%", 1)[0] for info in infos]


@dataclass(frozen=True)
class Destinations:
    """The rules for one deployment (from settings; tests may give their own resolver)."""

    https_only: bool = True
    allow_loopback: bool = False
    networks: tuple[IpNetwork, ...] = ()
    hosts: frozenset[str] = frozenset()
    resolve: Resolver = field(default=system_resolver, compare=False)

    @classmethod
    def from_settings(cls, settings: Settings, resolve: Resolver = system_resolver) -> Destinations:
        networks: list[IpNetwork] = []
        hosts: set[str] = set()
        for entry in settings.webhook_allowed_destinations:
            try:
                networks.append(ipaddress.ip_network(entry.strip(), strict=False))
            except ValueError:
                hosts.add(entry.strip().lower().rstrip("."))
        return cls(
            https_only=settings.env == "production",
            allow_loopback=settings.is_development,
            networks=tuple(networks),
            hosts=frozenset(hosts),
            resolve=resolve,
        )

    def allows_address(self, address: IpAddress) -> bool:
        if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
            address = address.ipv4_mapped
        if any(address in net for net in self.networks):
            return True
        if address.is_loopback:
            return self.allow_loopback
        return address.is_global and not address.is_multicast


@dataclass(frozen=True)
class Target:
    """A checked URL: where to connect (the address) and what to name (host, port)."""

    scheme: str
    host: str
    port: int
    address: IpAddress


def shape_problem(url: str, rules: Destinations) -> str | None:
    """What is wrong with the URL itself (before any DNS), or None."""
    if len(url) > MAX_URL:
        return f"url must be at most {MAX_URL} characters."
    if any(c.isspace() or ord(c) < 32 for c in url):
        return "url must not contain spaces or control characters."
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 - raises on a malformed port
    except ValueError:
        return "url is not a valid URL."
    scheme = parts.scheme.lower()
    if rules.https_only and scheme != "https":
        return "url must be an https URL."
    if scheme not in ("http", "https"):
        return "url must be an http or https URL."
    if not parts.hostname:
        return "url must name a host."
    if parts.username is not None or parts.password is not None or "@" in parts.netloc:
        return "url must not carry a user name or password."
    if parts.fragment:
        return "url must not have a fragment (#...)."
    return None


async def check(url: str, rules: Destinations) -> Target:
    """The URL's checked target, or UrlRefused saying why."""
    problem = shape_problem(url, rules)
    if problem:
        raise UrlRefused(problem)
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    host = (parts.hostname or "").lower().rstrip(".")
    port = parts.port or (443 if scheme == "https" else 80)
    try:
        literal: IpAddress | None = ipaddress.ip_address(host)
    except ValueError:
        literal = None
    if literal is not None:
        found = [literal]
    else:
        try:
            found = [ipaddress.ip_address(a) for a in await rules.resolve(host, port)]
        except (OSError, ValueError, UnicodeError):  # UnicodeError: not a valid IDNA name
            raise UrlRefused("url's host name does not resolve.") from None
        if not found:
            raise UrlRefused("url's host name does not resolve.")
        if host in rules.hosts:
            return Target(scheme, host, port, found[0])
    if not all(rules.allows_address(a) for a in found):
        raise UrlRefused(
            "url points at this machine or a private network; webhooks go to public "
            "addresses only (an operator can allow a destination in "
            "STAYKIT_WEBHOOK_ALLOWED_DESTINATIONS)."
        )
    return Target(scheme, host, port, found[0])
