"""Channel API: /accounts (the businesses a token covers) and /organizations/users (their
members)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Body, Query, Request, Security

from staykit.api.channel.account import ActingAccount, acting_account
from staykit.api.channel.account_schemas import (
    AccountItem,
    AccountUsage,
    OrganizationProperty,
    OrganizationRoomType,
    OrganizationUser,
    PostResult,
)
from staykit.api.channel.listing import ListAnswer, Page, answer
from staykit.api.deps import DbSession
from staykit.core.errors import InvalidInput
from staykit.domain.channels import accounts as views

router = APIRouter()

LANGUAGES = frozenset(
    "all en ar bg ca cs da de el es et fi fr hr he hu id is it ja ko lt mn my nl no pl pt "
    "ro ru sk sl sr sv th tr vi zh zt".split()
)
MAX_ITEMS = 10_000

CREATE_REFUSED = (
    "Accounts cannot be created through the Channel API: staykit businesses have no "
    "sub-accounts, and a new business belongs to the person who signs up for it, not to a "
    "token acting for another business."
)
MODIFY_REFUSED = (
    "Account settings cannot be changed through the Channel API: the business's owner "
    "changes them in staykit."
)


def _languages(values: list[str] | None) -> list[str]:
    """includeLanguages, repeated or comma-separated; each one of the document's codes."""
    found = [v.strip() for value in values or [] for v in value.split(",") if v.strip()]
    for value in found:
        if value not in LANGUAGES:
            raise InvalidInput(
                f"includeLanguages: {value!r} is not a language code (en, de, ... or all).",
                code="invalidLanguage",
                field="includeLanguages",
            )
    return found


def _account(view: views.AccountView, *, sub_accounts: bool) -> dict[str, Any]:
    item: dict[str, Any] = {"id": view.id, "name": view.name}
    if view.usage is not None:
        links = view.usage.channel_links
        item["usage"] = AccountUsage(
            numProperties=view.usage.properties,
            numRooms=view.usage.rooms,
            numRoomTypes=view.usage.room_types,
            numActivities=0,
            numLinks=sum(links.values()),
            channelLinks=links,
        )
    if sub_accounts:
        item["subAccounts"] = []
    return item


@router.get(
    "/accounts",
    response_model=ListAnswer[AccountItem],
    response_model_exclude_unset=True,
    tags=["Accounts"],
    summary="Alpha - Get accounts",
)
async def get_accounts(
    account: Annotated[ActingAccount, Security(acting_account, scopes=["read:accounts"])],
    request: Request,
    session: DbSession,
    page: Page,
    include_sub_accounts: Annotated[
        bool,
        Query(
            alias="includeSubAccounts",
            description="Add subAccounts (always empty: businesses are flat).",
        ),
    ] = False,
    include_usage: Annotated[
        bool,
        Query(alias="includeUsage", description="Add each account's properties, rooms, links."),
    ] = False,
    include_languages: Annotated[
        list[str] | None,
        Query(
            alias="includeLanguages",
            description="Accepted and checked; accounts carry no per-language texts.",
        ),
    ] = None,
) -> dict[str, Any]:
    """The businesses the token covers, by id. Businesses are flat: no sub-accounts."""
    _languages(include_languages)
    rows = await views.accounts(
        session,
        account.business_ids,
        offset=page.offset,
        limit=page.fetch,
        include_usage=include_usage,
    )
    items = [_account(v, sub_accounts=include_sub_accounts) for v in rows]
    return answer(request, "account", items, page)


@router.post(
    "/accounts",
    response_model=list[PostResult],
    response_model_exclude_none=True,
    status_code=201,
    tags=["Accounts"],
    summary="Alpha - Create or modify accounts",
)
async def post_accounts(
    account: Annotated[ActingAccount, Security(acting_account, scopes=["write:accounts"])],
    items: Annotated[
        list[dict[str, Any]],
        Body(description="Accounts to create (no id) or modify (with id)."),
    ],
) -> list[PostResult]:
    """Refused item by item, in order: staykit creates no sub-accounts and changes no
    account settings through the Channel API (see docs/channel-api.md)."""
    if len(items) > MAX_ITEMS:
        raise InvalidInput(
            f"At most {MAX_ITEMS} items per request.", code="tooManyItems", field="body"
        )
    return [
        PostResult(
            success=False,
            errors=[
                {"action": "modify", "field": "id", "message": MODIFY_REFUSED}
                if "id" in item
                else {"action": "create", "field": "id", "message": CREATE_REFUSED}
            ],
        )
        for item in items
    ]


def _user(user: views.OrganizationUser) -> dict[str, Any]:
    item: dict[str, Any] = {
        "ownerId": user.owner_id,
        "masterId": None,
        "role": user.role,
        "properties": [
            OrganizationProperty(
                id=p.id,
                name=p.name,
                country=p.country,
                currency=p.currency,
                roomTypes=[
                    OrganizationRoomType(id=r.id, name=r.name, qty=r.qty) for r in p.room_types
                ],
            )
            for p in user.properties
        ],
    }
    if user.email is not None:
        item["email"] = user.email
    return item


@router.get(
    "/organizations/users",
    response_model=ListAnswer[OrganizationUser],
    response_model_exclude_unset=True,
    tags=["Organizations"],
    summary="Coming soon",
)
async def get_organization_users(
    account: Annotated[ActingAccount, Security(acting_account, scopes=["read:accounts"])],
    request: Request,
    session: DbSession,
    page: Page,
) -> dict[str, Any]:
    """The members of the businesses the token covers, by business, owners first, with
    their role and the business's properties and rooms."""
    rows = await views.organization_users(
        session, account.principal, account.business_ids, offset=page.offset, limit=page.fetch
    )
    return answer(request, "organizationUser", [_user(u) for u in rows], page)
