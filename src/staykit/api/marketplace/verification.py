"""Verification services under /auth-api/verification-services (spec §2.4)."""

# No `from __future__ import annotations` (FastAPI reads the body classes).

import uuid
from datetime import datetime
from typing import Any

from fastapi import APIRouter
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field

from staykit.api.marketplace.auth_schemas import (
    CodeComplete,
    EmailStart,
    MobileStart,
    PasswordResetComplete,
    TwoFactorComplete,
    TwoFactorStart,
)
from staykit.api.marketplace.context import Context, limited
from staykit.api.marketplace.responses import Access as A
from staykit.api.marketplace.responses import SessionObject, described
from staykit.api.ratelimit import RouteClass
from staykit.core.schemas import Email, Input, Password
from staykit.domain.auth import verification as v

router = APIRouter(prefix="/verification-services", tags=["verification"])


class CodeSent(BaseModel):
    """A code is on its way (the address it went to; in development also the code)."""

    userId: uuid.UUID
    sessionId: uuid.UUID | None = None
    email: str | None = None
    mobile: str | None = None
    secretCode: str | None = Field(default=None, description="Development only.")
    expireTime: int = Field(description="Seconds the code stays valid.")
    date: datetime


class EmailCodeSent(BaseModel):
    """The answer to starting an email-keyed flow: the same for every address, so it
    reveals nothing about accounts (a code goes out only to a real one)."""

    email: str
    secretCode: str | None = Field(default=None, description="Development only.")
    expireTime: int = Field(description="Seconds a code stays valid.")
    date: datetime


class MobileCodeSent(BaseModel):
    """The answer to starting a reset by mobile: the same for every number, so it reveals
    nothing about accounts (a code goes out only to a verified one)."""

    mobile: str
    secretCode: str | None = Field(default=None, description="Development only.")
    expireTime: int = Field(description="Seconds a code stays valid.")
    date: datetime


class Verified(BaseModel):
    userId: uuid.UUID
    email: str | None = None
    mobile: str | None = None
    isVerified: bool


class Mobile2FactorDone(BaseModel):
    sessionId: uuid.UUID
    userId: uuid.UUID
    sessionNeedsMobile2FA: bool
    accessToken: str | None
    expiresIn: int


# Every flow: 400 bad input, 403 a wrong, expired or too-early code (or none under way),
# 413 a body over the limit; the two-factor flows also 401 an ended session and 404. The
# flows keyed by an address never 404: an unknown one is answered like a known one. A
# start (it sends a code) counts against the public-route limit of verification starts.
def _flow(
    model: type[BaseModel], *, two_factor: bool = False, start: bool = False
) -> dict[str, Any]:
    statuses = (400, 403, 413, *((401, 404) if two_factor else ()), *((429,) if start else ()))
    out = described(A.PUBLIC, *statuses, model=model)
    if start:
        out["dependencies"] = [limited(RouteClass.VERIFICATION)]
    return out


class MobileResetComplete(Input):
    """The seed completes a mobile reset with the email; staykit also accepts the mobile."""

    email: Email | None = None
    mobile: str | None = Field(default=None, pattern=r"^\+?[0-9 ()-]{6,20}$")
    secret_code: str = Field(min_length=1, max_length=12)
    password: Password


@router.post(
    "/email-verification/start",
    summary="emailVerificationStart",
    **_flow(EmailCodeSent, start=True),
)
async def email_verification_start(ctx: Context, body: EmailStart) -> JSONResponse:
    return JSONResponse(
        await v.start_email_verification(ctx.session, ctx.settings, str(body.email))
    )


@router.post(
    "/email-verification/complete",
    summary="emailVerificationComplete",
    **_flow(Verified),
)
async def email_verification_complete(ctx: Context, body: CodeComplete) -> JSONResponse:
    return JSONResponse(
        await v.complete_email_verification(
            ctx.session, ctx.settings, str(body.email), body.secret_code
        )
    )


