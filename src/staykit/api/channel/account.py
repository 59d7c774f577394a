"""Which businesses a Channel API read or write acts on: the token's account.

Beds24 has no tenant header: a token acts for its account (and, with "allow linked
properties", the accounts linked to it). Here that is the businesses the credential
covers (a Channel API grant names them; a staykit session covers its user's businesses),
never more than its user may read today. Every data route takes `Account` with its scopes:

    account: Annotated[ActingAccount, Security(acting_account, scopes=["read:bookings"])]

and scopes every query by `account.business_ids`. Ids of other businesses simply match
nothing (GET filters) or are "not found" (writes).

A route that any one of several scopes opens (Beds24's scope for it, or staykit's own
category) takes an `AnyOfScopes` instead, and lists the alternatives in its document:

    READS = AnyOfScopes(Scope.READ_BOOKINGS_PERSONAL, Scope.READ_MESSAGES)

    @router.get(..., openapi_extra=READS.openapi)
    async def route(account: Annotated[ActingAccount, Depends(READS)]): ...
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import Annotated, Any

from fastapi import Request, Security

from staykit.api.channel.auth import caller, token_header
from staykit.api.deps import DbSession
from staykit.api.security import check_any_scope
from staykit.domain.access.principal import Principal
from staykit.domain.access.scopes import Scope
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


class AnyOfScopes:
    """Dependency: the acting account, when its credential holds at least one of the
    alternatives (else the usual 403, naming them)."""

    def __init__(self, *alternatives: Scope) -> None:
        self.alternatives = tuple(s.value for s in alternatives)

    async def __call__(self, account: Account) -> ActingAccount:
        check_any_scope(account.principal, self.alternatives)
        return account

    @property
    def openapi(self) -> dict[str, Any]:
        """The route's `openapi_extra`: each alternative as a security requirement of its
        own (OpenAPI's "any of these")."""
        name = token_header.scheme_name
        return {"security": [{name: [scope]} for scope in self.alternatives]}
