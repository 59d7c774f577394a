"""Request bodies of the auth service (spec §2.2-2.4)."""

from __future__ import annotations

import uuid
from typing import Any, Literal

from pydantic import Field, field_validator

from staykit.core.schemas import Email, Input, LanguageCode, LongText, Name, Password, Url

Role = Literal["superAdmin", "admin", "user"]


class AuthInput(Input):
    """A request body of the auth service.

    PostgreSQL text cannot hold NUL characters; without this check they reach the
    database and fail there as a 500. (Belongs in core Input; kept here until it is.)
    """

    @field_validator("*")
    @classmethod
    def _no_nul(cls, value: Any) -> Any:
        if isinstance(value, str) and "\x00" in value:
            raise ValueError("must not contain NUL characters")
        return value


def _not_null(value: Any) -> Any:
    """PATCH fields that may be left out but not cleared: their columns are NOT NULL."""
    if value is None:
        raise ValueError("may be left out but not set to null")
    return value


class RegisterUser(AuthInput):
    email: Email
    password: Password
    fullname: Name
    avatar: Url | None = None
    preferred_language: LanguageCode | None = None
    bio: LongText | None = None
    mobile: str | None = Field(default=None, pattern=r"^\+?[0-9 ()-]{6,20}$")


class CreateUser(RegisterUser):
    pass


class UpdateUser(AuthInput):
    fullname: Name | None = None
    avatar: Url | None = None
    preferred_language: LanguageCode | None = None
    bio: LongText | None = None

    _fullname_not_null = field_validator("fullname")(_not_null)


class UpdateProfile(UpdateUser):
    mobile: str | None = Field(default=None, pattern=r"^\+?[0-9 ()-]{6,20}$")


class UpdateUserRole(AuthInput):
    role_id: Role


class UpdateUserPassword(AuthInput):
    old_password: Password
    new_password: Password


class UpdateUserPasswordByAdmin(AuthInput):
    password: Password


class CreateUserGroup(AuthInput):
    group_name: Name
    avatar: Url | None = None


class UpdateUserGroup(AuthInput):
    group_name: Name | None = None
    avatar: Url | None = None

    _group_name_not_null = field_validator("group_name")(_not_null)


class CreateUserGroupMember(AuthInput):
    group_id: uuid.UUID
    user_id: uuid.UUID


class CreateGivenPermission(AuthInput):
    permission_name: Name
    role_id: Role | None = None
    subject_user_id: uuid.UUID | None = None
    subject_user_group_id: uuid.UUID | None = None
    object_id: uuid.UUID | None = None
    can_do: bool = True


class UpdateGivenPermission(AuthInput):
    can_do: bool | None = None
    object_id: uuid.UUID | None = None  # null widens the grant to every object

    _can_do_not_null = field_validator("can_do")(_not_null)


class Login(AuthInput):
    username: str | None = Field(default=None, max_length=254)
    email: str | None = Field(default=None, max_length=254)
    password: str | None = Field(default=None, max_length=128)


class EmailStart(AuthInput):
    email: Email


class CodeComplete(AuthInput):
    email: Email
    secret_code: str = Field(min_length=1, max_length=12)


class PasswordResetComplete(CodeComplete):
    password: Password


class MobileStart(AuthInput):
    mobile: str = Field(pattern=r"^\+?[0-9 ()-]{6,20}$")


class TwoFactorStart(AuthInput):
    user_id: uuid.UUID
    session_id: uuid.UUID
    client: str | None = Field(default=None, max_length=200)
    reason: str | None = Field(default=None, max_length=500)


class TwoFactorComplete(AuthInput):
    user_id: uuid.UUID
    session_id: uuid.UUID
    secret_code: str = Field(min_length=1, max_length=12)


class AvatarMetadata(AuthInput):
    metadata: dict[str, Any] | None = None
