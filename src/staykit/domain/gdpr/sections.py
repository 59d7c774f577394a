"""What staykit holds on a person, table by table: each section's export (the rows that
are theirs, without secrets) and its erase (the personal fields replaced by placeholders).

Kept untouched by an erase, for legal retention: the ledger, reservations' money
(prices, totals, splits, payment records, checkouts) and the audit log (append-only, the
database refuses UPDATE). Those hold ids and amounts, not names or contact details.
"""

from __future__ import annotations

from sqlalchemy import Numeric, cast, delete, func, or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from staykit.core.clock import utcnow
from staykit.domain.auth.models import (
    AuthSession,
    LoginFailure,
    User,
    UserAvatarsFile,
    VerificationCode,
)
from staykit.domain.catalog.models import ListingLocaleText, Property, Unit, UnitType
from staykit.domain.gdpr import activity as a
from staykit.domain.gdpr.activity import bump as _bump
from staykit.domain.gdpr.activity import changed as _changed
from staykit.domain.gdpr.activity import t as _t
from staykit.domain.gdpr.registry import (
    ERASED_NAME,
    ERASED_TEXT,
    Section,
    Subject,
    register,
    table_rows,
)
from staykit.domain.gdpr.reviews import erase_reviews, export_reviews
from staykit.domain.gdpr.scrub import scrub_logs
from staykit.domain.partners.models import Grant, Secret
from staykit.domain.tenancy.service import business_of

# No password scheme produces or verifies this value: the account can never sign in.
UNUSABLE_HASH = "!erased"

# --- profile and sign-in --------------------------------------------------------------------


async def export_profile(session: AsyncSession, subject: Subject) -> list[dict[str, object]]:
    return await table_rows(
        session, _t(User), _t(User).c.id == subject.user_id, omit=("password_hash",)
    )


async def erase_profile(session: AsyncSession, subject: Subject) -> int:
    users = _t(User)
    # An unusable hash (no scheme verifies it) and an inactive row: no sign-in, ever.
    return await _changed(
        session,
        update(users)
        .where(users.c.id == subject.user_id, users.c.email != subject.erased_email)
        .values(
            email=subject.erased_email,
            fullname=ERASED_NAME,
            password_hash=UNUSABLE_HASH,
            avatar=None,
            bio=None,
            mobile=None,
            mobile_verified=False,
            email_verified=False,
            preferred_language=None,
            is_active=False,
            **_bump(User),
        ),
    )


async def export_avatars(session: AsyncSession, subject: Subject) -> list[dict[str, object]]:
    t = _t(UserAvatarsFile)
    return await table_rows(
        session, t, t.c.user_id == subject.user_id, omit=("file_data", "storage_key")
    )


async def erase_avatars(session: AsyncSession, subject: Subject) -> int:
    t = _t(UserAvatarsFile)
    return await _changed(
        session,
        update(t)
        .where(t.c.user_id == subject.user_id, t.c.file_size != 0)
        .values(
            file_data=None,
            storage_key=None,
            file_size=0,
            file_name="erased",
            metadata=None,
            is_active=False,
        ),
    )


async def export_sessions(session: AsyncSession, subject: Subject) -> list[dict[str, object]]:
    t = _t(AuthSession)
    return await table_rows(session, t, t.c.user_id == subject.user_id)


async def erase_sessions(session: AsyncSession, subject: Subject) -> int:
    """Every session ends now (the auth-change trigger tells the servers' caches), and
    the verification codes and login failures go: they only throttle and verify."""
    s, codes, failures = _t(AuthSession), _t(VerificationCode), _t(LoginFailure)
    n = await _changed(session, delete(codes).where(codes.c.user_id == subject.user_id))
    n += await _changed(
        session,
        delete(failures).where(func.lower(failures.c.email) == subject.email.lower()),
    )
    n += await _changed(
        session,
        update(s)
        .where(
            s.c.user_id == subject.user_id,
            or_(s.c.revoked_at.is_(None), s.c.ip_address.is_not(None), s.c.user_agent.is_not(None)),
        )
        .values(
            revoked_at=func.coalesce(s.c.revoked_at, utcnow()), ip_address=None, user_agent=None
        ),
    )
    return n


async def export_partner_grants(session: AsyncSession, subject: Subject) -> list[dict[str, object]]:
    t = _t(Grant)
    return await table_rows(session, t, t.c.user_id == subject.user_id)


async def erase_partner_grants(session: AsyncSession, subject: Subject) -> int:
    """The person's partner grants (OAuth, tenant tokens) are revoked with their secrets."""
    grants, secrets = _t(Grant), _t(Secret)
    now = utcnow()
    theirs = select(grants.c.id).where(grants.c.user_id == subject.user_id)
    n = await _changed(
        session,
        update(secrets)
        .where(secrets.c.grant_id.in_(theirs), secrets.c.revoked_at.is_(None))
        .values(revoked_at=now),
    )
    n += await _changed(
        session,
        update(grants)
        .where(
            grants.c.user_id == subject.user_id,
            or_(grants.c.revoked_at.is_(None), grants.c.device_name.is_not(None)),
        )
        .values(revoked_at=func.coalesce(grants.c.revoked_at, now), device_name=None),
    )
    return n


