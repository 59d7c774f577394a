"""Users: profiles, roles, passwords and soft deletion (creating them: registration.py).

Only admins list and search users (`USERS`); a user reads their own record, an admin any
(`get_user`); anyone reads the brief view (`get_brief_user`). Changes go through the
functions below, which apply the admin hierarchy (`policy.may_manage`)."""

from __future__ import annotations

import hashlib
import uuid
from typing import Any

from sqlalchemy import Select, func, or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from staykit.core.clock import utcnow
from staykit.core.config import Settings
from staykit.core.errors import Conflict, Forbidden, InvalidInput, NotFound
from staykit.domain.access.principal import Principal
from staykit.domain.audit.service import record_audit
from staykit.domain.auth import policy
from staykit.domain.auth.commands import PasswordChange, PasswordReset, RoleChange, UserChanges
from staykit.domain.auth.models import AuthSession, User
from staykit.domain.auth.passwords import hash_password, verify_password
from staykit.domain.auth.session_cache import session_cache
from staykit.domain.records import Records

# Listing and searching users: admins only. Single users are read through `get_user`.
USERS = Records(User, "user", may_read=policy.require_admin)


def default_avatar(email: str, base_url: str) -> str:
    seed = hashlib.sha256(email.lower().encode()).hexdigest()[:16]
    return f"{base_url.rstrip('/')}/auth-api/v1/defaultavatars/{seed}.svg"


def check_password_policy(password: str, settings: Settings, field: str = "password") -> None:
    if len(password) < settings.password_min_length:
        raise InvalidInput(
            f"{field} must be at least {settings.password_min_length} characters long.",
            code="passwordTooShort",
            field=field,
        )


async def get_by_email(session: AsyncSession, email: str) -> User | None:
    return await session.scalar(select(User).where(func.lower(User.email) == email.strip().lower()))


async def get_active(session: AsyncSession, user_id: uuid.UUID) -> User:
    user = await session.get(User, user_id)
    if user is None or not user.is_active:
        raise NotFound("No user with this userId.", code="userNotFound", field="user_id")
    return user


async def get_user(session: AsyncSession, actor: Principal | None, user_id: uuid.UUID) -> User:
    policy.require_self_or_admin(actor, user_id)
    return await get_active(session, user_id)


async def get_brief_user(session: AsyncSession, user_id: uuid.UUID) -> User:
    return await get_active(session, user_id)


def _apply(user: User, values: dict[str, Any]) -> None:
    for key, value in values.items():
        setattr(user, key, value)
    user.updated_at = utcnow()


def _with_mobile_rule(user: User, data: UserChanges) -> dict[str, Any]:
    """The column values of `data`; a new mobile number is not verified yet."""
    values = data.provided()
    if "mobile" in values and values["mobile"] != user.mobile:
        values["mobile_verified"] = False
    return values


async def update_user(
    session: AsyncSession, actor: Principal | None, user_id: uuid.UUID, data: UserChanges
) -> User:
    admin = policy.require_admin(actor)
    user = await get_active(session, user_id)
    if user.id != admin.user_id and not policy.may_manage(admin, user.role_id):
        raise Forbidden("Admins may only edit plain users.", code="cannotManageAdmin")
    _apply(user, _with_mobile_rule(user, data))
    await session.flush()
    return user


async def update_profile(
    session: AsyncSession, actor: Principal | None, user_id: uuid.UUID, data: UserChanges
) -> User:
    policy.require_self(actor, user_id)
    user = await get_active(session, user_id)
    _apply(user, _with_mobile_rule(user, data))
    await session.flush()
    return user


async def revoke_sessions(
    session: AsyncSession, user_id: uuid.UUID, *, keep: uuid.UUID | None = None
) -> None:
    stmt = update(AuthSession).where(
        AuthSession.user_id == user_id, AuthSession.revoked_at.is_(None)
    )
    if keep is not None:
        stmt = stmt.where(AuthSession.id != keep)
    await session.execute(stmt.values(revoked_at=utcnow()))
    # A bulk UPDATE bypasses the ORM's flush events; evict here (other processes hear
    # the database trigger's NOTIFY once this commits).
    session_cache.evict_user(user_id)


async def _soft_delete(session: AsyncSession, user: User) -> User:
    user.is_active = False
    user.updated_at = utcnow()
    await session.flush()
    await revoke_sessions(session, user.id)
    return user


