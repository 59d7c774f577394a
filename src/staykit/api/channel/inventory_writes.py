"""Channel API: /inventory writes (Beds24 API V2), scope write:inventory. POST
/inventory/rooms/calendar sets per-date values (domain/catalog/channel_calendar_write.py),
POST /inventory/fixedPrices creates, changes and deletes a room's rates
(domain/catalog/channel_fixed_prices.py). Each item is read on its own
(inventory_write_schemas.py) and answered in request order: an item that does not read is
that item's error, and the others still apply.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Body, Security

from staykit.api.channel.account import ActingAccount, acting_account
from staykit.api.channel.inventory_write_schemas import (
    FixedPriceWrite,
    Items,
    PostIssue,
    PostResult,
    RoomCalendarWrite,
    fixed_price_errors,
    room_ranges,
)
from staykit.api.deps import DbSession
from staykit.core.errors import InvalidInput
from staykit.domain.catalog import channel_calendar_write, channel_fixed_prices

router = APIRouter(prefix="/inventory", tags=["Inventory"])

InventoryWriter = Annotated[ActingAccount, Security(acting_account, scopes=["write:inventory"])]

MAX_ITEMS = 10_000  # items in one write (Beds24's); the body limit (1 MiB) also applies


def _at_most(items: list[Any], limit: int) -> None:
    if len(items) > limit:
        raise InvalidInput(
            f"A write holds at most {limit} items; send the rest in another request.",
            code="tooManyItems",
            field="body",
        )


# --- calendar --------------------------------------------------------------------------------


@router.post(
    "/rooms/calendar",
    status_code=201,
    response_model=list[PostResult],
    response_model_exclude_none=True,
    summary="Modify per day calendar values.",
)
async def write_calendar(
    account: InventoryWriter,
    session: DbSession,
    body: Annotated[
        Items[RoomCalendarWrite],
        Body(
            description="Per room, date ranges [from, to] and the values to set on their dates "
            f"(at most {MAX_ITEMS} items); null removes a value.",
            openapi_examples={
                "changeValues": {
                    "summary": "Change the minStay, numAvail and a price for a date range",
                    "value": [
                        {
                            "roomId": 1234567,
                            "calendar": [
                                {
                                    "from": "2030-04-01",
                                    "to": "2030-05-01",
                                    "minStay": 3,
                                    "price1": 450,
                                    "numAvail": 1,
                                }
                            ],
                        }
                    ],
                }
            },
        ),
    ],
) -> list[PostResult]:
    """Per room item, its ranges in order; each item is written whole or not at all, with
    its own result (errors, warnings) in request order. See docs/channel-api.md for how
    each value maps onto staykit's calendar and rates."""
    sent: list[Any] = body  # the items as sent: Items leaves them to room_ranges
    _at_most(sent, MAX_ITEMS)
    parsed = [room_ranges(raw) for raw in sent]
    commands = [command for command, _, _ in parsed if command is not None]
    written = iter(
        await channel_calendar_write.apply_calendar(
            session, account.principal, account.business_ids, commands
        )
    )
    results = []
    for raw, (command, errors, warnings) in zip(sent, parsed, strict=True):
        if command is None:
            results.append(PostResult(success=False, errors=errors))
            continue
        done = next(written)
        warnings += [
            PostIssue(action="modify", field=n.field, message=n.message) for n in done.warnings
        ]
        result = PostResult(success=done.success, warnings=warnings or None)
        if done.success:
            result.modified = {"roomId": command.room_id, "calendar": raw.get("calendar", [])}
        else:
            result.errors = [
                PostIssue(action="modify", field=n.field, message=n.message) for n in done.errors
            ]
        results.append(result)
    return results


# --- fixed prices ----------------------------------------------------------------------------


@router.post(
    "/fixedPrices",
    status_code=201,
    response_model=list[PostResult],
    response_model_exclude_none=True,
    summary="Create or modify fixed prices",
)
async def write_fixed_prices(
    account: InventoryWriter,
    session: DbSession,
    body: Annotated[
        Items[FixedPriceWrite],
        Body(
            description="Fixed prices as GET /inventory/fixedPrices answers them (at most "
            f"{channel_fixed_prices.MAX_ITEMS} items): without `id` a new one (a new rate of "
            "roomId), with `id` a change to it, with only `id` its deletion.",
            openapi_examples={
                "create": {
                    "summary": "A new fixed price in a free offer of a room",
                    "value": [
                        {
                            "roomId": 1234567,
                            "name": "Non refundable",
                            "roomPrice": 89,
                            "extraPersonPrice": 10,
                        }
                    ],
                },
                "modifyAndDelete": {
                    "summary": "Change one fixed price's price, delete another",
                    "value": [{"id": 1001, "roomPrice": 95.5}, {"id": 1002}],
                },
            },
        ),
    ],
) -> list[PostResult]:
    """Per item, in request order, its own result: `new` (id, roomId, offerId) for a
    created fixed price, `modified` (id and the fields changed) otherwise; errors mean
    nothing of that item was written. See docs/channel-api.md for how each field maps onto
    staykit's rates and which ones are refused or ignored."""
    sent: list[Any] = body  # the items as sent: Items leaves them to fixed_price_errors
    _at_most(sent, channel_fixed_prices.MAX_ITEMS)
    unread = [fixed_price_errors(raw) for raw in sent]
    # The items that read go to the domain as sent: its checks (and the values a result
    # echoes) are on the client's own values.
    outcomes = iter(
        await channel_fixed_prices.save_fixed_prices(
            session,
            account.principal,
            account.business_ids,
            [raw for raw, errors in zip(sent, unread, strict=True) if not errors],
        )
    )
    results = []
    for errors in unread:
        if errors:
            results.append(PostResult(success=False, errors=errors))
            continue
        o = next(outcomes)
        results.append(
            PostResult(
                success=o.success,
                new=o.new,
                modified=o.modified,
                errors=_issues(o.errors),
                warnings=_issues(o.warnings),
                info=_issues(o.info),
            )
        )
    return results


def _issues(found: list[channel_fixed_prices.Issue]) -> list[PostIssue] | None:
    return [PostIssue(action=i.action, field=i.field, message=i.message) for i in found] or None
