"""What the auth services are asked to do, in domain words: each surface builds these from
its own request bodies (the marketplace's are in `api/marketplace/auth_schemas.py`)."""

from __future__ import annotations

import enum
from dataclasses import dataclass, fields
from typing import Any


class _Unset(enum.Enum):
    UNSET = "unset"


# A change that leaves a field alone (PATCH semantics), unlike None, which clears it.
UNSET = _Unset.UNSET


@dataclass(frozen=True)
class NewUser:
    """A user to create, by sign-up or by an admin; the email is in canonical form."""

    email: str
    password: str
    fullname: str
    avatar: str | None = None
    preferred_language: str | None = None
    bio: str | None = None
    mobile: str | None = None


@dataclass(frozen=True)
class UserChanges:
    """Changes to a user's record; fields left UNSET stay as they are. `mobile` only
    through the user's own profile."""

    fullname: str | _Unset = UNSET
    avatar: str | _Unset | None = UNSET
    preferred_language: str | _Unset | None = UNSET
    bio: str | _Unset | None = UNSET
    mobile: str | _Unset | None = UNSET

    def provided(self) -> dict[str, Any]:
        """The fields to change, by column name."""
        return {
            f.name: getattr(self, f.name)
            for f in fields(self)
            if getattr(self, f.name) is not UNSET
        }


@dataclass(frozen=True)
class RoleChange:
    role: str  # superAdmin, admin or user
    ip_address: str | None = None  # the caller's, for the audit row


@dataclass(frozen=True)
class PasswordChange:
    """The user changing their own password: the current one proves it is them."""

    current_password: str
    new_password: str


@dataclass(frozen=True)
class PasswordReset:
    """An admin setting a user's password."""

    new_password: str
