"""Channel API: /channels. iCal export and import settings per property and room
(/channels/settings); Airbnb and Booking.com, which no account can connect yet: each of
their operations checks the token's scope, then answers 409 "not connected". Stripe is
served by stripe.py."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any, NoReturn

from fastapi import APIRouter, Body, Query, Request, Security

from staykit.api.channel.account import ActingAccount, acting_account
from staykit.api.channel.account_schemas import PostResult
from staykit.api.channel.channel_schemas import ChannelRecord, ChannelSetting
from staykit.api.channel.listing import PAGE_SIZE, ListAnswer, PageRequest, answer
from staykit.api.deps import DbSession
from staykit.core.config import Settings
from staykit.core.errors import InvalidInput
from staykit.domain.channels import settings as channel_settings
from staykit.domain.channels.connections import require_connection
from staykit.domain.ical import channel_view

router = APIRouter()

SETTINGS_CHANNELS = ("iCalExport", "iCalImport", "airbnb", "vrbo")

Reader = Annotated[ActingAccount, Security(acting_account, scopes=["read:channels"])]
Writer = Annotated[ActingAccount, Security(acting_account, scopes=["write:channels"])]
Items = Annotated[list[dict[str, Any]], Body(description="The items, answered in order.")]


def _ints(values: list[str] | None, field: str) -> list[int]:
    """Integer ids, repeated (`id=1&id=2`) or comma-separated (`id=1,2`)."""
    found: list[int] = []
    for value in values or []:
        for part in value.split(","):
            part = part.strip()
            if not part:
                continue
            if not part.isdigit() or len(part) > 18:
                raise InvalidInput(f"{field} must be integer ids.", code="invalidId", field=field)
            found.append(int(part))
    if len(found) > PAGE_SIZE:
        raise InvalidInput(
            f"At most {PAGE_SIZE} values of {field} per request.", code="tooMany", field=field
        )
    return found


def _channels(values: list[str] | None) -> list[str] | None:
    found = [v.strip() for value in values or [] for v in value.split(",") if v.strip()]
    for value in found:
        if value not in SETTINGS_CHANNELS:
            raise InvalidInput(
                f"channel must be one of {', '.join(SETTINGS_CHANNELS)}.",
                code="invalidChannel",
                field="channel",
            )
    return found or None


def _settings_item(found: channel_settings.ChannelSettings) -> dict[str, Any]:
    return {
        "channel": found.channel,
        "properties": [
            {
                "id": p.id,
                **p.values,
                "roomTypes": [{"id": r.id, **r.values} for r in p.rooms],
            }
            for p in found.properties
        ],
    }


@router.get(
    "/channels/settings",
    response_model=ListAnswer[ChannelSetting],
    response_model_exclude_unset=True,
    tags=["Channels - settings"],
    summary="Alpha - Get channel settings",
)
async def get_channel_settings(
    account: Reader,
    request: Request,
    session: DbSession,
    property_id: Annotated[
        list[str],
        Query(alias="propertyId", description="Property ids (repeated or comma-separated)."),
    ],
    room_id: Annotated[
        list[str] | None, Query(alias="roomId", description="Only these rooms.")
    ] = None,
    channel: Annotated[
        list[str] | None,
        Query(description="iCalExport, iCalImport (airbnb and vrbo have no settings yet)."),
    ] = None,
) -> dict[str, Any]:
    """One item per channel asked (default: iCalExport and iCalImport) with each asked
    property of the token's businesses and its rooms, never-set values as their defaults.
    iCalExport rooms carry their feed URLs (and their units'), iCalImport rooms the state
    of each configured import. airbnb and vrbo are not connected: they add no item."""
    property_ids = _ints(property_id, "propertyId")
    room_ids = _ints(room_id, "roomId") if room_id else None
    settings: Settings = request.app.state.settings
    found = await channel_view.read_settings(
        session,
        account.business_ids,
        property_ids=property_ids,
        room_ids=room_ids,
        channels=_channels(channel),
        base_url=settings.public_base_url,
    )
    return answer(request, "channelSetting", [_settings_item(f) for f in found], PageRequest(1))


@router.post(
    "/channels/settings",
    response_model=list[PostResult],
    response_model_exclude_none=True,
    status_code=201,
    tags=["Channels - settings"],
    summary="Alpha - Set channel settings",
)
async def post_channel_settings(
    account: Writer, session: DbSession, items: Items
) -> list[PostResult]:
    """Each item sets one channel's settings for properties and rooms (only the fields
    given; null resets a field to its default). An item with an error changes nothing.
    A new iCalExport seed gives the property's feeds new URLs; iCalImport changes apply to
    the imports at once (a removed URL releases the nights its events held)."""
    if len(items) > channel_settings.MAX_ITEMS:
        raise InvalidInput(
            f"At most {channel_settings.MAX_ITEMS} items per request.",
            code="tooManyItems",
            field="body",
        )
    outcomes = await channel_view.save_settings(
        session, account.principal, account.business_ids, items
    )
    return [
        PostResult(
            success=o.success,
            new=o.new,
            modified=o.modified,
            errors=o.errors or None,
            warnings=o.warnings or None,
            info=o.info or None,
        )
        for o in outcomes
    ]


# --- channels no account can connect yet ------------------------------------------------------


def _not_connected(channel: str) -> NoReturn:
    require_connection(channel)


@router.get(
    "/channels/airbnb/users",
    response_model=ListAnswer[ChannelRecord],
    tags=["Channels - Airbnb"],
    summary="Beta - Get all Airbnb user ids connected to an account",
    responses={409: {"description": "Airbnb is not connected."}},
)
async def get_airbnb_users(account: Reader) -> NoReturn:
    _not_connected("airbnb")


@router.get(
    "/channels/airbnb/listings",
    response_model=ListAnswer[ChannelRecord],
    tags=["Channels - Airbnb"],
    summary="Alpha - Get all Airbnb listings for a specified Airbnb user id",
    responses={409: {"description": "Airbnb is not connected."}},
)
async def get_airbnb_listings(
    account: Reader,
    airbnb_user_id: Annotated[str, Query(alias="airbnbUserId", max_length=100)],
    airbnb_listing_id: Annotated[str | None, Query(alias="airbnbListingId", max_length=100)] = None,
    airbnb_api_version: Annotated[
        str | None, Query(alias="airbnbApiVersion", max_length=50)
    ] = None,
) -> NoReturn:
    _not_connected("airbnb")


@router.get(
    "/channels/airbnb/reviews",
    response_model=ListAnswer[ChannelRecord],
    tags=["Channels - Airbnb"],
    summary="Beta - Gets guest reviews from Airbnb",
    responses={409: {"description": "Airbnb is not connected."}},
)
async def get_airbnb_reviews(
    account: Reader, room_id: Annotated[int, Query(alias="roomId", ge=1)]
) -> NoReturn:
    _not_connected("airbnb")


@router.post(
    "/channels/airbnb",
    response_model=list[PostResult],
    status_code=201,
    tags=["Channels - Airbnb"],
    summary="Alpha - Perform actions at Airbnb",
    responses={409: {"description": "Airbnb is not connected."}},
)
async def post_airbnb(account: Writer, items: Items) -> NoReturn:
    _not_connected("airbnb")


@router.post(
    "/channels/booking",
    response_model=list[PostResult],
    status_code=201,
    tags=["Channels - Booking.com"],
    summary="Alpha - Perform actions at Booking.com",
    responses={409: {"description": "Booking.com is not connected."}},
)
async def post_booking(account: Writer, items: Items) -> NoReturn:
    _not_connected("booking")


@router.get(
    "/channels/booking/reviews",
    response_model=ListAnswer[ChannelRecord],
    tags=["Channels - Booking.com"],
    summary="Alpha - Gets reviews from Booking.com",
    responses={409: {"description": "Booking.com is not connected."}},
)
async def get_booking_reviews(
    account: Reader,
    property_id: Annotated[int, Query(alias="propertyId", ge=1)],
    from_: Annotated[date, Query(alias="from", description="Reviews made on or after.")],
) -> NoReturn:
    _not_connected("booking")