# --- hosting: businesses and listings -------------------------------------------------------


async def export_businesses(session: AsyncSession, subject: Subject) -> list[dict[str, object]]:
    """The business they own (membership is the tenancy package's to read)."""
    business = await business_of(session, subject.user_id)
    if business is None:
        return []
    return [
        {
            "id": str(business.id),
            "name": business.name,
            "createdAt": business.created_at.isoformat(),
        }
    ]


ERASED_BUSINESS = "Erased host's rentals"


async def erase_businesses(session: AsyncSession, subject: Subject) -> int:
    """A business is named after its owner when made ("<name>'s rentals")."""
    business = await business_of(session, subject.user_id)
    if business is None or business.name == ERASED_BUSINESS:
        return 0
    business.name = ERASED_BUSINESS
    await session.flush()
    return 1


async def export_listings(session: AsyncSession, subject: Subject) -> list[dict[str, object]]:
    ut, p, texts = _t(UnitType), _t(Property), _t(ListingLocaleText)
    listings = await table_rows(session, ut, ut.c.host_id == subject.user_id, omit=("ical_token",))
    property_ids = [row["property_id"] for row in listings]
    listing_ids = [row["id"] for row in listings]
    properties = await table_rows(session, p, p.c.id.in_(property_ids)) if listings else []
    localized = (
        await table_rows(session, texts, texts.c.listing_id.in_(listing_ids)) if listings else []
    )
    return [{"listings": listings, "properties": properties, "localizedTexts": localized}]


async def erase_listings(session: AsyncSession, subject: Subject) -> int:
    """A host's listings leave the marketplace (unpublished) without their words, photos
    and street address; the rows stay for the reservations (and their money) on them.
    Coordinates are rounded to about a kilometre."""
    ut, p, texts = _t(UnitType), _t(Property), _t(ListingLocaleText)
    theirs = select(ut.c.id).where(ut.c.host_id == subject.user_id)
    n = await _changed(
        session,
        update(ut)
        .where(ut.c.host_id == subject.user_id, ut.c.title != "Erased listing")
        .values(
            title="Erased listing",
            description="",
            house_rules=None,
            photos=[],
            main_photo=None,
            is_published=False,
            **_bump(UnitType),
        ),
    )
    n += await _changed(
        session,
        update(texts)
        .where(texts.c.listing_id.in_(theirs), texts.c.localized_title != ERASED_TEXT)
        .values(localized_title=ERASED_TEXT, localized_description="", **_bump(ListingLocaleText)),
    )
    units = _t(Unit)
    n += await _changed(
        session,
        update(units)
        .where(units.c.unit_type_id.in_(theirs), units.c.name != "Erased listing")
        .values(name="Erased listing", **_bump(Unit)),
    )
    properties = select(ut.c.property_id).where(ut.c.host_id == subject.user_id)
    n += await _changed(
        session,
        update(p)
        .where(p.c.id.in_(properties), p.c.address != "")
        .values(
            name="Erased listing",
            address="",
            latitude=func.round(cast(p.c.latitude, Numeric), 2),
            longitude=func.round(cast(p.c.longitude, Numeric), 2),
            **_bump(Property),
        ),
    )
    return n


# --- the registry, in erase order --------------------------------------------------------------

# The logs are scrubbed first, while the messages still hold the words to look for.
register(
    Section(
        "logs",
        export=None,
        erase=scrub_logs,
        description="Events, deliveries and mails mentioning the person (erase only).",
    )
)
register(Section("profile", export_profile, erase_profile, "The account."))
register(Section("avatars", export_avatars, erase_avatars, "Uploaded pictures (described)."))
register(Section("sessions", export_sessions, erase_sessions, "Sign-ins (no tokens)."))
register(
    Section("partnerGrants", export_partner_grants, erase_partner_grants, "Apps given access.")
)
register(Section("businesses", export_businesses, erase_businesses, "Businesses owned."))
register(Section("listings", export_listings, erase_listings, "Listings hosted."))
register(
    Section(
        "reservations",
        a.export_reservations,
        a.erase_reservations,
        "Stays as guest and as host, their guests and price splits.",
    )
)
register(
    Section(
        "payments",
        a.export_payments,
        a.erase_payment_accounts,
        "Payment attempts, saved cards, customers and ledger lines (the ledger is kept).",
    )
)
register(Section("disputes", a.export_disputes, a.erase_disputes, "Disputes raised."))
register(Section("reviews", export_reviews, erase_reviews, "Reviews written and received."))
register(Section("messages", a.export_messages, a.erase_messages, "Threads and messages."))
register(Section("notifications", a.export_notifications, a.erase_notifications, "Notifications."))
register(Section("pushDevices", a.export_push_devices, a.erase_push_devices, "Push endpoints."))
register(Section("webhooks", a.export_webhooks, None, "Webhooks created (no secrets)."))
register(
    Section(
        "replays",
        export=None,
        erase=a.erase_replays,
        description="Stored idempotent answers (erase only).",
    )
)
