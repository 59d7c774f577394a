"""Operator actions on accounts (the `staykit create-admin` command)."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from staykit.core.config import Settings
from staykit.core.errors import InvalidInput
from staykit.core.ids import uuid7
from staykit.core.schemas import normalize_email
from staykit.domain.auth.models import User
from staykit.domain.auth.passwords import hash_password
from staykit.domain.auth.users import check_password_policy, default_avatar, get_by_email


async def ensure_admin(
    session: AsyncSession,
    settings: Settings,
    *,
    email: str,
    fullname: str,
    role: str,
    password: str,
) -> tuple[bool, str]:
    """Create the account with this role, or give an existing one the role and password.
    Returns (created, the stored email)."""
    check_password_policy(password, settings)
    try:
        email = normalize_email(email)
    except ValueError as exc:
        raise InvalidInput(str(exc), code="emailIsInvalid", field="email") from None
    user = await get_by_email(session, email)
    password_hash = await hash_password(password)
    if user is None:
        user = User(
            email=email.strip(),
            password_hash=password_hash,
            fullname=fullname,
            role_id=role,
            email_verified=True,
            avatar=default_avatar(email, settings.public_base_url),
        )
        user.id = uuid7()
        user.owner_id = user.id
        session.add(user)
        await session.flush()
        return True, user.email
    user.role_id = role
    user.password_hash = password_hash
    user.is_active = True
    await session.flush()
    return False, user.email
