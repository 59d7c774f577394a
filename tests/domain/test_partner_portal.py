"""The account portal's view of a business's access (staykit.domain.partners.portal): every
kind of grant in force, nothing revoked, used up or belonging to another business, and no
secret value anywhere in it."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy.ext.asyncio import AsyncSession

from staykit.core.errors import InvalidInput, NotFound
from staykit.domain.access.principal import Credential
from staykit.domain.partners import clients, credentials, grants, portal
from staykit.domain.partners.secrets import Kind
from staykit.domain.tenancy.service import ensure_business
from tests.factories import actor_of, add_member, frozen_clock, make_user


async def test_the_overview_lists_each_kind_in_force(db: AsyncSession) -> None:
    host = await make_user(db)
    me = actor_of(host)
    business = await ensure_business(db, me)
    client, _ = await clients.create_client(
        db, name="Channel manager", redirect_uris=["https://cm.example/cb"], scopes=["all:bookings"]
    )
    oauth = await grants.create_grant(
        db,
        kind="oauth",
        user_id=host.user.id,
        business_ids=[business.id],
        scopes=["read:bookings"],
        client_id=client.client_id,
    )
    await grants.issue(db, oauth, "access", Kind.OAUTH_ACCESS, ttl=timedelta(hours=1))
    tenant, _ = await grants.create_tenant_token(
        db, me, business.id, ["read:bookings"], label="ops"
    )
    revoked, _ = await grants.create_tenant_token(db, me, business.id, ["read:bookings"])
    await grants.revoke_grant(db, revoked.id)
    key, key_value = await portal.create_api_key(db, me, business.id, ["all:inventory"])
    invite = await grants.create_grant(
        db,
        kind="channel",
        user_id=host.user.id,
        business_ids=[business.id],
        scopes=["read:bookings"],
        ip_whitelist=["10.0.0.0/8"],
        allow_linked=True,
    )
    await grants.issue(db, invite, "invite", Kind.INVITE_CODE, ttl=timedelta(hours=24))
    # A code-only OAuth grant whose code expired leaves nothing usable: not listed.
    stale = await grants.create_grant(
        db, kind="oauth", user_id=host.user.id, business_ids=[business.id], scopes=["read:bookings"]
    )
    await grants.issue(db, stale, "code", Kind.OAUTH_CODE, ttl=timedelta(minutes=10))
    # Another business's token is not this business's concern.
    other = await make_user(db)
    other_business = await ensure_business(db, actor_of(other))
    await grants.create_tenant_token(db, actor_of(other), other_business.id, ["read:bookings"])
    await db.commit()

    with frozen_clock(oauth.created_at + timedelta(minutes=30)):
        seen = await portal.overview(db, me, business.id)
    assert [a.id for a in seen.oauth] == [oauth.id]
    assert seen.oauth[0].client_name == "Channel manager"
    assert [a.id for a in seen.tenant_tokens] == [tenant.id]
    assert seen.tenant_tokens[0].label == "ops"
    assert [a.id for a in seen.api_keys] == [key.id]
    assert [(a.id, a.status) for a in seen.channel] == [(invite.id, "pending")]
    assert seen.channel[0].ip_whitelist == ["10.0.0.0/8"] and seen.channel[0].allow_linked
    assert seen.long_life == []
    assert key_value not in repr(seen)

    principal = await credentials.resolve(db, key_value, surface="cloud")
    assert principal.credential is Credential.API_KEY
    assert principal.businesses == frozenset({business.id})


async def test_only_managers_see_the_overview_or_make_keys(db: AsyncSession) -> None:
    host, staff = await make_user(db), await make_user(db)
    business = await ensure_business(db, actor_of(host))
    await add_member(db, business.id, staff, "staff")
    with pytest.raises(NotFound):
        await portal.overview(db, actor_of(staff), business.id)
    with pytest.raises(NotFound):
        await portal.create_api_key(db, actor_of(staff), business.id, ["read:bookings"])
    with pytest.raises(InvalidInput):
        await portal.create_api_key(db, actor_of(host), business.id, ["openid"])
