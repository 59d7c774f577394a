"""Who is acting: the authenticated marketplace user behind a request, or nobody."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field

ADMIN_ROLES = frozenset({"superAdmin", "admin"})


@dataclass(frozen=True, slots=True)
class Actor:
    user_id: uuid.UUID
    role_id: str
    session_id: uuid.UUID | None = None
    email: str = ""
    fullname: str = ""
    needs_email_2fa: bool = False
    needs_mobile_2fa: bool = False
    extra: dict[str, object] = field(default_factory=dict)

    @property
    def is_admin(self) -> bool:
        return self.role_id in ADMIN_ROLES

    @property
    def is_super_admin(self) -> bool:
        return self.role_id == "superAdmin"

    @property
    def pending_2fa(self) -> bool:
        return self.needs_email_2fa or self.needs_mobile_2fa
