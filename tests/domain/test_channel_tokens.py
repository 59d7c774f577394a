"""Channel API credentials (staykit.domain.partners.channel): invite codes, setup, refresh,
deletion, idle limits, IP whitelists and read-only long-life tokens."""

from __future__ import annotations

import asyncio
import uuid

import pytest
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from staykit.core.clock import utcnow
from staykit.core.errors import Forbidden, InvalidInput, NotFound, Unauthenticated
from staykit.domain.access.principal import Credential
from staykit.domain.access.scopes import Scope
from staykit.domain.partners import channel, credentials, touches
from staykit.domain.partners.models import Grant, Secret
from staykit.domain.partners.secrets import digest
from staykit.domain.tenancy.service import ensure_business
from tests.factories import Person, actor_of, add_member, frozen_clock, make_user, partner_principal

HERE = "127.0.0.1"


async def _business(db: AsyncSession) -> tuple[Person, uuid.UUID]:
    host = await make_user(db)
    business = await ensure_business(db, actor_of(host))
    await db.commit()
    return host, business.id


async def _invite(db: AsyncSession, scopes: tuple[str, ...] = ("all:bookings",), **kw: object):  # type: ignore[no-untyped-def]
    host, business_id = await _business(db)
    grant, code = await channel.create_invite(db, actor_of(host), business_id, scopes, **kw)  # type: ignore[arg-type]
    await db.commit()
    return host, business_id, grant, code


async def test_invite_setup_refresh_and_use(db: AsyncSession) -> None:
    _, business_id, grant, code = await _invite(
        db, ("read:bookings", "all:inventory"), device_name="front desk", allow_linked=True
    )
    assert code.startswith("stk_ic_") and 152 <= len(code) <= 172
    assert grant.kind == "channel" and grant.allow_linked
    issued = await channel.setup(db, code, device_name="pms-1", ip=HERE)
    assert issued.expires_in == 86_400 and issued.business_id == business_id
    assert 152 <= len(issued.token) <= 172 and 152 <= len(issued.refresh_token) <= 172
    principal = await credentials.resolve(db, issued.token, surface="channel", ip=HERE)
    assert principal.credential is Credential.CHANNEL_TOKEN
    assert principal.businesses == frozenset({business_id})
    assert Scope.WRITE_INVENTORY in (principal.scopes or ()) and Scope.WRITE_BOOKINGS not in (
        principal.scopes or ()
    )
    again = await channel.refresh(db, issued.refresh_token, ip=HERE)
    assert again.token != issued.token
    # The refresh token does not rotate: it keeps working, and the first token too.
    await channel.refresh(db, issued.refresh_token, ip=HERE)
    await credentials.resolve(db, issued.token, surface="channel", ip=HERE)
    facts = await channel.token_facts(db, principal)
    assert facts is not None and facts.device_name == "pms-1" and facts.allow_linked
    # Only digests are stored.
    hashes = set(await db.scalars(select(Secret.token_hash).where(Secret.grant_id == grant.id)))
    assert digest(issued.refresh_token) in hashes and issued.refresh_token not in hashes


async def test_a_code_is_used_once(db: AsyncSession) -> None:
    *_, code = await _invite(db)
    await channel.setup(db, code)
    with pytest.raises(InvalidInput) as used:
        await channel.setup(db, code)
    assert used.value.code == "codeUsed" and used.value.field == "code"
    with pytest.raises(InvalidInput) as unknown:
        await channel.setup(db, code + "x")
    assert unknown.value.code == "codeInvalid"


async def test_an_invite_expires_after_24_hours(db: AsyncSession) -> None:
    with frozen_clock(utcnow()) as clock:
        *_, code = await _invite(db)
        clock.advance(hours=24, seconds=1)
        with pytest.raises(InvalidInput) as expired:
            await channel.setup(db, code)
    assert expired.value.code == "codeExpired"


async def test_only_a_person_managing_the_business_invites(db: AsyncSession) -> None:
    host, business_id = await _business(db)
    staff = await make_user(db)
    await add_member(db, business_id, staff, "staff")
    with pytest.raises(NotFound):
        await channel.create_invite(db, actor_of(staff), business_id, ["read:bookings"])
    with pytest.raises(Forbidden):
        await channel.create_invite(
            db, partner_principal(host, businesses=[business_id]), business_id, ["read:bookings"]
        )
    manager = await make_user(db)
    await add_member(db, business_id, manager, "manager")
    _, code = await channel.create_invite(db, actor_of(manager), business_id, ["read:bookings"])
    assert code


@pytest.mark.parametrize(
    ("scopes", "code"),
    [
        (["read:messages"], "scopeIsUnknown"),  # not a Channel API category
        (["guest_communication"], "scopeIsUnknown"),
        (["read:nothing"], "scopeIsUnknown"),
        ([], "scopesAreEmpty"),
    ],
)
async def test_invite_scopes_are_channel_api_scopes(
    db: AsyncSession, scopes: list[str], code: str
) -> None:
    host, business_id = await _business(db)
    with pytest.raises(InvalidInput) as bad:
        await channel.create_invite(db, actor_of(host), business_id, scopes)
    assert bad.value.code == code and bad.value.field == "scopes"


async def test_bad_whitelist_entry_is_named(db: AsyncSession) -> None:
    host, business_id = await _business(db)
    with pytest.raises(InvalidInput) as bad:
        await channel.create_invite(
            db, actor_of(host), business_id, ["read:bookings"], ip_whitelist=["10.0.0.1", "x"]
        )
    assert bad.value.field == "ipWhitelist[1]"


