"""Auth tables: users, groups, avatar files, given permissions, sessions, keys, codes."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import (
    CheckConstraint,
    ForeignKey,
    Index,
    LargeBinary,
    String,
    Text,
    func,
    text,
)
from sqlalchemy.orm import Mapped, mapped_column

from staykit.core.clock import utcnow
from staykit.core.ids import uuid7
from staykit.core.models import Base, Record

ROLES = ("superAdmin", "admin", "user")
ADMIN_ROLES = ("superAdmin", "admin")


class User(Record, Base):
    __tablename__ = "users"
    __table_args__ = (
        Index("uq_users_email_lower", func.lower(text("email")), unique=True),
        Index(
            "ix_users_fullname_trgm",
            "fullname",
            postgresql_using="gin",
            postgresql_ops={"fullname": "gin_trgm_ops"},
        ),
        Index(
            "ix_users_email_trgm",
            "email",
            postgresql_using="gin",
            postgresql_ops={"email": "gin_trgm_ops"},
        ),
        CheckConstraint("role_id IN ('superAdmin', 'admin', 'user')", name="role"),
    )

    email: Mapped[str] = mapped_column(String(254))
    password_hash: Mapped[str] = mapped_column(String(255))
    fullname: Mapped[str] = mapped_column(String(200))
    avatar: Mapped[str | None] = mapped_column(String(2048), default=None)
    role_id: Mapped[str] = mapped_column(String(20), default="user", index=True)
    email_verified: Mapped[bool] = mapped_column(default=False)
    preferred_language: Mapped[str | None] = mapped_column(String(20), default=None)
    bio: Mapped[str | None] = mapped_column(Text, default=None)
    mobile: Mapped[str | None] = mapped_column(String(32), default=None)
    mobile_verified: Mapped[bool] = mapped_column(default=False)

    @property
    def is_admin(self) -> bool:
        return self.role_id in ADMIN_ROLES


class UserGroup(Record, Base):
    __tablename__ = "user_groups"

    group_name: Mapped[str] = mapped_column(String(200), index=True)
    avatar: Mapped[str | None] = mapped_column(String(2048), default=None)


class UserGroupMember(Record, Base):
    __tablename__ = "user_group_members"
    __table_args__ = (
        Index(
            "uq_user_group_members_active",
            "group_id",
            "user_id",
            unique=True,
            postgresql_where=text("is_active"),
        ),
    )

    group_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("user_groups.id"), index=True)
    user_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("users.id"), index=True)


class UserAvatarsFile(Record, Base):
    __tablename__ = "user_avatars_files"

    file_name: Mapped[str] = mapped_column(String(255))
    mime_type: Mapped[str] = mapped_column(String(100), index=True)
    file_size: Mapped[int]
    access_key: Mapped[str] = mapped_column(String(12), unique=True)
    # The bytes are in the file store under storage_key (docs/storage.md); file_data
    # holds them only for rows written before migration 0031 (readers fall back to it).
    storage_key: Mapped[str | None] = mapped_column(String(512), default=None)
    sha256: Mapped[str | None] = mapped_column(String(64), default=None)
    file_data: Mapped[bytes | None] = mapped_column(LargeBinary, deferred=True, default=None)
    metadata_: Mapped[dict[str, Any] | None] = mapped_column("metadata", default=None)
    user_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("users.id"), index=True)


class GivenPermission(Record, Base):
    """A grant (canDo=true) or a denial (canDo=false) of a named permission.

    Exactly one subject: a role, a user or a group. objectId narrows it to one object.
    """

    __tablename__ = "given_permissions"
    __table_args__ = (
        CheckConstraint(
            "num_nonnulls(role_id, subject_user_id, subject_user_group_id) = 1",
            name="one_subject",
        ),
    )

    permission_name: Mapped[str] = mapped_column(String(200), index=True)
    role_id: Mapped[str | None] = mapped_column(String(20), default=None)
    subject_user_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("users.id"), default=None, index=True
    )
    subject_user_group_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("user_groups.id"), default=None, index=True
    )
    object_id: Mapped[uuid.UUID | None] = mapped_column(default=None)
    can_do: Mapped[bool] = mapped_column(default=True)


class AuthSession(Base):
    """A server-side login session; the JWT carries its id so logout can revoke it."""

    __tablename__ = "auth_sessions"

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid7)
    user_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("users.id"), index=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    expires_at: Mapped[datetime]
    revoked_at: Mapped[datetime | None] = mapped_column(default=None)
    needs_email_2fa: Mapped[bool] = mapped_column(default=False)
    needs_mobile_2fa: Mapped[bool] = mapped_column(default=False)
    ip_address: Mapped[str | None] = mapped_column(String(64), default=None)
    user_agent: Mapped[str | None] = mapped_column(String(512), default=None)


class SigningKey(Base):
    """An RS256 key pair. The newest active key signs; every unretired key verifies."""

    __tablename__ = "auth_signing_keys"

    kid: Mapped[str] = mapped_column(String(64), primary_key=True)
    private_pem: Mapped[str] = mapped_column(Text)
    public_pem: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    retired_at: Mapped[datetime | None] = mapped_column(default=None)


class VerificationCode(Base):
    """A one-time code for a verification flow; stored hashed, one active per subject."""

    __tablename__ = "auth_verification_codes"
    __table_args__ = (
        Index(
            "uq_auth_verification_codes_active",
            "purpose",
            "user_id",
            text("coalesce(session_id, '00000000-0000-0000-0000-000000000000'::uuid)"),
            unique=True,
            postgresql_where=text("consumed_at IS NULL"),
        ),
    )

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid7)
    purpose: Mapped[str] = mapped_column(String(40))
    user_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("users.id"))
    session_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("auth_sessions.id"), default=None
    )
    code_hash: Mapped[str] = mapped_column(String(128))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    expires_at: Mapped[datetime]
    attempts: Mapped[int] = mapped_column(default=0)
    consumed_at: Mapped[datetime | None] = mapped_column(default=None)


class LoginFailure(Base):
    """One failed login, kept for the throttling window."""

    __tablename__ = "auth_login_failures"
    __table_args__ = (
        Index("ix_auth_login_failures_email_at", "email", "at"),
        Index("ix_auth_login_failures_ip_at", "ip_address", "at"),
    )

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid7)
    email: Mapped[str] = mapped_column(String(254))
    ip_address: Mapped[str] = mapped_column(String(64))
    at: Mapped[datetime] = mapped_column(default=utcnow)
