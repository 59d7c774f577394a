"""The OAuth domain's rules without HTTP: which scopes a client may ask for, codes spent
once, refresh rotation refusing escalation, introspection per client."""

from __future__ import annotations

import pytest
from sqlalchemy.ext.asyncio import AsyncSession

from staykit.core.config import Settings
from staykit.domain.partners import oauth
from staykit.domain.partners.clients import create_client
from tests.factories import make_listing, make_user


async def _client(db: AsyncSession, scopes: list[str]):  # type: ignore[no-untyped-def]
    client, _ = await create_client(
        db, name="Partner", redirect_uris=["https://p.example/cb"], scopes=scopes
    )
    return client


async def test_requested_scopes_are_known_and_deduplicated() -> None:
    assert oauth.requested_scopes("read:bookings openid read:bookings") == [
        "read:bookings",
        "openid",
    ]
    with pytest.raises(oauth.ScopeRefused) as info:
        oauth.requested_scopes("read:bookings read:everything")
    assert info.value.name == "read:everything"


async def test_a_client_asks_only_for_what_its_registration_covers(db: AsyncSession) -> None:
    client = await _client(db, ["all:inventory", "guest_communication"])
    oauth.allowed_for(client, ["read:inventory", "delete:inventory", "read:messages"])
    oauth.allowed_for(client, ["guest_communication", "openid", "profile", "email"])
    for refused in ("read:channels", "offline_access", "revenue_management", "write:bookings"):
        with pytest.raises(oauth.ScopeRefused):
            oauth.allowed_for(client, [refused])


async def test_code_is_spent_once_and_refresh_refuses_escalation(
    db: AsyncSession, settings: Settings
) -> None:
    host = await make_user(db)
    listing = await make_listing(db, host)
    business_id = listing.business_id
    client = await _client(db, ["read:bookings", "offline_access"])
    consent = oauth.Consent(
        user_id=host.user.id,
        business_ids=[listing.business_id],
        scopes=["read:bookings", "offline_access"],
        redirect_uri="https://p.example/cb",
        code_challenge="x" * 43,
        code_challenge_method="S256",
    )
    client_id = client.client_id
    code = await oauth.store_code(db, settings, client, consent)
    assert await oauth.find_code(db, code, "stk_client_other") is None
    found = await oauth.find_code(db, code, client.client_id)
    assert found is not None
    issued = await oauth.exchange_code(db, settings, found)
    assert issued.refresh_token is not None
    # Presented again: refused, and the grant (with the tokens above) revoked.
    assert await oauth.find_code(db, code, client.client_id) is None
    db.expire_all()  # the revocation was a bulk UPDATE; read the rows afresh
    assert await oauth.introspect(db, issued.access_token, client_id) == {"active": False}
    await db.refresh(client)

    code = await oauth.store_code(db, settings, client, consent)
    found = await oauth.find_code(db, code, client.client_id)
    assert found is not None
    issued = await oauth.exchange_code(db, settings, found)
    assert issued.refresh_token is not None
    live = await oauth.find_refresh(db, issued.refresh_token, client.client_id)
    assert live is not None
    with pytest.raises(oauth.ScopeRefused):
        await oauth.refresh(db, settings, live, ["read:bookings", "write:bookings"])
    info = await oauth.introspect(db, issued.access_token, client.client_id)
    assert info["active"] is True
    assert info["tenants"] == [str(business_id)]
    assert await oauth.introspect(db, issued.access_token, "stk_client_other") == {"active": False}
