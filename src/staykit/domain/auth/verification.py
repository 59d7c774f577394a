"""Verification services (spec §2.4): one-time codes by email or SMS.

Codes are 6 digits, stored hashed, one active per user and purpose (per session for 2FA),
resend-throttled, expiring, and invalidated after too many wrong guesses. The code is in
the response only in development; otherwise it leaves by email or SMS through a job.

The flows started by an address (email verification, mobile verification, password reset
by email or by mobile) do not tell whether it belongs to an account: start answers the
same 200 for every address (the address as sent, no userId) and sends a code only to a
real, active account that needs it (mobile verification: one with an unverified mobile;
reset by mobile: one whose mobile is verified), skipping a resend within the window
silently; complete answers an unknown address as it answers an account with no code under
way.
"""

from __future__ import annotations

import hashlib
import hmac
import uuid
from datetime import timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from staykit.core.clock import utcnow
from staykit.core.config import Settings
from staykit.core.errors import Forbidden, InvalidInput, Unauthenticated
from staykit.core.ids import numeric_code
from staykit.domain.auth.models import AuthSession, User, VerificationCode
from staykit.domain.auth.passwords import hash_password
from staykit.domain.auth.sessions import clear_failures, session_object, session_token
from staykit.domain.auth.users import check_password_policy, get_by_email, revoke_sessions
from staykit.domain.notifications.service import queue_email, queue_sms

EMAIL_VERIFICATION = "email-verification"
MOBILE_VERIFICATION = "mobile-verification"
EMAIL_2FA = "email-2factor-verification"
MOBILE_2FA = "mobile-2factor-verification"
PASSWORD_RESET_EMAIL = "password-reset-by-email"
PASSWORD_RESET_MOBILE = "password-reset-by-mobile"


MOBILE_PURPOSES = (MOBILE_VERIFICATION, MOBILE_2FA, PASSWORD_RESET_MOBILE)


def _hash(purpose: str, user: User, code: str) -> str:
    # The address the code was sent to is part of the hash: a code sent to one number (or
    # mailbox) must not verify another one the profile was switched to meanwhile.
    address = user.mobile if purpose in MOBILE_PURPOSES else user.email
    return hashlib.sha256(f"{purpose}:{user.id}:{address}:{code}".encode()).hexdigest()


class ResendTooSoon(Forbidden):
    """A code went out less than the resend window ago."""


def _expiry(purpose: str, settings: Settings) -> int:
    if purpose in (EMAIL_2FA, MOBILE_2FA):
        return settings.two_factor_expire_seconds
    return settings.verification_expire_seconds


async def _active(
    session: AsyncSession, purpose: str, user_id: uuid.UUID, session_id: uuid.UUID | None
) -> VerificationCode | None:
    stmt = select(VerificationCode).where(
        VerificationCode.purpose == purpose,
        VerificationCode.user_id == user_id,
        VerificationCode.consumed_at.is_(None),
    )
    stmt = stmt.where(
        VerificationCode.session_id == session_id
        if session_id is not None
        else VerificationCode.session_id.is_(None)
    )
    return await session.scalar(stmt.with_for_update())


async def _issue_code(
    session: AsyncSession,
    settings: Settings,
    purpose: str,
    user: User,
    session_id: uuid.UUID | None = None,
) -> tuple[str, VerificationCode]:
    now = utcnow()
    current = await _active(session, purpose, user.id, session_id)
    if current is not None:
        # A code locked by too many wrong guesses still counts here: otherwise restarting
        # right away would give a guesser five fresh tries (and the user a fresh message)
        # as fast as they can ask.
        age = (now - current.created_at).total_seconds()
        if age < settings.verification_resend_seconds and current.expires_at > now:
            wait = int(settings.verification_resend_seconds - age) + 1
            raise ResendTooSoon(
                f"A code was sent moments ago; ask again in {wait} seconds.",
                code="codeResendTooSoon",
                headers={"Retry-After": str(wait)},
            )
        current.consumed_at = now  # one active code: the old one stops working
        await session.flush()
    code = numeric_code(6)
    row = VerificationCode(
        purpose=purpose,
        user_id=user.id,
        session_id=session_id,
        code_hash=_hash(purpose, user, code),
        created_at=now,
        expires_at=now + timedelta(seconds=_expiry(purpose, settings)),
    )
    session.add(row)
    await session.flush()
    return code, row


