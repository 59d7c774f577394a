"""Demo data for `make run`: an admin team and a few users, loaded once."""

from __future__ import annotations

import secrets
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from staykit.core.config import Settings
from staykit.core.ids import uuid7
from staykit.domain.auth.models import User
from staykit.domain.auth.passwords import hash_password
from staykit.domain.auth.users import default_avatar

PEOPLE = (
    ("superadmin@staykit.local", "Sam Super", "superAdmin"),
    ("admin@staykit.local", "Ada Admin", "admin"),
    ("host@staykit.local", "Hana Host", "user"),
    ("guest@staykit.local", "Gus Guest", "user"),
    ("guest2@staykit.local", "Greta Guest", "user"),
)


@dataclass
class Credential:
    email: str
    password: str
    role: str


async def load(session: AsyncSession, settings: Settings) -> list[Credential]:
    """Create the demo users when the database has no users yet; returns their passwords."""
    if await session.scalar(select(func.count()).select_from(User)):
        return []
    out = []
    for email, name, role in PEOPLE:
        password = secrets.token_urlsafe(9)
        user = User(
            email=email,
            password_hash=await hash_password(password),
            fullname=name,
            role_id=role,
            email_verified=True,
            avatar=default_avatar(email, settings.public_base_url),
        )
        user.id = uuid7()
        user.owner_id = user.id
        session.add(user)
        out.append(Credential(email, password, role))
    await session.flush()
    return out