async def delete_user(session: AsyncSession, actor: Principal | None, user_id: uuid.UUID) -> User:
    admin = policy.require_admin(actor)
    user = await get_active(session, user_id)
    if user.id == admin.user_id:
        raise Forbidden("Use archiveProfile to close your own account.", code="cannotDeleteSelf")
    if not policy.may_manage(admin, user.role_id):
        raise Forbidden("Admins may only delete plain users.", code="cannotManageAdmin")
    if user.role_id == "superAdmin":
        await _keep_a_super_admin(session, user, "The last superAdmin cannot be deleted.")
    return await _soft_delete(session, user)


async def _keep_a_super_admin(session: AsyncSession, leaving: User, message: str) -> None:
    """Refuse a change that would leave no active superAdmin.

    The active superAdmin rows are locked first, so two superAdmins leaving at the same
    moment are decided one after the other instead of both seeing the other one stay.
    """
    remaining = (
        await session.scalars(
            select(User.id)
            .where(User.role_id == "superAdmin", User.is_active, User.id != leaving.id)
            .order_by(User.id)
            .with_for_update()
        )
    ).all()
    if not remaining:
        raise Conflict(message, code="lastSuperAdmin")


async def archive_profile(
    session: AsyncSession, actor: Principal | None, user_id: uuid.UUID
) -> User:
    policy.require_self(actor, user_id)
    user = await get_active(session, user_id)
    if user.role_id == "superAdmin":
        await _keep_a_super_admin(
            session, user, "The last superAdmin cannot archive their account."
        )
    return await _soft_delete(session, user)


async def update_user_role(
    session: AsyncSession, actor: Principal | None, user_id: uuid.UUID, data: RoleChange
) -> User:
    admin = policy.require_admin(actor)
    user = await get_active(session, user_id)
    if user.id == admin.user_id:
        raise Forbidden("You cannot change your own role.", code="cannotChangeOwnRole")
    if not policy.may_manage(admin, user.role_id):
        raise Forbidden("Admins may only change the role of plain users.", code="cannotManageAdmin")
    if data.role == "superAdmin" and not admin.is_super_admin:
        raise Forbidden(
            "Only a superAdmin may grant superAdmin.", code="cannotGrantSuperAdmin", field="role_id"
        )
    if user.role_id != data.role:
        if user.role_id == "superAdmin":
            await _keep_a_super_admin(session, user, "The last superAdmin cannot be demoted.")
        before = user.role_id
        _apply(user, {"role_id": data.role})
        await session.flush()
        await record_audit(
            session,
            admin,
            action_type="user.role",
            action_object="user",
            object_id=user.id,
            before={"roleId": before},
            after={"roleId": user.role_id},
            ip_address=data.ip_address,
        )
    return user


async def update_user_password(
    session: AsyncSession,
    actor: Principal | None,
    user_id: uuid.UUID,
    data: PasswordChange,
    settings: Settings,
) -> User:
    me = policy.require_self(actor, user_id)
    user = await get_active(session, user_id)
    if not await verify_password(data.current_password, user.password_hash):
        raise Forbidden(
            "oldPassword does not match the current password.",
            code="oldPasswordMismatch",
            field="oldPassword",
        )
    check_password_policy(data.new_password, settings, "newPassword")
    _apply(user, {"password_hash": await hash_password(data.new_password)})
    await session.flush()
    await revoke_sessions(session, user.id, keep=me.session_id)
    return user


async def update_user_password_by_admin(
    session: AsyncSession,
    actor: Principal | None,
    user_id: uuid.UUID,
    data: PasswordReset,
    settings: Settings,
) -> User:
    admin = policy.require_admin(actor)
    user = await get_active(session, user_id)
    if not policy.may_manage(admin, user.role_id):
        raise Forbidden(
            "Admins may only reset the password of plain users.", code="cannotManageAdmin"
        )
    check_password_policy(data.new_password, settings)
    _apply(user, {"password_hash": await hash_password(data.new_password)})
    await session.flush()
    # A superAdmin resetting their own password keeps the session they did it from.
    keep = admin.session_id if user.id == admin.user_id else None
    await revoke_sessions(session, user.id, keep=keep)
    return user


def search_statement(keyword: str) -> Select[Any]:
    """Users whose email or name contains `keyword` (for `USERS.page(base=...)`)."""
    return select(User).where(search_condition(keyword))


def search_condition(keyword: str) -> Any:
    like = f"%{escape_like(keyword)}%"
    return or_(User.email.ilike(like, escape="\\"), User.fullname.ilike(like, escape="\\"))


def escape_like(value: str) -> str:
    return value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