@router.post(
    "/mobile-verification/start",
    summary="mobileVerificationStart",
    **_flow(EmailCodeSent, start=True),
)
async def mobile_verification_start(ctx: Context, body: EmailStart) -> JSONResponse:
    return JSONResponse(
        await v.start_mobile_verification(ctx.session, ctx.settings, str(body.email))
    )


@router.post(
    "/mobile-verification/complete",
    summary="mobileVerificationComplete",
    **_flow(Verified),
)
async def mobile_verification_complete(ctx: Context, body: CodeComplete) -> JSONResponse:
    return JSONResponse(
        await v.complete_mobile_verification(
            ctx.session, ctx.settings, str(body.email), body.secret_code
        )
    )


@router.post(
    "/email-2factor-verification/start",
    summary="email2FactorStart",
    **_flow(CodeSent, two_factor=True, start=True),
)
async def email_2fa_start(ctx: Context, body: TwoFactorStart) -> JSONResponse:
    return JSONResponse(
        await v.start_email_2fa(ctx.session, ctx.settings, body.user_id, body.session_id)
    )


@router.post(
    "/email-2factor-verification/complete",
    summary="email2FactorComplete",
    **_flow(SessionObject, two_factor=True),
)
async def email_2fa_complete(ctx: Context, body: TwoFactorComplete) -> JSONResponse:
    return JSONResponse(
        await v.complete_email_2fa(
            ctx.session, ctx.settings, body.user_id, body.session_id, body.secret_code
        )
    )


@router.post(
    "/mobile-2factor-verification/start",
    summary="mobile2FactorStart",
    **_flow(CodeSent, two_factor=True, start=True),
)
async def mobile_2fa_start(ctx: Context, body: TwoFactorStart) -> JSONResponse:
    return JSONResponse(
        await v.start_mobile_2fa(ctx.session, ctx.settings, body.user_id, body.session_id)
    )


@router.post(
    "/mobile-2factor-verification/complete",
    summary="mobile2FactorComplete",
    **_flow(Mobile2FactorDone, two_factor=True),
)
async def mobile_2fa_complete(ctx: Context, body: TwoFactorComplete) -> JSONResponse:
    return JSONResponse(
        await v.complete_mobile_2fa(
            ctx.session, ctx.settings, body.user_id, body.session_id, body.secret_code
        )
    )


@router.post(
    "/password-reset-by-email/start",
    summary="passwordResetByEmailStart",
    **_flow(EmailCodeSent, start=True),
)
async def password_reset_email_start(ctx: Context, body: EmailStart) -> JSONResponse:
    return JSONResponse(
        await v.start_password_reset_by_email(ctx.session, ctx.settings, str(body.email))
    )


@router.post(
    "/password-reset-by-email/complete",
    summary="passwordResetByEmailComplete",
    **_flow(Verified),
)
async def password_reset_email_complete(ctx: Context, body: PasswordResetComplete) -> JSONResponse:
    return JSONResponse(
        await v.complete_password_reset_by_email(
            ctx.session, ctx.settings, str(body.email), body.secret_code, body.password
        )
    )


@router.post(
    "/password-reset-by-mobile/start",
    summary="passwordResetByMobileStart",
    **_flow(MobileCodeSent, start=True),
)
async def password_reset_mobile_start(ctx: Context, body: MobileStart) -> JSONResponse:
    return JSONResponse(
        await v.start_password_reset_by_mobile(ctx.session, ctx.settings, body.mobile)
    )


@router.post(
    "/password-reset-by-mobile/complete",
    summary="passwordResetByMobileComplete",
    **_flow(Verified),
)
async def password_reset_mobile_complete(ctx: Context, body: MobileResetComplete) -> JSONResponse:
    return JSONResponse(
        await v.complete_password_reset_by_mobile(
            ctx.session,
            ctx.settings,
            email=str(body.email) if body.email else None,
            mobile=body.mobile,
            code=body.secret_code,
            password=body.password,
        )
    )