def _none_under_way() -> Forbidden:
    return Forbidden("No verification is under way; start one first.", code="noOngoingVerification")


async def _check_code(
    session: AsyncSession,
    settings: Settings,
    purpose: str,
    user: User,
    code: str,
    session_id: uuid.UUID | None = None,
) -> None:
    row = await _active(session, purpose, user.id, session_id)
    now = utcnow()
    if row is None:
        raise _none_under_way()
    if row.expires_at <= now:
        row.consumed_at = now
        raise Forbidden("The code has expired; start again.", code="codeExpired", commit=True)
    if row.attempts >= settings.verification_max_attempts:
        # Locked, not consumed: it keeps holding the resend window (see _issue_code).
        raise Forbidden(
            "Too many wrong codes; start again to get a new one.", code="tooManyCodeAttempts"
        )
    if not hmac.compare_digest(row.code_hash, _hash(purpose, user, code.strip())):
        row.attempts += 1
        raise Forbidden(
            "The code does not match.", code="codeMismatch", field="secretCode", commit=True
        )
    row.consumed_at = now
    await session.flush()


def _started(settings: Settings, code: str, row: VerificationCode, **fields: Any) -> dict[str, Any]:
    out: dict[str, Any] = {**fields}
    if settings.is_development:
        out["secretCode"] = code
    out["expireTime"] = int((row.expires_at - row.created_at).total_seconds())
    out["date"] = row.created_at.isoformat()
    return out


def _accepted(
    settings: Settings,
    purpose: str,
    issued: tuple[str, VerificationCode] | None,
    **address: str,
) -> dict[str, Any]:
    """A start by an address (email= or mobile=), answered alike whether or not a code
    went out: the address as sent, how long a code lives and when. Only development adds
    the code it sent."""
    out: dict[str, Any] = {**address}
    if issued is not None and settings.is_development:
        out["secretCode"] = issued[0]
    out["expireTime"] = _expiry(purpose, settings)
    out["date"] = (issued[1].created_at if issued else utcnow()).isoformat()
    return out


async def _account(session: AsyncSession, email: str) -> User | None:
    """The active account with this email, or None (unknown and closed alike)."""
    user = await get_by_email(session, email)
    return user if user is not None and user.is_active else None


# --- email verification ---------------------------------------------------------------


async def send_email_verification(
    session: AsyncSession, user: User, settings: Settings, *, on_signup: bool = False
) -> tuple[str, VerificationCode]:
    code, row = await _issue_code(session, settings, EMAIL_VERIFICATION, user)
    link = (
        f"{settings.public_base_url.rstrip('/')}/account/verify-email?userId={user.id}&code={code}"
    )
    intro = "Welcome to staykit!\n\n" if on_signup else ""
    await queue_email(
        session,
        to=user.email,
        subject="Confirm your email address",
        body=(
            f"{intro}Your verification code is {code}.\n\n"
            f"Or open {link}\n\nThe code expires in {settings.verification_expire_seconds // 3600} hours."
        ),
        purpose=EMAIL_VERIFICATION,
    )
    return code, row


async def start_email_verification(
    session: AsyncSession, settings: Settings, email: str
) -> dict[str, Any]:
    """The same answer for every address; a code goes only to an account that is not
    verified yet, and not again within the resend window."""
    user = await _account(session, email)
    issued = None
    if user is not None and not user.email_verified:
        try:
            issued = await send_email_verification(session, user, settings)
        except ResendTooSoon:
            issued = None  # the code sent moments ago still works
    return _accepted(settings, EMAIL_VERIFICATION, issued, email=email)


async def complete_email_verification(
    session: AsyncSession, settings: Settings, email: str, code: str
) -> dict[str, Any]:
    user = await _account(session, email)
    if user is None or user.email_verified:
        # As for an account with no code under way: no start sent one to this address.
        raise _none_under_way()
    await _check_code(session, settings, EMAIL_VERIFICATION, user, code)
    user.email_verified = True
    user.updated_at = utcnow()
    await session.flush()
    return {"userId": str(user.id), "email": user.email, "isVerified": True}


# --- mobile verification --------------------------------------------------------------


