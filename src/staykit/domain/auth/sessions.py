"""Login sessions: password login with throttling, JWT access tokens, logout, relogin."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from sqlalchemy import delete, func, select, text
from sqlalchemy.ext.asyncio import AsyncSession

from staykit.core.clock import utcnow
from staykit.core.config import Settings
from staykit.core.errors import Forbidden, InvalidInput, TooManyRequests, Unauthenticated
from staykit.domain.access.principal import Principal
from staykit.domain.auth.keys import ISSUER, SESSION_AUDIENCE, keyring
from staykit.domain.auth.models import AuthSession, LoginFailure, User
from staykit.domain.auth.passwords import verify_password
from staykit.domain.auth.session_cache import session_cache
from staykit.domain.auth.users import get_by_email


@dataclass
class IssuedSession:
    session: AuthSession
    user: User
    access_token: str
    expires_in: int

    def as_dict(self) -> dict[str, Any]:
        return session_object(self.user, self.session, self.access_token, self.expires_in)


def session_object(
    user: User, auth_session: AuthSession, access_token: str | None, expires_in: int | None
) -> dict[str, Any]:
    """The session object the marketplace returns from login, relogin and currentuser."""
    return {
        "sessionId": str(auth_session.id),
        "userId": str(user.id),
        "email": user.email,
        "fullname": user.fullname,
        "avatar": user.avatar,
        "roleId": user.role_id,
        "emailVerified": user.email_verified,
        "mobile": user.mobile,
        "mobileVerified": user.mobile_verified,
        "preferredLanguage": user.preferred_language,
        "tenantId": None,
        "sessionNeedsEmail2FA": auth_session.needs_email_2fa,
        "sessionNeedsMobile2FA": auth_session.needs_mobile_2fa,
        "loginDate": auth_session.created_at.isoformat(),
        "accessToken": access_token,
        "expiresIn": expires_in,
    }


async def _lock_login(session: AsyncSession, email: str, ip: str) -> None:
    """Take the account's and the address's login locks until this transaction ends.

    Counting failures, checking the password and recording a failure must be one step
    per account and per address, or parallel guesses all count the same few failures
    and all get a password check. Transaction-scoped advisory locks make concurrent
    logins for one email (or from one address) wait their turn; a recorded failure
    commits with the lock's release, so the next one counts it. Always the account
    first, then the address: one order, so two logins never wait on each other.
    """
    for key in (f"login:account:{email}", f"login:address:{ip}"):
        await session.execute(
            text("SELECT pg_advisory_xact_lock(hashtextextended(:key, 0))"), {"key": key}
        )


async def _check_throttle(session: AsyncSession, email: str, ip: str, settings: Settings) -> None:
    since = utcnow() - timedelta(seconds=settings.login_window_seconds)
    for column, value, limit, what in (
        (LoginFailure.email, email, settings.login_max_failures_per_account, "this account"),
        (LoginFailure.ip_address, ip, settings.login_max_failures_per_ip, "this address"),
    ):
        count, oldest = (
            await session.execute(
                select(func.count(), func.min(LoginFailure.at)).where(
                    column == value, LoginFailure.at > since
                )
            )
        ).one()
        if count >= limit:
            retry = (
                int(
                    (
                        oldest + timedelta(seconds=settings.login_window_seconds) - utcnow()
                    ).total_seconds()
                )
                + 1
            )
            raise TooManyRequests(
                f"Too many failed logins for {what}; try again in {retry} seconds.",
                code="tooManyLoginAttempts",
                retry_after=retry,
            )


async def record_failure(session: AsyncSession, email: str, ip: str) -> None:
    session.add(LoginFailure(email=email, ip_address=ip))
    await session.flush()


async def issue(
    session: AsyncSession,
    user: User,
    settings: Settings,
    *,
    ip: str | None = None,
    user_agent: str | None = None,
) -> IssuedSession:
    now = utcnow()
    ttl = settings.access_token_ttl_seconds
    auth_session = AuthSession(
        user_id=user.id,
        created_at=now,
        expires_at=now + timedelta(seconds=ttl),
        needs_email_2fa=settings.email_2fa_required,
        needs_mobile_2fa=settings.mobile_2fa_required and user.mobile_verified,
        ip_address=ip,
        user_agent=(user_agent or "")[:512] or None,
    )
    session.add(auth_session)
    await session.flush()
    token = await session_token(session, user, auth_session)
    return IssuedSession(auth_session, user, token, ttl)


async def session_token(session: AsyncSession, user: User, auth_session: AuthSession) -> str:
    """A signed access token for a session; it expires with the session."""
    return await keyring.sign_current(
        session,
        {
            "iss": ISSUER,
            "aud": SESSION_AUDIENCE,
            "sub": str(user.id),
            "sid": str(auth_session.id),
            "role": user.role_id,
            "iat": int(utcnow().timestamp()),
            "exp": int(auth_session.expires_at.timestamp()),
        },
    )


async def login(
    session: AsyncSession,
    settings: Settings,
    *,
    username: str | None,
    password: str | None,
    ip: str,
    user_agent: str | None,
) -> IssuedSession:
    if not username:
        raise InvalidInput(
            "username (the email) is required.", code="usernameRequired", field="username"
        )
    if not password:
        raise InvalidInput("password is required.", code="passwordRequired", field="password")
    email = username.strip().lower()
    await _lock_login(session, email, ip)
    await _check_throttle(session, email, ip, settings)
    user = await get_by_email(session, email)
    ok = await verify_password(password, user.password_hash if user else None)
    if user is None or not ok or not user.is_active:
        return await _fail(session, email, ip)
    if settings.email_verification_required_for_login and not user.email_verified:
        raise Forbidden(
            "Verify your email address before logging in.", code="EmailVerificationNeeded"
        )
    await clear_failures(session, email)
    return await issue(session, user, settings, ip=ip, user_agent=user_agent)


async def clear_failures(session: AsyncSession, email: str) -> None:
    """Forget an account's failed logins (after a successful login or password reset)."""
    await session.execute(delete(LoginFailure).where(LoginFailure.email == email.strip().lower()))


