"""Signing secrets: made, encrypted at rest, and used to sign.

A secret is Standard Webhooks' form, `whsec_` + base64 of 32 random bytes, shown to its
owner once. Unlike a credential (stored as a hash, see partners.secrets) it must be read
back to sign every delivery, so it is stored encrypted with Fernet (AES-128-CBC +
HMAC-SHA256) under `STAYKIT_SECRETS_KEY`. That setting holds one or more Fernet keys,
comma-separated: the first encrypts, every one decrypts (MultiFernet), so an operator
rotates the key by putting a new one in front and re-encrypting at leisure.

Without the setting, development and test use DEV_KEY, a fixed key derived from a public
string (anyone can decrypt: acceptable only for throw-away data); production refuses to
make or use a secret (SecretsKeyMissing, 503) rather than store one under a public key.

Signing is the `standardwebhooks` library's own (`Webhook.sign`), once per valid secret:
during a rotation's grace period `webhook-signature` carries both signatures
(space-separated, as the specification allows), so receivers holding either verify.
"""

from __future__ import annotations

import base64
import hashlib
import secrets
from datetime import datetime

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from standardwebhooks import Webhook

from staykit.core.config import Settings
from staykit.core.errors import DomainError

PREFIX = "whsec_"
RANDOM_BYTES = 32
# A fixed key for development and test only (derived from a public string).
DEV_KEY = base64.urlsafe_b64encode(hashlib.sha256(b"staykit development secrets key").digest())


class SecretsKeyMissing(DomainError):
    status = 503
    code = "secretsKeyMissing"

    def __init__(self) -> None:
        super().__init__(
            "Webhooks are not available: the operator has not set STAYKIT_SECRETS_KEY, "
            "which encrypts their signing secrets."
        )


class SecretUnreadable(Exception):
    """A stored secret none of the configured keys decrypts (a key was dropped too soon)."""


def new_secret() -> str:
    """A fresh signing secret in the Standard Webhooks form."""
    return PREFIX + base64.b64encode(secrets.token_bytes(RANDOM_BYTES)).decode("ascii")


def cipher(settings: Settings) -> MultiFernet:
    if settings.secrets_key is not None:
        keys = [k.strip() for k in settings.secrets_key.get_secret_value().split(",")]
        return MultiFernet([Fernet(k) for k in keys if k])
    if settings.env == "production":
        raise SecretsKeyMissing()
    return MultiFernet([Fernet(DEV_KEY)])


def encrypt(settings: Settings, secret: str) -> str:
    return cipher(settings).encrypt(secret.encode("ascii")).decode("ascii")


def decrypt(settings: Settings, stored: str) -> str:
    try:
        return cipher(settings).decrypt(stored.encode("ascii")).decode("ascii")
    except InvalidToken:
        raise SecretUnreadable(
            "the signing secret does not decrypt under STAYKIT_SECRETS_KEY's keys"
        ) from None


def signature(secrets_in_use: list[str], msg_id: str, timestamp: datetime, body: str) -> str:
    """The `webhook-signature` header: one `v1,<base64>` per secret, space-separated."""
    return " ".join(Webhook(s).sign(msg_id, timestamp, body) for s in secrets_in_use)
