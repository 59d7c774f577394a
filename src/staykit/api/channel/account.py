"""Which businesses a Channel API read or write acts on: the token's account.

Beds24 has no tenant header: a token acts for its account (and, with "allow linked
properties", the accounts linked to it). Here that is the businesses the credential
covers (a Channel API grant names them; a staykit session covers its user's businesses),
never more than its user may read today. Every data route takes `Account` with its scopes:

    account: Annotated[ActingAccount, Security(acting_account, scopes=["read:bookings"])]

and scopes every query by `account.business_ids`. Ids of other businesses simply match
nothing (GET filters) or are "not found" (writes).
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import Annotated

from fastapi import Request, Security

from staykit.api.channel.auth import caller
from staykit.api.deps import DbSession
from staykit.domain.access.principal import Principal
from staykit.domain.tenancy import service as tenancy


@dataclass(frozen=True)
class ActingAccount:
    principal: Principal
    business_ids: frozenset[uuid.UUID]


async def acting_account(
    request: Request,
    session: DbSession,
    principal: Annotated[Principal, Security(caller)],
) -> ActingAccount:
    covered = frozenset(t.id for t in await tenancy.tenants_of(session, principal))
    return ActingAccount(principal, covered)


Account = Annotated[ActingAccount, Security(acting_account)]
