"""The caller of every domain function, whichever surface and credential it came through.

A `Principal` names who acts (a user; for partner credentials also the client), by which
credential, with which marketplace role (first-party sessions only), which scopes (None =
unrestricted, as first-party sessions are) and which businesses it is down-scoped to
(None = every business the user belongs to). Domain code asks the principal questions;
it never asks which API a request came through, except to record it in events.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, replace
from datetime import datetime
from enum import StrEnum

from staykit.domain.access.scopes import Scope

ADMIN_ROLES = frozenset({"superAdmin", "admin"})


class Credential(StrEnum):
    """How the caller proved who it is."""

    SESSION = "session"  # a first-party login session (marketplace JWT)
    OAUTH_TOKEN = "oauth_token"  # an OAuth 2 access token issued to a partner client
    TENANT_TOKEN = "tenant_token"  # a manual, long-lived token for one business
    CHANNEL_TOKEN = "channel_token"  # a Channel API token (invite code, refresh, long-life)
    API_KEY = "api_key"
    SYSTEM = "system"  # jobs, the demo loader, the command line


@dataclass(frozen=True, slots=True)
class Principal:
    user_id: uuid.UUID  # the user who acts, or on whose grant a partner token acts
    role_id: str = "user"  # marketplace role; partner credentials never carry admin rights
    credential: Credential = Credential.SESSION
    session_id: uuid.UUID | None = None
    email: str = ""
    fullname: str = ""
    needs_email_2fa: bool = False
    needs_mobile_2fa: bool = False
    scopes: frozenset[Scope] | None = None  # None: unrestricted by scope
    businesses: frozenset[uuid.UUID] | None = None  # None: not down-scoped
    client_id: str | None = None  # the partner client behind an OAuth or tenant token
    token_id: uuid.UUID | None = None  # the credential's own id, for audit and revocation
    surface: str = ""  # the API the request came through, recorded with events
    expires_at: datetime | None = None  # when the credential ends

    @property
    def first_party(self) -> bool:
        return self.credential is Credential.SESSION

    @property
    def is_admin(self) -> bool:
        return self.first_party and self.role_id in ADMIN_ROLES

    @property
    def is_super_admin(self) -> bool:
        return self.first_party and self.role_id == "superAdmin"

    @property
    def pending_2fa(self) -> bool:
        return self.needs_email_2fa or self.needs_mobile_2fa

    def allows(self, scope: Scope) -> bool:
        """Whether the credential's scopes cover `scope` (first-party sessions: always)."""
        return self.scopes is None or scope in self.scopes

    def may_act_for(self, business_id: uuid.UUID) -> bool:
        """Whether a down-scoped credential covers the business (membership is separate)."""
        return self.businesses is None or business_id in self.businesses

    def via(self, surface: str) -> Principal:
        return self if self.surface == surface else replace(self, surface=surface)
