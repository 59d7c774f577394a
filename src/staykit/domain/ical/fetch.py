"""Fetching an import feed without letting its URL reach this machine or a private network.

Each hop (the URL, then each redirect, at most `max_redirects`) is checked before anything
is sent: http or https, no user name or password, and every address its host resolves to
public (or inside a network the operator allowed). The request then goes to the checked
address itself, with the URL's host name in Host and, for https, in SNI and certificate
checking, so a DNS answer that changes between the check and the connection (rebinding)
cannot redirect it. A conditional GET (If-None-Match / If-Modified-Since) lets an
unchanged feed answer 304. The whole fetch, body included, has one deadline, and the
body is read up to `max_bytes` (after decompression) and no further.

Failures are FetchFailed with a message for the owner that never repeats the URL (feed
URLs often carry a secret).
"""

from __future__ import annotations

import asyncio
import ipaddress
import socket
from collections.abc import Collection
from dataclasses import dataclass, field
from urllib.parse import urljoin, urlsplit, urlunsplit

import httpx

from staykit import __version__
from staykit.core.config import Settings

IpNetwork = ipaddress.IPv4Network | ipaddress.IPv6Network
IpAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
REDIRECTS = (301, 302, 303, 307, 308)


class FetchFailed(Exception):
    """The feed could not be read; `message` says why, in the owner's words."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class FetchPolicy:
    timeout: float = 20.0
    max_bytes: int = 5_000_000
    max_redirects: int = 5
    # Networks allowed although not public (an operator's private feed server; tests).
    private_networks: tuple[IpNetwork, ...] = field(default=())

    @classmethod
    def from_settings(cls, settings: Settings) -> FetchPolicy:
        return cls(
            timeout=settings.ical_import_timeout_seconds,
            max_bytes=settings.ical_import_max_bytes,
            max_redirects=settings.ical_import_max_redirects,
            private_networks=networks(settings.ical_import_private_networks),
        )


def networks(values: Collection[str]) -> tuple[IpNetwork, ...]:
    return tuple(ipaddress.ip_network(v, strict=False) for v in values)


@dataclass(frozen=True)
class Fetched:
    """A 200 (body) or a 304 (no body), with the validators to send next time."""

    not_modified: bool
    body: bytes
    etag: str | None
    last_modified: str | None


def allowed_address(address: IpAddress, policy: FetchPolicy) -> bool:
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        address = address.ipv4_mapped
    if any(address in net for net in policy.private_networks):
        return True
    return address.is_global and not address.is_multicast


async def _resolve(host: str, port: int, policy: FetchPolicy) -> IpAddress:
    """The host's first address, once every address it resolves to is allowed (a name
    with one public and one private address is refused: either may be used)."""
    try:
        literal: IpAddress | None = ipaddress.ip_address(host)
    except ValueError:
        literal = None
    if literal is not None:
        found = [literal]
    else:
        try:
            infos = await asyncio.get_running_loop().getaddrinfo(
                host, port, type=socket.SOCK_STREAM
            )
        except OSError:
            raise FetchFailed("The feed's host name does not resolve.") from None
        found = [ipaddress.ip_address(str(info[4][0]).split("%", 1)[0]) for info in infos]
    if not found:
        raise FetchFailed("The feed's host name does not resolve.")
    if not all(allowed_address(a, policy) for a in found):
        raise FetchFailed(
            "The feed's address is on this machine or a private network; staykit only "
            "fetches public addresses."
        )
    return found[0]


def _checked(url: str) -> tuple[str, str, int]:
    """(scheme, host, port) of an http(s) URL without credentials, else FetchFailed."""
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError:
        raise FetchFailed("The feed's address is not a valid URL.") from None
    scheme = parts.scheme.lower()
    if scheme not in ("http", "https") or not parts.hostname:
        raise FetchFailed("The feed's address must be an http or https URL.")
    if parts.username is not None or parts.password is not None:
        raise FetchFailed("The feed's address must not carry a user name or password.")
    return scheme, parts.hostname, port or (443 if scheme == "https" else 80)


def _pinned(url: str, address: IpAddress, port: int) -> str:
    """The URL with its host replaced by the checked address."""
    parts = urlsplit(url)
    host = f"[{address}]" if address.version == 6 else str(address)
    return urlunsplit((parts.scheme, f"{host}:{port}", parts.path or "/", parts.query, ""))


def _host_header(url: str) -> str:
    parts = urlsplit(url)
    return parts.netloc.rsplit("@", 1)[-1]


async def _read(response: httpx.Response, limit: int) -> bytes:
    declared = response.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limit:
        raise FetchFailed(f"The feed is larger than {limit:,} bytes.")
    chunks: list[bytes] = []
    size = 0
    async for chunk in response.aiter_bytes():
        size += len(chunk)
        if size > limit:
            raise FetchFailed(f"The feed is larger than {limit:,} bytes.")
        chunks.append(chunk)
    return b"".join(chunks)


async def _fetch(
    client: httpx.AsyncClient,
    url: str,
    headers: dict[str, str],
    policy: FetchPolicy,
) -> Fetched:
    for _hop in range(policy.max_redirects + 1):
        scheme, host, port = _checked(url)
        address = await _resolve(host, port, policy)
        request = client.build_request(
            "GET",
            _pinned(url, address, port),
            headers={**headers, "Host": _host_header(url)},
            extensions={"sni_hostname": host} if scheme == "https" else {},
        )
        try:
            response = await client.send(request, stream=True)
        except httpx.TimeoutException:
            raise FetchFailed("The feed's server did not answer in time.") from None
        except httpx.HTTPError:
            raise FetchFailed("The feed's server could not be reached.") from None
        try:
            if response.status_code in REDIRECTS and "location" in response.headers:
                url = urljoin(url, response.headers["location"])
                continue
            if response.status_code == 304:
                return Fetched(True, b"", headers.get("If-None-Match"), None)
            if response.status_code != 200:
                raise FetchFailed(f"The feed's server answered HTTP {response.status_code}.")
            try:
                body = await _read(response, policy.max_bytes)
            except httpx.HTTPError:
                raise FetchFailed("The feed's server broke off the answer.") from None
            return Fetched(
                False,
                body,
                response.headers.get("etag"),
                response.headers.get("last-modified"),
            )
        finally:
            await response.aclose()
    raise FetchFailed(f"The feed redirects more than {policy.max_redirects} times.")


async def fetch_feed(
    url: str,
    policy: FetchPolicy,
    *,
    etag: str | None = None,
    last_modified: str | None = None,
) -> Fetched:
    """GET the feed (conditional when given its last validators), within the policy."""
    headers = {
        "User-Agent": f"staykit/{__version__} (iCal import)",
        "Accept": "text/calendar, */*;q=0.5",
    }
    if etag:
        headers["If-None-Match"] = etag
    if last_modified:
        headers["If-Modified-Since"] = last_modified
    # No proxy from the environment (it would connect for us, past the address check), no
    # redirects followed by the client (each hop is checked here), one overall deadline.
    async with httpx.AsyncClient(
        trust_env=False, follow_redirects=False, timeout=policy.timeout
    ) as client:
        try:
            async with asyncio.timeout(policy.timeout):
                return await _fetch(client, url, headers, policy)
        except TimeoutError:
            raise FetchFailed(
                f"The feed did not arrive within {policy.timeout:g} seconds."
            ) from None