async def start_mobile_verification(
    session: AsyncSession, settings: Settings, email: str
) -> dict[str, Any]:
    """The same answer for every address; an SMS goes only to an account with a mobile
    that is not verified yet, and not again within the resend window."""
    user = await _account(session, email)
    issued = None
    if user is not None and user.mobile and not user.mobile_verified:
        try:
            issued = await _issue_code(session, settings, MOBILE_VERIFICATION, user)
        except ResendTooSoon:
            issued = None  # the code sent moments ago still works
        else:
            await queue_sms(
                session,
                to=user.mobile,
                body=f"Your staykit code is {issued[0]}",
                purpose=MOBILE_VERIFICATION,
            )
    return _accepted(settings, MOBILE_VERIFICATION, issued, email=email)


async def complete_mobile_verification(
    session: AsyncSession, settings: Settings, email: str, code: str
) -> dict[str, Any]:
    user = await _account(session, email)
    if user is None or not user.mobile or user.mobile_verified:
        # As for an account with no code under way: no start sent one for this address.
        raise _none_under_way()
    await _check_code(session, settings, MOBILE_VERIFICATION, user, code)
    user.mobile_verified = True
    user.updated_at = utcnow()
    await session.flush()
    return {"userId": str(user.id), "mobile": user.mobile, "isVerified": True}


# --- two-factor -----------------------------------------------------------------------


async def _live_session(
    session: AsyncSession, user_id: uuid.UUID, session_id: uuid.UUID
) -> tuple[User, AuthSession]:
    auth_session = await session.get(AuthSession, session_id)
    user = await session.get(User, user_id)
    if (
        auth_session is None
        or user is None
        or auth_session.user_id != user_id
        or auth_session.revoked_at is not None
        or auth_session.expires_at <= utcnow()
        or not user.is_active
    ):
        raise Unauthenticated(
            "No live session with this userId and sessionId.",
            code="sessionNotFound",
            field="sessionId",
        )
    return user, auth_session


async def start_email_2fa(
    session: AsyncSession, settings: Settings, user_id: uuid.UUID, session_id: uuid.UUID
) -> dict[str, Any]:
    user, auth_session = await _live_session(session, user_id, session_id)
    code, row = await _issue_code(session, settings, EMAIL_2FA, user, auth_session.id)
    await queue_email(
        session,
        to=user.email,
        subject="Your staykit login code",
        body=f"Your login code is {code}. It expires in {settings.two_factor_expire_seconds // 60} minutes.",
        purpose=EMAIL_2FA,
    )
    return _started(
        settings, code, row, sessionId=str(auth_session.id), userId=str(user.id), email=user.email
    )


async def complete_email_2fa(
    session: AsyncSession, settings: Settings, user_id: uuid.UUID, session_id: uuid.UUID, code: str
) -> dict[str, Any]:
    user, auth_session = await _live_session(session, user_id, session_id)
    await _check_code(session, settings, EMAIL_2FA, user, code, auth_session.id)
    auth_session.needs_email_2fa = False
    await session.flush()
    return session_object(user, auth_session, None, None)


async def start_mobile_2fa(
    session: AsyncSession, settings: Settings, user_id: uuid.UUID, session_id: uuid.UUID
) -> dict[str, Any]:
    user, auth_session = await _live_session(session, user_id, session_id)
    if not user.mobile or not user.mobile_verified:
        raise Forbidden(
            "Mobile two-factor needs a verified mobile number.", code="mobileNotVerified"
        )
    code, row = await _issue_code(session, settings, MOBILE_2FA, user, auth_session.id)
    await queue_sms(
        session, to=user.mobile, body=f"Your staykit login code is {code}", purpose=MOBILE_2FA
    )
    return _started(
        settings, code, row, userId=str(user.id), sessionId=str(auth_session.id), mobile=user.mobile
    )


async def complete_mobile_2fa(
    session: AsyncSession, settings: Settings, user_id: uuid.UUID, session_id: uuid.UUID, code: str
) -> dict[str, Any]:
    user, auth_session = await _live_session(session, user_id, session_id)
    await _check_code(session, settings, MOBILE_2FA, user, code, auth_session.id)
    auth_session.needs_mobile_2fa = False
    await session.flush()
    token = await session_token(session, user, auth_session)
    return {
        "sessionId": str(auth_session.id),
        "userId": str(user.id),
        "sessionNeedsMobile2FA": False,
        "accessToken": token,
        "expiresIn": int((auth_session.expires_at - utcnow()).total_seconds()),
    }


