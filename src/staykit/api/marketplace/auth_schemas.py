"""Request bodies of the auth service (spec §2.2-2.4), in the marketplace's words; those
a domain service takes turn themselves into its command with `to_command()`."""

from __future__ import annotations

import uuid
from typing import Any, Literal

from pydantic import Field, field_validator

from staykit.core.schemas import Email, Input, LanguageCode, LongText, Name, Password, Url
from staykit.domain.auth.commands import (
    NewUser,
    PasswordChange,
    PasswordReset,
    RoleChange,
    UserChanges,
)

Role = Literal["superAdmin", "admin", "user"]


def _not_null(value: Any) -> Any:
    """PATCH fields that may be left out but not cleared: their columns are NOT NULL."""
    if value is None:
        raise ValueError("may be left out but not set to null")
    return value


class RegisterUser(Input):
    email: Email
    password: Password
    fullname: Name
    avatar: Url | None = None
    preferred_language: LanguageCode | None = None
    bio: LongText | None = None
    mobile: str | None = Field(default=None, pattern=r"^\+?[0-9 ()-]{6,20}$")

    def to_command(self) -> NewUser:
        return NewUser(
            email=str(self.email),
            password=self.password,
            fullname=self.fullname,
            avatar=self.avatar,
            preferred_language=self.preferred_language,
            bio=self.bio,
            mobile=self.mobile,
        )


class CreateUser(RegisterUser):
    pass


class UpdateUser(Input):
    fullname: Name | None = None
    avatar: Url | None = None
    preferred_language: LanguageCode | None = None
    bio: LongText | None = None

    _fullname_not_null = field_validator("fullname")(_not_null)

    def to_command(self) -> UserChanges:
        return UserChanges(**self.provided())


class UpdateProfile(UpdateUser):
    mobile: str | None = Field(default=None, pattern=r"^\+?[0-9 ()-]{6,20}$")


class UpdateUserRole(Input):
    role_id: Role

    def to_command(self) -> RoleChange:
        return RoleChange(role=self.role_id)


class UpdateUserPassword(Input):
    old_password: Password
    new_password: Password

    def to_command(self) -> PasswordChange:
        return PasswordChange(current_password=self.old_password, new_password=self.new_password)


class UpdateUserPasswordByAdmin(Input):
    password: Password

    def to_command(self) -> PasswordReset:
        return PasswordReset(new_password=self.password)


class CreateUserGroup(Input):
    group_name: Name
    avatar: Url | None = None


class UpdateUserGroup(Input):
    group_name: Name | None = None
    avatar: Url | None = None

    _group_name_not_null = field_validator("group_name")(_not_null)


class CreateUserGroupMember(Input):
    group_id: uuid.UUID
    user_id: uuid.UUID


class CreateGivenPermission(Input):
    permission_name: Name
    role_id: Role | None = None
    subject_user_id: uuid.UUID | None = None
    subject_user_group_id: uuid.UUID | None = None
    object_id: uuid.UUID | None = None
    can_do: bool = True


class UpdateGivenPermission(Input):
    can_do: bool | None = None
    object_id: uuid.UUID | None = None  # null widens the grant to every object

    _can_do_not_null = field_validator("can_do")(_not_null)


class Login(Input):
    username: str | None = Field(default=None, max_length=254)
    email: str | None = Field(default=None, max_length=254)
    password: str | None = Field(default=None, max_length=128)


class EmailStart(Input):
    email: Email


class CodeComplete(Input):
    email: Email
    secret_code: str = Field(min_length=1, max_length=12)


class PasswordResetComplete(CodeComplete):
    password: Password


class MobileStart(Input):
    mobile: str = Field(pattern=r"^\+?[0-9 ()-]{6,20}$")


class TwoFactorStart(Input):
    user_id: uuid.UUID
    session_id: uuid.UUID
    client: str | None = Field(default=None, max_length=200)
    reason: str | None = Field(default=None, max_length=500)


class TwoFactorComplete(Input):
    user_id: uuid.UUID
    session_id: uuid.UUID
    secret_code: str = Field(min_length=1, max_length=12)


class AvatarMetadata(Input):
    metadata: dict[str, Any] | None = None
