"""Where staykit's outbound requests to user-given URLs may go (server-side request
forgery guard): webhooks (domain/webhooks) and Web Push endpoints (domain/notifications).

A URL is checked when it is set and again before every send, since DNS answers change:
http(s) only, and https only in production; no user name or password; and every address
the host resolves to must be public (not private, loopback, link-local, multicast,
reserved, unspecified or shared). Loopback is allowed in development and test, where the
receivers run on this machine. Webhooks may also go where the operator allowed in
`STAYKIT_WEBHOOK_ALLOWED_DESTINATIONS` (CIDR networks or exact host names); push
endpoints are https everywhere, plain http only to loopback outside production.

A name with one public and one private address is refused (either may be used). Sends
go to the checked address itself (`PinnedResolver`, with the name in Host and SNI), so
a DNS answer that changes between check and connection cannot redirect them (DNS
rebinding), and a redirect to any other host fails to resolve. Messages never repeat the
URL (it may carry a token).
"""

from __future__ import annotations

import asyncio
import ipaddress
import socket
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from aiohttp.abc import AbstractResolver, ResolveResult

from staykit.core.config import Settings

IpAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
IpNetwork = ipaddress.IPv4Network | ipaddress.IPv6Network
Resolver = Callable[[str, int], Awaitable[list[str]]]
MAX_URL = 2000


class UrlRefused(Exception):
    """The URL may not be sent to; `message` says why (naming the field), without
    repeating it."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


async def system_resolver(host: str, port: int) -> list[str]:
    infos = await asyncio.get_running_loop().getaddrinfo(host, port, type=socket.SOCK_STREAM)
    return [str(info[4][0]).split("%", 1)[0] for info in infos]


@dataclass(frozen=True)
class Destinations:
    """The rules for one deployment and one kind of send (from settings; tests may give
    their own resolver). `url_field` is the URL's name in messages; `allow_hint` tells how an
    operator opens a non-public destination, when one can."""

    https_only: bool = True
    allow_loopback: bool = False
    networks: tuple[IpNetwork, ...] = ()
    hosts: frozenset[str] = frozenset()
    resolve: Resolver = field(default=system_resolver, compare=False)
    # Plain http only to an allowed loopback address (a local push service in tests).
    http_to_loopback_only: bool = False
    url_field: str = "url"
    sends: str = "requests"  # what goes there, for messages: webhooks, pushes
    allow_hint: str = ""

    @classmethod
    def from_settings(cls, settings: Settings, resolve: Resolver = system_resolver) -> Destinations:
        """Webhooks' rules."""
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
            sends="webhooks",
            allow_hint=" (an operator can allow a destination in "
            "STAYKIT_WEBHOOK_ALLOWED_DESTINATIONS)",
        )

    @classmethod
    def for_push(cls, settings: Settings, resolve: Resolver = system_resolver) -> Destinations:
        """Web Push endpoints' rules: push services are public https services. No
        operator allow-list (any user registers endpoints); loopback, over http too,
        outside production only, for a local push service."""
        development = settings.is_development
        return cls(
            https_only=not development,
            allow_loopback=development,
            resolve=resolve,
            http_to_loopback_only=True,
            url_field="device.endpoint",
            sends="pushes",
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
    name = rules.url_field
    if len(url) > MAX_URL:
        return f"{name} must be at most {MAX_URL} characters."
    if any(c.isspace() or ord(c) < 32 for c in url):
        return f"{name} must not contain spaces or control characters."
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 - raises on a malformed port
    except ValueError:
        return f"{name} is not a valid URL."
    scheme = parts.scheme.lower()
    if rules.https_only and scheme != "https":
        return f"{name} must be an https URL."
    if scheme not in ("http", "https"):
        return f"{name} must be an http or https URL."
    if not parts.hostname:
        return f"{name} must name a host."
    if parts.username is not None or parts.password is not None or "@" in parts.netloc:
        return f"{name} must not carry a user name or password."
    if parts.fragment:
        return f"{name} must not have a fragment (#...)."
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
            raise UrlRefused(f"{rules.url_field}'s host name does not resolve.") from None
        if not found:
            raise UrlRefused(f"{rules.url_field}'s host name does not resolve.")
        if host in rules.hosts:
            return Target(scheme, host, port, found[0])
    if not all(rules.allows_address(a) for a in found):
        raise UrlRefused(
            f"{rules.url_field} points at this machine or a private network; {rules.sends} go "
            f"to public addresses only{rules.allow_hint}."
        )
    if rules.http_to_loopback_only and scheme != "https" and not all(_loopback(a) for a in found):
        raise UrlRefused(f"{rules.url_field} must be an https URL.")
    return Target(scheme, host, port, found[0])


def _loopback(address: IpAddress) -> bool:
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        address = address.ipv4_mapped
    return address.is_loopback


class PinnedResolver(AbstractResolver):
    """Answers only the addresses `check` returned (host -> address, pinned before each
    send), so a connection goes where the check looked, whatever DNS says meanwhile
    (rebinding), while TLS still checks the certificate against the host name. A host
    never checked (a redirect elsewhere) does not resolve."""

    def __init__(self) -> None:
        self.checked: dict[tuple[str, int], IpAddress] = {}

    def pin(self, target: Target) -> None:
        self.checked[(target.host, target.port)] = target.address

    async def resolve(
        self, host: str, port: int = 0, family: socket.AddressFamily = socket.AF_INET
    ) -> list[ResolveResult]:
        address = self.checked.get((host.lower().rstrip("."), port))
        if address is None:
            raise OSError(f"{host} was not checked before sending")
        return [
            {
                "hostname": host,
                "host": str(address),
                "port": port,
                "family": socket.AF_INET6 if address.version == 6 else socket.AF_INET,
                "proto": 0,
                "flags": socket.AI_NUMERICHOST,
            }
        ]

    async def close(self) -> None:
        self.checked.clear()
