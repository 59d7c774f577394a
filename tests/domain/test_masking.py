"""The one policy for personal and financial fields."""

from __future__ import annotations

import uuid

from staykit.domain.access.masking import sees_financial, sees_personal
from staykit.domain.access.principal import Credential, Principal
from staykit.domain.access.scopes import expand

ME, OTHER = uuid.uuid4(), uuid.uuid4()


def test_personal_fields_self_admin_and_the_other_party_of_a_stay() -> None:
    me = Principal(user_id=ME)
    assert sees_personal(me, ME)
    assert not sees_personal(me, OTHER)
    assert sees_personal(me, OTHER, shares_a_stay=True)
    assert sees_personal(Principal(user_id=ME, role_id="admin"), OTHER)
    assert not sees_personal(None, OTHER, shares_a_stay=True)


def test_partner_credentials_need_the_personal_scope() -> None:
    without = Principal(
        user_id=ME, credential=Credential.OAUTH_TOKEN, scopes=expand(["read:bookings"])
    )
    assert not sees_personal(without, OTHER, shares_a_stay=True)
    assert not sees_personal(without, ME)
    with_scope = Principal(
        user_id=ME, credential=Credential.OAUTH_TOKEN, scopes=expand(["guest_communication"])
    )
    assert sees_personal(with_scope, OTHER, shares_a_stay=True)
    # an admin's partner token is no admin
    admin_token = Principal(
        user_id=ME,
        role_id="admin",
        credential=Credential.TENANT_TOKEN,
        scopes=expand(["read:bookings-personal"]),
    )
    assert not sees_personal(admin_token, OTHER)


def test_financial_fields_need_a_party_and_for_partners_the_scope() -> None:
    assert sees_financial(Principal(user_id=ME), party_to_the_stay=True)
    assert not sees_financial(Principal(user_id=ME), party_to_the_stay=False)
    assert sees_financial(Principal(user_id=ME, role_id="superAdmin"), party_to_the_stay=False)
    partner = Principal(user_id=ME, credential=Credential.API_KEY, scopes=expand(["read:bookings"]))
    assert not sees_financial(partner, party_to_the_stay=True)
    partner = Principal(
        user_id=ME, credential=Credential.API_KEY, scopes=expand(["revenue_management"])
    )
    assert sees_financial(partner, party_to_the_stay=True)
