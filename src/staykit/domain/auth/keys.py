"""RS256 signing keys with ids and rotation, and the JWTs they sign.

The newest unretired key signs. Older keys keep verifying until every token they signed
has expired, then `rotate` retires them. Keys live in PostgreSQL so every process of a
scaled-out deployment signs and verifies with the same set.
"""

from __future__ import annotations

import base64
import json
import time
from dataclasses import dataclass
from datetime import timedelta
from typing import Any, TypeGuard

from joserfc import jwt
from joserfc.errors import JoseError
from joserfc.jwk import RSAKey
from sqlalchemy import Select, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from staykit.core.clock import utcnow
from staykit.core.errors import Unauthenticated
from staykit.core.ids import random_key
from staykit.domain.auth.models import SigningKey

# How long a process trusts its cached key set before re-reading it: another process (the
# CLI's rotate-keys, a second server) may have added or retired keys meanwhile.
RELOAD_AFTER_SECONDS = 60.0
MAX_VERIFIED_TOKENS = 50_000
# Who signs session tokens and for whom: stamped on every token; a token naming another
# issuer or audience is refused (tokens from before they were stamped carry neither).
ISSUER = "staykit"
SESSION_AUDIENCE = "staykit:session"
# Clocks of scaled-out processes differ a little: a token may look issued (or valid from)
# up to this many seconds in the future.
CLOCK_LEEWAY_SECONDS = 30


def check_claims(claims: dict[str, Any], now: float) -> None:
    """Every registered claim a token carries, honoured: exp (required), nbf and iat (not
    in the future beyond the leeway), iss and aud (ours, when present)."""
    exp = claims.get("exp")
    if not _number(exp) or exp <= now:
        raise Unauthenticated("The access token has expired.", code="tokenExpired")
    nbf = claims.get("nbf", now)
    if not _number(nbf) or nbf > now + CLOCK_LEEWAY_SECONDS:
        raise Unauthenticated("The access token is not valid yet.", code="tokenNotYetValid")
    iat = claims.get("iat", now)
    if not _number(iat) or iat > now + CLOCK_LEEWAY_SECONDS:
        raise Unauthenticated("The access token was issued in the future.", code="invalidToken")
    if "iss" in claims and claims["iss"] != ISSUER:
        raise Unauthenticated("The access token has another issuer.", code="invalidToken")
    if "aud" in claims:
        aud = claims["aud"]
        audiences = aud if isinstance(aud, list) else [aud]
        if SESSION_AUDIENCE not in audiences:
            raise Unauthenticated("The access token is for another audience.", code="invalidToken")


def _number(value: object) -> TypeGuard[float]:
    return isinstance(value, int | float) and not isinstance(value, bool)


@dataclass
class _Loaded:
    kid: str
    public: RSAKey
    private: RSAKey | None
    public_pem: str


