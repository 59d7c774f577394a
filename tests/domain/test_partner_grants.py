"""Partner grants and secrets (staykit.domain.partners): issuing, resolving a token to a
principal, and every way a token stops working (revoked, expired, idle, whitelist, user
gone); manual tenant tokens; OAuth clients."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from staykit.core.errors import Forbidden, InvalidInput, NotFound, Unauthenticated
from staykit.domain.access.principal import Credential
from staykit.domain.access.scopes import Scope
from staykit.domain.auth.models import User
from staykit.domain.partners import clients, credentials, grants, touches
from staykit.domain.partners.models import Secret
from staykit.domain.partners.secrets import Kind, digest, kind_of, new_value
from staykit.domain.tenancy.service import ensure_business
from tests.factories import (
    actor_of,
    add_member,
    frozen_clock,
    make_user,
    partner_principal,
    partner_token,
)


def test_values_are_prefixed_random_and_channel_sized() -> None:
    a, b = new_value(Kind.OAUTH_ACCESS), new_value(Kind.OAUTH_ACCESS)
    assert a != b and a.startswith("stk_at_") and len(a) == 7 + 43
    channel = new_value(Kind.CHANNEL_TOKEN)
    assert 152 <= len(channel) <= 172  # Beds24's documented size
    assert kind_of(channel) is Kind.CHANNEL_TOKEN and kind_of("eyJhbGciOi") is None
    assert digest(a) != a and len(digest(a)) == 64


async def _tenant_token(db: AsyncSession, scopes: list[str] | None = None):  # type: ignore[no-untyped-def]
    host = await make_user(db)
    business = await ensure_business(db, actor_of(host))
    grant, value = await grants.create_tenant_token(
        db, actor_of(host), business.id, scopes or ["read:bookings", "all:inventory"]
    )
    await db.commit()
    return host, business, grant, value


async def test_a_tenant_token_resolves_to_its_business_and_scopes(db: AsyncSession) -> None:
    host, business, grant, value = await _tenant_token(db)
    principal = await credentials.resolve(db, value, surface="cloud")
    assert principal.user_id == host.user.id
    assert principal.credential is Credential.TENANT_TOKEN
    assert principal.businesses == frozenset({business.id})
    assert principal.scopes == {
        Scope.READ_BOOKINGS,
        Scope.READ_INVENTORY,
        Scope.WRITE_INVENTORY,
        Scope.DELETE_INVENTORY,
    }
    assert principal.surface == "cloud" and not principal.first_party and not principal.is_admin
    # Only the hash is stored.
    stored = await db.scalar(select(Secret.token_hash).where(Secret.grant_id == grant.id))
    assert stored == digest(value) and value not in stored


async def test_unknown_and_revoked_tokens_are_refused(db: AsyncSession) -> None:
    host, business, grant, value = await _tenant_token(db)
    with pytest.raises(Unauthenticated) as unknown:
        await credentials.resolve(db, value + "x", surface="cloud")
    assert unknown.value.code == "tokenInvalid"
    await grants.revoke_for(db, actor_of(host), business.id, grant.id)
    await db.commit()
    with pytest.raises(Unauthenticated) as revoked:
        await credentials.resolve(db, value, surface="cloud")
    assert revoked.value.code == "tokenRevoked"


async def test_a_token_dies_with_its_users_account(db: AsyncSession) -> None:
    host, _, _, value = await _tenant_token(db)
    user = await db.get(User, host.user.id)
    assert user is not None
    user.is_active = False
    await db.commit()
    with pytest.raises(Unauthenticated):
        await credentials.resolve(db, value, surface="cloud")


async def test_expiry_idle_limit_and_touches(db: AsyncSession) -> None:
    made = await partner_token(db, kind="longlife", idle=timedelta(days=90))
    secret, value = made.secret, made.value
    _short, short_value = await grants.issue(
        db, made.grant, "access", Kind.CHANNEL_TOKEN, ttl=timedelta(hours=24)
    )
    await db.commit()
    start = secret.created_at
    with frozen_clock(start + timedelta(days=89)):
        principal = await credentials.resolve(db, value, surface="channel")
        assert principal.credential is Credential.CHANNEL_TOKEN
        assert touches.pending() >= 1
        assert await touches.flush(db) >= 1
        await db.commit()
        with pytest.raises(Unauthenticated) as expired:
            await credentials.resolve(db, short_value, surface="channel")
        assert expired.value.code == "tokenExpired"
    await db.refresh(secret)
    assert secret.last_used_at is not None
    # Used on day 89: the 90 idle days count from then.
    with frozen_clock(start + timedelta(days=89 + 89)):
        await credentials.resolve(db, value, surface="channel")
    with frozen_clock(start + timedelta(days=89 + 91)), pytest.raises(Unauthenticated):
        await credentials.resolve(db, value, surface="channel")


async def test_the_ip_whitelist_is_enforced(db: AsyncSession) -> None:
    whitelist = grants.check_whitelist(["10.0.0.0/8", "192.0.2.7"])
    value = (await partner_token(db, kind="channel", ip_whitelist=whitelist)).value
    await credentials.resolve(db, value, surface="channel", ip="10.1.2.3")
    await credentials.resolve(db, value, surface="channel", ip="192.0.2.7")
    for outside in ("192.0.2.8", None, "not-an-ip"):
        with pytest.raises(Unauthenticated) as refused:
            await credentials.resolve(db, value, surface="channel", ip=outside)
        assert refused.value.code == "ipNotWhitelisted"
    with pytest.raises(InvalidInput) as bad:
        grants.check_whitelist(["10.0.0.1", "nope"])
    assert bad.value.field == "ipWhitelist[1]"


async def test_only_a_person_who_manages_the_business_makes_tokens(db: AsyncSession) -> None:
    host, business, _, _ = await _tenant_token(db)
    staff, stranger = await make_user(db), await make_user(db)
    await add_member(db, business.id, staff, "staff")
    for who in (staff, stranger):
        with pytest.raises(NotFound):
            await grants.create_tenant_token(db, actor_of(who), business.id, ["read:bookings"])
    # A partner token, even the host's own, never mints another.
    with pytest.raises(Forbidden):
        await grants.create_tenant_token(
            db, partner_principal(host, businesses=[business.id]), business.id, ["read:bookings"]
        )
    with pytest.raises(InvalidInput) as unknown:
        await grants.create_tenant_token(db, actor_of(host), business.id, ["read:everything"])
    assert unknown.value.field == "scopes"
    with pytest.raises(InvalidInput):
        await grants.create_tenant_token(db, actor_of(host), business.id, ["offline_access"])


async def test_the_portal_lists_and_revokes_only_its_business_grants(db: AsyncSession) -> None:
    host, business, grant, _ = await _tenant_token(db)
    _other, other_business, other_grant, _ = await _tenant_token(db)
    listed = await grants.grants_for(db, actor_of(host), business.id)
    assert [g.id for g in listed] == [grant.id]
    with pytest.raises(NotFound):  # another business's grant, named through this one
        await grants.revoke_for(db, actor_of(host), business.id, other_grant.id)
    with pytest.raises(NotFound):  # another business altogether
        await grants.grants_for(db, actor_of(host), other_business.id)


async def test_clients_store_a_hashed_secret_and_check_redirect_uris(db: AsyncSession) -> None:
    client, secret = await clients.create_client(
        db,
        name="Channel manager",
        redirect_uris=["https://cm.example/callback", "http://127.0.0.1:8765/cb"],
        scopes=["revenue_management", "offline_access"],
    )
    await db.commit()
    assert client.secret_hash == digest(secret) and secret.startswith("stk_cs_")
    assert await clients.authenticate_client(db, client.client_id, secret) is not None
    assert await clients.authenticate_client(db, client.client_id, secret + "x") is None
    assert await clients.authenticate_client(db, "stk_client_unknown", secret) is None
    for uris, field in (
        (["http://cm.example/cb"], "redirectUris[0]"),
        (["https://cm.example/cb", "https://cm.example/cb#frag"], "redirectUris[1]"),
        (["/relative"], "redirectUris[0]"),
        ([], "redirectUris"),
    ):
        with pytest.raises(InvalidInput) as bad:
            await clients.create_client(db, name="x", redirect_uris=uris, scopes=["read:bookings"])
        assert bad.value.field == field
