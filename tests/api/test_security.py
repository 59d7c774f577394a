"""The one scope check every surface uses: a partner credential lacking a scope gets 403
naming it; first-party sessions are never limited by scope."""

from __future__ import annotations

import uuid

import pytest
from fastapi.security import SecurityScopes

from staykit.api.security import check_scopes
from staykit.core.errors import Forbidden
from staykit.domain.access.principal import Credential, Principal
from staykit.domain.access.scopes import expand


def test_partner_token_without_the_scope_is_refused_naming_it() -> None:
    p = Principal(
        user_id=uuid.uuid4(),
        credential=Credential.TENANT_TOKEN,
        scopes=expand(["read:inventory"]),
    )
    check_scopes(p, SecurityScopes(["read:inventory"]))
    with pytest.raises(Forbidden) as err:
        check_scopes(p, SecurityScopes(["read:inventory", "read:bookings"]))
    assert "read:bookings" in err.value.message
    assert err.value.code == "insufficientScope"


def test_session_is_unrestricted_by_scope() -> None:
    p = Principal(user_id=uuid.uuid4())
    check_scopes(p, SecurityScopes(["delete:properties", "write:bookings-financial"]))


def test_all_scope_and_bundle_cover_their_parts() -> None:
    p = Principal(
        user_id=uuid.uuid4(),
        credential=Credential.OAUTH_TOKEN,
        scopes=expand(["all:bookings", "revenue_management"]),
    )
    check_scopes(p, SecurityScopes(["delete:bookings", "write:inventory"]))
    with pytest.raises(Forbidden):
        check_scopes(p, SecurityScopes(["write:messages"]))
