"""RS256 signing keys with ids and rotation, and the JWTs they sign.

The newest unretired key signs. Older keys keep verifying until every token they signed
has expired, then `rotate` retires them. Keys live in PostgreSQL so every process of a
scaled-out deployment signs and verifies with the same set.
"""

from __future__ import annotations

import base64
import json
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from joserfc import jwt
from joserfc.errors import JoseError
from joserfc.jwk import RSAKey
from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from staykit.core.clock import utcnow
from staykit.core.errors import Unauthenticated
from staykit.core.ids import random_key
from staykit.domain.auth.models import SigningKey


@dataclass
class _Loaded:
    kid: str
    public: RSAKey
    private: RSAKey | None
    public_pem: str


class KeyRing:
    """In-process cache of the signing keys; reloads from the database on an unknown kid."""

    def __init__(self) -> None:
        self._keys: dict[str, _Loaded] = {}
        self._current: str | None = None

    @property
    def current_kid(self) -> str | None:
        return self._current

    async def load(self, session: AsyncSession) -> None:
        rows = (
            await session.scalars(
                select(SigningKey)
                .where(SigningKey.retired_at.is_(None))
                .order_by(SigningKey.created_at)
            )
        ).all()
        keys: dict[str, _Loaded] = {}
        for row in rows:
            keys[row.kid] = _Loaded(
                kid=row.kid,
                public=RSAKey.import_key(row.public_pem),
                private=RSAKey.import_key(row.private_pem),
                public_pem=row.public_pem,
            )
        self._keys = keys
        self._current = rows[-1].kid if rows else None

    async def ensure(self, session: AsyncSession) -> str:
        """Make sure a signing key exists; returns the current key id."""
        await self.load(session)
        if self._current is None:
            await add_key(session)
            await self.load(session)
        assert self._current is not None
        return self._current

    def sign(self, claims: dict[str, Any]) -> str:
        if self._current is None:
            raise RuntimeError("no signing key loaded")
        key = self._keys[self._current]
        assert key.private is not None
        return jwt.encode({"alg": "RS256", "typ": "JWT", "kid": key.kid}, claims, key.private)

    async def verify(self, token: str, session: AsyncSession) -> dict[str, Any]:
        """Return the claims of a valid, unexpired token or raise Unauthenticated."""
        kid = _kid_of(token)
        if kid not in self._keys:
            await self.load(session)  # another process may have rotated
        key = self._keys.get(kid or "")
        if key is None:
            raise Unauthenticated(
                "The access token was signed by an unknown key.", code="invalidToken"
            )
        try:
            decoded = jwt.decode(token, key.public, algorithms=["RS256"])
        except (JoseError, ValueError) as exc:
            raise Unauthenticated("The access token is invalid.", code="invalidToken") from exc
        claims = dict(decoded.claims)
        exp = claims.get("exp")
        if not isinstance(exp, int | float) or exp <= utcnow().timestamp():
            raise Unauthenticated("The access token has expired.", code="tokenExpired")
        return claims

    async def public_pem(self, session: AsyncSession, kid: str | None) -> tuple[str, str] | None:
        await self.load(session)
        kid = kid or self._current
        if kid is None or kid not in self._keys:
            return None
        return kid, self._keys[kid].public_pem

    def jwks(self) -> list[dict[str, Any]]:
        return [
            {**k.public.as_dict(private=False), "kid": k.kid, "alg": "RS256", "use": "sig"}
            for k in self._keys.values()
        ]


def _kid_of(token: str) -> str | None:
    try:
        header_b64 = token.split(".", 1)[0]
        header = json.loads(base64.urlsafe_b64decode(header_b64 + "=" * (-len(header_b64) % 4)))
    except (ValueError, IndexError):
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
    successors = [*older[1:], new]
    for key, successor in zip(older, successors, strict=True):
        if successor.created_at <= cutoff:
            await session.execute(
                update(SigningKey).where(SigningKey.kid == key.kid).values(retired_at=utcnow())
            )
    await session.flush()
    return new


keyring = KeyRing()