class KeyRing:
    """In-process cache of the signing keys.

    Signing always checks which key is the newest in the database (one query over a table
    of a few rows, per login), so a rotation done by any process takes effect at the next login. Verifying
    uses the cache, re-read every RELOAD_AFTER_SECONDS so retirements reach every process,
    and looks up a key id it does not know by primary key (never a full reload, so a
    stream of garbage tokens costs no more than a token of a real user).
    """

    def __init__(self) -> None:
        self._keys: dict[str, _Loaded] = {}
        self._current: str | None = None
        self._loaded_at = float("-inf")
        self._verified: dict[str, tuple[str, dict[str, Any]]] = {}  # token -> (kid, claims)

    @property
    def current_kid(self) -> str | None:
        return self._current

    def invalidate(self) -> None:
        """Forget the cached key set's age: the next use re-reads the database."""
        self._loaded_at = float("-inf")

    async def load(self, session: AsyncSession) -> None:
        rows = (
            await session.scalars(
                select(SigningKey)
                .where(SigningKey.retired_at.is_(None))
                .order_by(SigningKey.created_at, SigningKey.kid)
            )
        ).all()
        keys: dict[str, _Loaded] = {}
        for row in rows:
            cached = self._keys.get(row.kid)
            if cached is not None and cached.private is not None:
                keys[row.kid] = cached  # importing a private key costs; reuse it
                continue
            keys[row.kid] = _Loaded(
                kid=row.kid,
                public=RSAKey.import_key(row.public_pem),
                private=RSAKey.import_key(row.private_pem),
                public_pem=row.public_pem,
            )
        self._keys = keys
        self._current = rows[-1].kid if rows else None
        self._loaded_at = time.monotonic()

    async def ensure(self, session: AsyncSession) -> str:
        """Make sure a signing key exists; returns the current key id."""
        await self.load(session)
        if self._current is None:
            await add_key(session)
            await self.load(session)
        assert self._current is not None
        return self._current

    def sign(self, claims: dict[str, Any]) -> str:
        """Sign with the cached current key. Request code uses `sign_current`."""
        if self._current is None:
            raise RuntimeError("no signing key loaded")
        key = self._keys[self._current]
        assert key.private is not None
        return jwt.encode({"alg": "RS256", "typ": "JWT", "kid": key.kid}, claims, key.private)

    async def sign_current(self, session: AsyncSession, claims: dict[str, Any]) -> str:
        """Sign with the newest key in the database, reloading if another process rotated."""
        newest = await session.scalar(_newest_kid())
        if newest is None:
            await self.ensure(session)
        elif newest != self._current:
            await self.load(session)
        return self.sign(claims)

    async def verify(self, token: str, session: AsyncSession) -> dict[str, Any]:
        """Return the claims of a valid, unexpired token or raise Unauthenticated."""
        verified = self._verified.get(token)
        if (
            verified is not None
            and verified[0] in self._keys
            and verified[1]["exp"] > utcnow().timestamp()
            and time.monotonic() - self._loaded_at <= RELOAD_AFTER_SECONDS
        ):
            return verified[1]
        kid = _kid_of(token)
        if kid is None:
            raise Unauthenticated("The access token is invalid.", code="invalidToken")
        if time.monotonic() - self._loaded_at > RELOAD_AFTER_SECONDS:
            await self.load(session)
        key = self._keys.get(kid)
        if key is None:
            key = await self._fetch_public(session, kid)
        if key is None:
            raise Unauthenticated(
                "The access token was signed by an unknown key.", code="invalidToken"
            )
        try:
            decoded = jwt.decode(token, key.public, algorithms=["RS256"])
        except (JoseError, ValueError) as exc:
            raise Unauthenticated("The access token is invalid.", code="invalidToken") from exc
        claims = dict(decoded.claims)
        check_claims(claims, utcnow().timestamp())
        # An RS256 check costs more than the rest of a cached request; a token's signature
        # never changes, so remember the verdict until the token expires.
        if len(self._verified) >= MAX_VERIFIED_TOKENS:
            self._verified.clear()
        self._verified[token] = (kid, claims)
        return claims

    async def _fetch_public(self, session: AsyncSession, kid: str) -> _Loaded | None:
        """A key added since the last load (another process rotated): its public half only."""
        if not _plausible_kid(kid):
            return None
        pem = await session.scalar(
            select(SigningKey.public_pem).where(
                SigningKey.kid == kid, SigningKey.retired_at.is_(None)
            )
        )
        if pem is None:
            return None
        key = _Loaded(kid=kid, public=RSAKey.import_key(pem), private=None, public_pem=pem)
        self._keys[kid] = key
        return key

    async def public_pem(self, session: AsyncSession, kid: str | None) -> tuple[str, str] | None:
        """(keyId, PEM) of an unretired key, the newest when kid is None; read from the
        database, not the cache, so every process answers the same after a rotation."""
        stmt = select(SigningKey.kid, SigningKey.public_pem).where(SigningKey.retired_at.is_(None))
        if kid is not None and not _plausible_kid(kid):
            return None
        if kid is None:
            stmt = stmt.order_by(SigningKey.created_at.desc(), SigningKey.kid.desc()).limit(1)
        else:
            stmt = stmt.where(SigningKey.kid == kid)
        row = (await session.execute(stmt)).first()
        return (row.kid, row.public_pem) if row is not None else None

    def jwks(self) -> list[dict[str, Any]]:
        return [
            {**k.public.as_dict(private=False), "kid": k.kid, "alg": "RS256", "use": "sig"}
            for k in self._keys.values()
        ]


def _newest_kid() -> Select[str]:
    return (
        select(SigningKey.kid)
        .where(SigningKey.retired_at.is_(None))
        .order_by(SigningKey.created_at.desc(), SigningKey.kid.desc())
        .limit(1)
    )


def _plausible_kid(kid: str) -> bool:
    # Key ids are short printable strings; anything else (NUL bytes, megabytes) is not
    # worth a database round trip and PostgreSQL text cannot hold NUL anyway.
    return 0 < len(kid) <= 64 and kid.isprintable()


# Our tokens are under 1 KB; anything far larger is not ours and is not parsed.
MAX_TOKEN_CHARS = 8192


def _kid_of(token: str) -> str | None:
    if len(token) > MAX_TOKEN_CHARS:
        return None
    try:
        header_b64 = token.split(".", 1)[0]
        header = json.loads(base64.urlsafe_b64decode(header_b64 + "=" * (-len(header_b64) % 4)))
    except (ValueError, IndexError, RecursionError):
        return None
    kid = header.get("kid") if isinstance(header, dict) else None
    return kid if isinstance(kid, str) else None


async def add_key(session: AsyncSession) -> SigningKey:
    key = RSAKey.generate_key(2048, private=True)
    row = SigningKey(
        kid=random_key(16),
        private_pem=key.as_pem(private=True).decode(),
        public_pem=key.as_pem(private=False).decode(),
    )
    session.add(row)
    await session.flush()
    return row


async def rotate(session: AsyncSession, token_ttl_seconds: int) -> SigningKey:
    """Add a new current key; retire keys superseded long enough ago that no token they
    signed can still be valid."""
    new = await add_key(session)
    cutoff = utcnow() - timedelta(seconds=token_ttl_seconds)
    older = (
        await session.scalars(
            select(SigningKey)
            .where(SigningKey.retired_at.is_(None), SigningKey.kid != new.kid)
            .order_by(SigningKey.created_at)
        )
    ).all()
    # Key i was superseded when key i+1 was created; retire it once that is past the cutoff.
    successors = [*older[1:], new] if older else []
    for key, successor in zip(older, successors, strict=True):
        if successor.created_at <= cutoff:
            await session.execute(
                update(SigningKey).where(SigningKey.kid == key.kid).values(retired_at=utcnow())
            )
    await session.flush()
    # This process re-reads its keys at the next verification (others within a minute).
    keyring.invalidate()
    return new


keyring = KeyRing()
