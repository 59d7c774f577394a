"""Password hashing with argon2id (pwdlib), always off the event loop."""

from __future__ import annotations

import anyio
from pwdlib import PasswordHash
from pwdlib.hashers.argon2 import Argon2Hasher

from staykit.core.config import Settings, get_settings

_hasher: PasswordHash | None = None
_dummy_hash: str | None = None


def configure(settings: Settings) -> None:
    global _hasher, _dummy_hash
    _hasher = PasswordHash(
        (
            Argon2Hasher(
                time_cost=settings.argon2_time_cost,
                memory_cost=settings.argon2_memory_kib,
                parallelism=settings.argon2_parallelism,
            ),
        )
    )
    _dummy_hash = None


def _get() -> PasswordHash:
    if _hasher is None:
        configure(get_settings())
    assert _hasher is not None
    return _hasher


async def hash_password(password: str) -> str:
    return await anyio.to_thread.run_sync(_get().hash, password)


async def verify_password(password: str, password_hash: str | None) -> bool:
    """Check a password. With no hash (unknown user) it still spends the same time."""
    global _dummy_hash
    hasher = _get()
    if password_hash is None:
        if _dummy_hash is None:
            _dummy_hash = await hash_password("staykit-timing-equaliser")
        await anyio.to_thread.run_sync(hasher.verify, password, _dummy_hash)
        return False
    try:
        return await anyio.to_thread.run_sync(hasher.verify, password, password_hash)
    except Exception:  # a malformed stored hash never logs anybody in
        return False
