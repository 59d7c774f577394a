"""Creating users, by sign-up or by an admin: the checks, the row (a concurrent sign-up
of the same address loses to the unique index), and the mail asking to confirm the
address. Apart from users.py so that users, sessions and verification form no cycle."""

from __future__ import annotations

import uuid

from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from staykit.core.config import Settings
from staykit.core.errors import Conflict
from staykit.core.ids import uuid7
from staykit.domain.access.principal import Principal
from staykit.domain.auth import policy, verification
from staykit.domain.auth.commands import NewUser
from staykit.domain.auth.models import User
from staykit.domain.auth.passwords import hash_password
from staykit.domain.auth.users import check_password_policy, default_avatar, get_by_email


async def _create(
    session: AsyncSession, data: NewUser, settings: Settings, owner: uuid.UUID | None
) -> User:
    check_password_policy(data.password, settings)
    # Already in canonical form (core.schemas: trimmed, domain lower-cased); uniqueness
    # and login ignore case altogether.
    email = data.email
    if await get_by_email(session, email) is not None:
        raise _email_taken()
    user = User(
        email=email,
        password_hash=await hash_password(data.password),
        fullname=data.fullname,
        avatar=data.avatar or default_avatar(email, settings.public_base_url),
        role_id="user",
        preferred_language=data.preferred_language,
        bio=data.bio,
        mobile=data.mobile,
    )
    user.id = uuid7()
    user.owner_id = owner or user.id
    try:
        # A concurrent registration of the same address passes the check above; the
        # unique index decides, and the loser gets the same 409 as a sequential retry.
        async with session.begin_nested():
            session.add(user)
            await session.flush()
    except IntegrityError as exc:
        if _constraint(exc) == "uq_users_email_lower":
            raise _email_taken() from None
        raise
    # Ask the new user to confirm their address; the mail leaves only if this commits.
    await verification.send_email_verification(session, user, settings, on_signup=True)
    return user


def _email_taken() -> Conflict:
    return Conflict(
        "A user with this email already exists.", code="emailAlreadyRegistered", field="email"
    )


def _constraint(exc: IntegrityError) -> str | None:
    return getattr(getattr(exc.orig, "diag", None), "constraint_name", None)


async def register_user(session: AsyncSession, data: NewUser, settings: Settings) -> User:
    return await _create(session, data, settings, owner=None)


async def create_user(
    session: AsyncSession, actor: Principal | None, data: NewUser, settings: Settings
) -> User:
    admin = policy.require_admin(actor)
    return await _create(session, data, settings, owner=admin.user_id)
