"""Partner identity tables: OAuth clients, grants, and the secrets issued under a grant.

A *grant* is what a person gave a partner and can take back in the account portal: an
OAuth authorization (one consent), a manual Cloud API tenant token, a Channel API setup
(from its invite code), a long-life read-only token, an API key. It names the granting
user, the businesses, the scopes and, for the Channel API, the device, the IP whitelist
and "allow linked properties". Revoking a grant revokes every secret under it.

A *secret* is one credential value issued under a grant: an access token, a refresh
token, an authorization code or an invite code. Only its SHA-256 is stored (the values
are 256-bit random strings, so a fast hash is enough and lookups stay one index probe);
its value is shown once, when it is made.
"""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import CheckConstraint, ForeignKey, Index, String, Text, text
from sqlalchemy.dialects.postgresql import ARRAY, JSONB
from sqlalchemy.dialects.postgresql import UUID as PgUUID
from sqlalchemy.orm import Mapped, mapped_column

from staykit.core.clock import utcnow
from staykit.core.ids import uuid7
from staykit.core.models import Base, Record

GRANT_KINDS = ("oauth", "tenant", "channel", "longlife", "api_key")
SECRET_KINDS = ("access", "refresh", "code", "invite")


class OAuthClient(Record, Base):
    """A partner application registered by an admin: its redirect URIs (exact match) and
    the scopes it may ask for. `client_id` is public; the secret is stored hashed."""

    __tablename__ = "oauth_clients"

    client_id: Mapped[str] = mapped_column(String(64), unique=True)
    secret_hash: Mapped[str] = mapped_column(String(64))
    name: Mapped[str] = mapped_column(String(200))
    redirect_uris: Mapped[list[str]] = mapped_column(ARRAY(Text))
    scopes: Mapped[list[str]] = mapped_column(ARRAY(Text))  # names it may request
    created_by: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("users.id"), default=None)


class Grant(Base):
    """What a user granted a partner, for which businesses and scopes (see module doc)."""

    __tablename__ = "partner_grants"
    __table_args__ = (
        CheckConstraint(
            "kind IN ('oauth', 'tenant', 'channel', 'longlife', 'api_key')", name="kind"
        ),
        Index("ix_partner_grants_business_ids", "business_ids", postgresql_using="gin"),
    )

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid7)
    kind: Mapped[str] = mapped_column(String(20))
    user_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), index=True
    )
    client_id: Mapped[str | None] = mapped_column(
        ForeignKey("oauth_clients.client_id"), default=None, index=True
    )
    business_ids: Mapped[list[uuid.UUID]] = mapped_column(ARRAY(PgUUID(as_uuid=True)))
    scopes: Mapped[list[str]] = mapped_column(ARRAY(Text))  # names as granted
    label: Mapped[str | None] = mapped_column(String(200), default=None)
    device_name: Mapped[str | None] = mapped_column(String(200), default=None)
    ip_whitelist: Mapped[list[str]] = mapped_column(
        ARRAY(Text), default=list, server_default=text("'{}'")
    )
    allow_linked: Mapped[bool] = mapped_column(default=False, server_default=text("false"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    revoked_at: Mapped[datetime | None] = mapped_column(default=None)


class Secret(Base):
    """One credential value under a grant; see the module doc."""

    __tablename__ = "partner_secrets"
    __table_args__ = (
        CheckConstraint("kind IN ('access', 'refresh', 'code', 'invite')", name="kind"),
    )

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid7)
    grant_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("partner_grants.id", ondelete="CASCADE"), index=True
    )
    kind: Mapped[str] = mapped_column(String(10))
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    # The refresh token (or code) this secret was issued from: revoking it revokes these.
    parent_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("partner_secrets.id", ondelete="CASCADE"), default=None, index=True
    )
    scopes: Mapped[list[str]] = mapped_column(ARRAY(Text))  # may narrow the grant's
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    expires_at: Mapped[datetime | None] = mapped_column(default=None)
    # Dies when unused this long (refresh tokens 30 days, long-life tokens 90).
    idle_seconds: Mapped[int | None] = mapped_column(default=None)
    last_used_at: Mapped[datetime | None] = mapped_column(default=None)
    used_at: Mapped[datetime | None] = mapped_column(default=None)  # single-use secrets
    revoked_at: Mapped[datetime | None] = mapped_column(default=None)
    # Per kind: a code's redirect_uri, code_challenge, nonce; nothing secret.
    extra: Mapped[dict[str, Any]] = mapped_column(
        JSONB, default=dict, server_default=text("'{}'::jsonb")
    )