async def test_whitelist_holds_at_setup_refresh_and_use(db: AsyncSession) -> None:
    *_, code = await _invite(db, ip_whitelist=["10.1.0.0/16"])
    with pytest.raises(InvalidInput) as outside:
        await channel.setup(db, code, ip=HERE)
    assert outside.value.code == "ipNotWhitelisted"
    issued = await channel.setup(db, code, ip="10.1.2.3")
    with pytest.raises(InvalidInput):
        await channel.refresh(db, issued.refresh_token, ip=HERE)
    await channel.refresh(db, issued.refresh_token, ip="10.1.9.9")
    with pytest.raises(Unauthenticated) as use:
        await credentials.resolve(db, issued.token, surface="channel", ip=HERE)
    assert use.value.code == "ipNotWhitelisted"


async def test_refresh_token_dies_after_30_idle_days_and_lives_while_used(
    db: AsyncSession,
) -> None:
    with frozen_clock(utcnow()) as clock:
        *_, code = await _invite(db)
        issued = await channel.setup(db, code)
        clock.advance(days=29)
        await channel.refresh(db, issued.refresh_token)  # used: 30 more days
        clock.advance(days=29)
        await channel.refresh(db, issued.refresh_token)
        clock.advance(days=31)
        with pytest.raises(InvalidInput) as idle:
            await channel.refresh(db, issued.refresh_token)
    assert idle.value.code == "refreshTokenExpired"


async def test_deleting_a_refresh_token_ends_its_tokens_only(db: AsyncSession) -> None:
    *_, code = await _invite(db)
    mine = await channel.setup(db, code)
    second = await channel.refresh(db, mine.refresh_token)
    *_, other_code = await _invite(db)
    other = await channel.setup(db, other_code)
    await channel.delete_refresh_token(db, mine.refresh_token)
    for value in (mine.token, second.token):
        with pytest.raises(Unauthenticated):
            await credentials.resolve(db, value, surface="channel")
    with pytest.raises(InvalidInput) as after:
        await channel.refresh(db, mine.refresh_token)
    assert after.value.code == "refreshTokenRevoked"
    await credentials.resolve(db, other.token, surface="channel")
    await channel.refresh(db, other.refresh_token)


async def test_deleting_an_unknown_refresh_token_touches_nothing(db: AsyncSession) -> None:
    *_, code = await _invite(db)
    issued = await channel.setup(db, code)
    with pytest.raises(InvalidInput) as unknown:
        await channel.delete_refresh_token(db, issued.refresh_token[:-1] + "?")
    assert unknown.value.code == "refreshTokenInvalid"
    await credentials.resolve(db, issued.token, surface="channel")


async def test_deleting_the_token_sent(db: AsyncSession) -> None:
    host, *_, code = await _invite(db)
    issued = await channel.setup(db, code)
    principal = await credentials.resolve(db, issued.token, surface="channel")
    await channel.delete_token(db, principal)
    with pytest.raises(Unauthenticated):
        await credentials.resolve(db, issued.token, surface="channel")
    await channel.refresh(db, issued.refresh_token)  # the refresh token lives on
    with pytest.raises(InvalidInput):
        await channel.delete_token(db, actor_of(host))


async def test_long_life_tokens_are_read_only(db: AsyncSession) -> None:
    host, business_id = await _business(db)
    for scope in ("write:bookings", "delete:inventory", "all:properties"):
        with pytest.raises(InvalidInput) as refused:
            await channel.create_long_life_token(db, actor_of(host), business_id, [scope])
        assert refused.value.code == "scopeNotReadOnly" and scope in refused.value.message
    grant, value = await channel.create_long_life_token(
        db, actor_of(host), business_id, ["read:bookings", "read:inventory"], label="reports"
    )
    assert grant.kind == "longlife" and value.startswith("stk_ll_")
    principal = await credentials.resolve(db, value, surface="channel")
    assert principal.scopes == {Scope.READ_BOOKINGS, Scope.READ_INVENTORY}


async def test_long_life_token_dies_after_90_idle_days(db: AsyncSession) -> None:
    host, business_id = await _business(db)
    with frozen_clock(utcnow()) as clock:
        _, value = await channel.create_long_life_token(
            db, actor_of(host), business_id, ["read:bookings"]
        )
        await db.commit()
        clock.advance(days=89)
        await credentials.resolve(db, value, surface="channel")
        await touches.flush(db)  # the app writes noted uses every minute
        clock.advance(days=89)
        await credentials.resolve(db, value, surface="channel")  # used: lives on
        await touches.flush(db)
        clock.advance(days=91)
        with pytest.raises(Unauthenticated) as idle:
            await credentials.resolve(db, value, surface="channel")
    assert idle.value.code == "tokenExpired"


async def test_concurrent_setups_with_one_code_exactly_one_wins(
    committed_factory: async_sessionmaker[AsyncSession],
) -> None:
    async with committed_factory() as db:
        *_, grant, code = await _invite(db)
        grant_id = grant.id

    async def attempt() -> str:
        async with committed_factory() as session:
            try:
                issued = await channel.setup(session, code)
                await asyncio.sleep(0.05)  # hold the row lock while the other waits
                await session.commit()
                return issued.token
            except InvalidInput as exc:
                await session.rollback()
                return exc.code

    outcomes = await asyncio.gather(attempt(), attempt())
    assert sorted(o if o == "codeUsed" else "won" for o in outcomes) == ["codeUsed", "won"]
    async with committed_factory() as db:
        refresh_tokens = await db.scalars(
            select(Secret).where(Secret.grant_id == grant_id, Secret.kind == "refresh")
        )
        assert len(list(refresh_tokens)) == 1
        assert (await db.get(Grant, grant_id)) is not None