async def _fail(session: AsyncSession, email: str, ip: str) -> IssuedSession:
    # The failure must be remembered although the request fails: commit=True.
    await record_failure(session, email, ip)
    raise Unauthenticated("Wrong username or password.", code="invalidCredentials", commit=True)


async def authenticate(session: AsyncSession, token: str) -> Principal:
    """Resolve an access token to the acting user, or raise Unauthenticated."""
    claims = await keyring.verify(token, session)
    try:
        user_id = uuid.UUID(str(claims.get("sub")))
        session_id = uuid.UUID(str(claims.get("sid")))
    except ValueError as exc:
        raise Unauthenticated("The access token is invalid.", code="invalidToken") from exc
    now = utcnow()
    cached = session_cache.get(session_id, user_id, now.timestamp())
    if cached is not None:
        return cached
    row = (
        await session.execute(
            select(
                User.role_id,
                User.email,
                User.fullname,
                User.is_active,
                AuthSession.revoked_at,
                AuthSession.expires_at,
                AuthSession.needs_email_2fa,
                AuthSession.needs_mobile_2fa,
            )
            .join(AuthSession, AuthSession.user_id == User.id)
            .where(AuthSession.id == session_id, User.id == user_id)
        )
    ).first()
    if row is None or not row.is_active or row.revoked_at is not None or row.expires_at <= now:
        raise Unauthenticated("The session has ended; log in again.", code="sessionEnded")
    actor = Principal(
        user_id=user_id,
        role_id=row.role_id,
        session_id=session_id,
        email=row.email,
        fullname=row.fullname,
        needs_email_2fa=row.needs_email_2fa,
        needs_mobile_2fa=row.needs_mobile_2fa,
        expires_at=row.expires_at,
    )
    session_cache.put(actor, row.expires_at.timestamp())
    return actor


async def logout(session: AsyncSession, actor: Principal | None) -> None:
    if actor is None or actor.session_id is None:
        return
    auth_session = await session.get(AuthSession, actor.session_id)
    if auth_session is not None and auth_session.revoked_at is None:
        auth_session.revoked_at = utcnow()
        await session.flush()


async def relogin(
    session: AsyncSession, actor: Principal, settings: Settings, *, ip: str, user_agent: str | None
) -> IssuedSession:
    """A fresh session from the database's current user record; the old session ends."""
    user = await session.get(User, actor.user_id)
    if user is None or not user.is_active:
        raise Unauthenticated("Cannot relogin", code="cannotRelogin")
    old = await session.get(AuthSession, actor.session_id) if actor.session_id else None
    issued = await issue(session, user, settings, ip=ip, user_agent=user_agent)
    if old is not None:
        # 2FA already passed on the old session carries over.
        issued.session.needs_email_2fa = old.needs_email_2fa
        issued.session.needs_mobile_2fa = old.needs_mobile_2fa
        old.revoked_at = utcnow()
    await session.flush()
    return issued


async def current_session(session: AsyncSession, actor: Principal) -> tuple[User, AuthSession]:
    user = await session.get(User, actor.user_id)
    auth_session = await session.get(AuthSession, actor.session_id)
    if user is None or auth_session is None:
        raise Unauthenticated("No login found", code="noLoginFound")
    return user, auth_session