# --- password reset -------------------------------------------------------------------


async def start_password_reset_by_email(
    session: AsyncSession, settings: Settings, email: str
) -> dict[str, Any]:
    """The same answer for every address; the code goes only to an active account, and
    not again within the resend window."""
    user = await _account(session, email)
    if user is None:
        return _accepted(settings, PASSWORD_RESET_EMAIL, None, email=email)
    try:
        code, row = await _issue_code(session, settings, PASSWORD_RESET_EMAIL, user)
    except ResendTooSoon:
        return _accepted(settings, PASSWORD_RESET_EMAIL, None, email=email)
    link = f"{settings.public_base_url.rstrip('/')}/account/reset-password?userId={user.id}&code={code}"
    await queue_email(
        session,
        to=user.email,
        subject="Reset your staykit password",
        body=f"Your password reset code is {code}.\n\nOr open {link}\n\nIf you did not ask for this, ignore this email.",
        purpose=PASSWORD_RESET_EMAIL,
    )
    return _accepted(settings, PASSWORD_RESET_EMAIL, (code, row), email=email)


async def _reset(
    session: AsyncSession, settings: Settings, user: User, purpose: str, code: str, password: str
) -> None:
    check_password_policy(password, settings)
    await _check_code(session, settings, purpose, user, code)
    user.password_hash = await hash_password(password)
    user.updated_at = utcnow()
    await session.flush()
    await revoke_sessions(session, user.id)
    # The owner proved control of the address: failed guesses by others no longer lock them out.
    await clear_failures(session, user.email)


async def complete_password_reset_by_email(
    session: AsyncSession, settings: Settings, email: str, code: str, password: str
) -> dict[str, Any]:
    # The password is judged before the address, so a weak one is a 400 for any address.
    check_password_policy(password, settings)
    user = await _account(session, email)
    if user is None:
        raise _none_under_way()
    await _reset(session, settings, user, PASSWORD_RESET_EMAIL, code, password)
    user.email_verified = True  # the code reached this mailbox
    await session.flush()
    return {"userId": str(user.id), "email": user.email, "isVerified": True}


async def _user_by_mobile(session: AsyncSession, mobile: str) -> User | None:
    # Numbers are not unique: whoever verified the number owns it, not whoever typed it first.
    return await session.scalar(
        select(User)
        .where(User.mobile == mobile.strip(), User.is_active)
        .order_by(User.mobile_verified.desc(), User.created_at)
        .limit(1)
    )


async def start_password_reset_by_mobile(
    session: AsyncSession, settings: Settings, mobile: str
) -> dict[str, Any]:
    """The same answer for every number; the SMS goes only to an active account whose
    mobile is verified (an unverified number may be someone else's), and not again within
    the resend window."""
    user = await _user_by_mobile(session, mobile)
    if user is None or not user.mobile or not user.mobile_verified:
        return _accepted(settings, PASSWORD_RESET_MOBILE, None, mobile=mobile)
    try:
        code, row = await _issue_code(session, settings, PASSWORD_RESET_MOBILE, user)
    except ResendTooSoon:
        return _accepted(settings, PASSWORD_RESET_MOBILE, None, mobile=mobile)
    await queue_sms(
        session,
        to=user.mobile,
        body=f"Your staykit password reset code is {code}",
        purpose=PASSWORD_RESET_MOBILE,
    )
    return _accepted(settings, PASSWORD_RESET_MOBILE, (code, row), mobile=mobile)


async def complete_password_reset_by_mobile(
    session: AsyncSession,
    settings: Settings,
    *,
    email: str | None,
    mobile: str | None,
    code: str,
    password: str,
) -> dict[str, Any]:
    if email:
        user = await _account(session, email)
    elif mobile:
        user = await _user_by_mobile(session, mobile)
    else:
        raise InvalidInput(
            "Send email (or mobile) to say whose password to reset.",
            code="emailRequired",
            field="email",
        )
    # The password is judged before the account, so a weak one is a 400 for anyone.
    check_password_policy(password, settings)
    if user is None:
        raise _none_under_way()
    await _reset(session, settings, user, PASSWORD_RESET_MOBILE, code, password)
    return {"userId": str(user.id), "mobile": user.mobile, "isVerified": True}
