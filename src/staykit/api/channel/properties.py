"""Channel API: GET/POST/DELETE /properties and GET/DELETE /properties/rooms (Beds24 API V2).

A property is a staykit property with its rooms (`roomTypes`); a room is a unit type with
`qty` its active units. Ids are integers (`int_id`). Both need `read:properties`, as the
Beds24 wiki's scopes say (`properties` covers GET /properties). Lists of ids are repeated
parameters (`id=1&id=2`) or comma-separated (`id=1,2`).

Writes (domain/catalog/channel_property_writes.py): POST needs `write:properties`, DELETE
/properties `delete:properties`; deleting a room is deleting a sub-item of a property,
which the Beds24 wiki gives to the write scope, so DELETE /properties/rooms needs
`write:properties`.
"""

from __future__ import annotations

from datetime import time
from typing import Annotated, Any

from fastapi import APIRouter, Body, Query, Request, Security

from staykit.api.channel.account import ActingAccount, acting_account
from staykit.api.channel.listing import ListAnswer, Page, answer
from staykit.api.channel.params import ids_to_delete
from staykit.api.channel.property_schemas import (
    Offer,
    PriceRule,
    PropertyItem,
    PropertyText,
    PropertyWriteResult,
    Room,
    RoomText,
    RoomUnit,
)
from staykit.api.deps import DbSession
from staykit.core.errors import InvalidInput
from staykit.domain.catalog import channel_properties as read
from staykit.domain.catalog import channel_property_writes as writes
from staykit.domain.catalog import channel_room_writes as room_writes
from staykit.domain.catalog.channel_properties import ChannelProperty, ChannelRoom, Includes

router = APIRouter(tags=["Properties"])

Account = Annotated[ActingAccount, Security(acting_account, scopes=["read:properties"])]
Writer = Annotated[ActingAccount, Security(acting_account, scopes=["write:properties"])]
Deleter = Annotated[ActingAccount, Security(acting_account, scopes=["delete:properties"])]
Items = Annotated[
    list[Any],
    Body(
        description="Properties (Beds24's `property`): without `id` each is created, with "
        "`id` modified. `roomTypes` likewise: a room without `id` is created with `qty` "
        "units and a default rate at `rackRate`; a room with only its `id` is deleted. "
        "`units` of a room the same way. `webhooks` sets the property's booking webhook.",
    ),
]

MAX_IDS = 1000
LANGUAGES = frozenset(
    "en ar bg ca cs da de el es et fi fr hr he hu id is it ja ko lt mn my nl no pl pt ro ru "
    "sk sl sr sv th tr vi zh zt".split()
)
TEXTS = frozenset({"all", "property", "roomType"})

# staykit's property types (of a unit type) in Beds24's words, for a room and a property;
# a type with no fair match ("room", "other") is left out rather than guessed.
ROOM_TYPES = {
    "apartment": "apartment",
    "condo": "apartment",
    "loft": "apartment",
    "studio": "studio",
    "villa": "villa",
    "house": "holidayHome",
}
PROPERTY_TYPES = {t: t for t in ("apartment", "house", "villa", "condo", "loft", "studio")}


# --- parameters -----------------------------------------------------------------------------


def _ids(values: list[str] | None, name: str) -> list[int] | None:
    """Repeated and/or comma-separated integer ids; None when none was sent."""
    found: list[int] = []
    for value in values or []:
        for part in value.split(","):
            part = part.strip()
            if not part:
                continue
            if not (part.isascii() and part.isdigit()) or len(part) > 18:
                raise InvalidInput(
                    f"{name} takes integer ids (repeat the parameter or separate them with "
                    f"commas); {part[:40]!r} is not one.",
                    code="invalidId",
                    field=name,
                )
            found.append(int(part))
    if len(found) > MAX_IDS:
        raise InvalidInput(f"At most {MAX_IDS} ids in {name}.", code="tooManyIds", field=name)
    return found or None


def _words(values: list[str] | None, name: str, allowed: frozenset[str]) -> set[str]:
    found: set[str] = set()
    for value in values or []:
        for part in value.split(","):
            part = part.strip()
            if not part:
                continue
            if part not in allowed:
                raise InvalidInput(
                    f"{name} takes {', '.join(sorted(allowed))}; {part[:40]!r} is not one.",
                    code="invalidValue",
                    field=name,
                )
            found.add(part)
    return found


def _includes(
    texts: list[str] | None,
    languages: list[str] | None,
    *,
    price_rules: bool,
    offers: bool,
    all_rooms: bool = False,
) -> Includes:
    wanted_texts = _words(texts, "includeTexts", TEXTS)
    wanted_languages = _words(languages, "includeLanguages", LANGUAGES | {"all"})
    return Includes(
        texts_of_property=bool(wanted_texts & {"all", "property"}),
        texts_of_rooms=bool(wanted_texts & {"all", "roomType"}),
        languages=None
        if not wanted_languages or "all" in wanted_languages
        else frozenset(wanted_languages),
        price_rules=price_rules,
        offers=offers,
        all_rooms=all_rooms,
    )


def _id_list(description: str) -> Any:
    return Query(description=description + " Repeat the parameter, or separate with commas.")


LANGUAGES_QUERY = Query(
    alias="includeLanguages",
    description="Languages of the texts (with includeTexts): all (the default) or codes "
    "such as en, de, zt.",
)
TEXTS_QUERY = Query(
    alias="includeTexts", description="Which texts to include: all, property, roomType."
)
PICTURES_QUERY = Query(
    alias="includePictures", description="Accepted; staykit answers no pictures here."
)
OFFERS_QUERY = Query(alias="includeOffers", description="Each room's offers (one per rate).")
PRICE_RULES_QUERY = Query(
    alias="includePriceRules", description="Each room's prices 1..16 (its rates by slot)."
)
UPSELL_QUERY = Query(
    alias="includeUpsellItems", description="Accepted; staykit has no upsell items (empty)."
)
UNIT_DETAILS_QUERY = Query(
    alias="includeUnitDetails",
    description="Accepted; units always carry their id and name, staykit has no more.",
)


# --- shapes ---------------------------------------------------------------------------------


def _clock(value: time) -> str | None:
    """ "HH:MM" when on Beds24's quarter-hour list, else None."""
    if value.minute % 15 or value.second or value.microsecond:
        return None
    return f"{value.hour:02d}:{value.minute:02d}"


def _offer(rule: read.PriceRule, room: ChannelRoom) -> Offer:
    return Offer.model_validate(
        {
            "offerId": rule.slot,
            "enable": "onlyIfAvailable",
            "name": rule.name,
            "position": rule.slot,
            "bookingType": "default" if room.instant_booking else "requestWithManualConfirmation",
            "minimumStay": {"type": "default"},
        }
    )


def _price_rule(rule: read.PriceRule) -> PriceRule:
    data: dict[str, Any] = {
        "id": rule.slot,
        "name": rule.name,
        "priceFor": {"type": "maxCapacity"}
        if rule.base_occupancy >= rule.max_guests
        else {"type": "upToPerson", "upToPersonValue": rule.base_occupancy},
        "offer": rule.slot,
    }
    if rule.extra_adult is not None:
        data["extraPerson"] = rule.extra_adult
    if rule.extra_child is not None:
        data["extraChild"] = rule.extra_child
    return PriceRule.model_validate(data)


def _room(room: ChannelRoom, includes: Includes) -> Room:
    data: dict[str, Any] = {
        "id": room.id,
        "propertyId": room.property_id,
        "name": room.name,
        "qty": room.qty,
        "maxPeople": room.max_guests,
        "maxAdult": None,
        "maxChildren": None,
        "minStay": room.min_stay,
        "maxStay": room.max_stay,
        "cleaningFee": room.cleaning_fee,
        "taxPercentage": room.city_tax_percent,
        "overbookingProtection": "room",
        "unitAllocation": "perBooking",
        "units": [RoomUnit(id=u.id, name=u.name) for u in room.units],
    }
    if room.listing_type in ROOM_TYPES:
        data["roomType"] = ROOM_TYPES[room.listing_type]
    if room.rack_rate is not None:
        data["rackRate"] = room.rack_rate
    if room.texts is not None:
        data["texts"] = [
            RoomText(language=t.language, displayName=t.name, roomDescription=t.description)
            for t in room.texts
        ]
    if includes.offers:
        data["offers"] = [_offer(rule, room) for rule in room.rates]
    if includes.price_rules:
        data["priceRules"] = [_price_rule(rule) for rule in room.rates]
    return Room.model_validate(data)


def _property(prop: ChannelProperty, includes: Includes, upsell_items: bool) -> PropertyItem:
    data: dict[str, Any] = {
        "account": {"ownerId": prop.owner_id},
        "id": prop.id,
        "name": prop.name,
        "currency": prop.currency,
        "address": prop.address,
        "latitude": prop.latitude,
        "longitude": prop.longitude,
        "offerType": "perRoom",
        "roomTypes": [_room(room, includes) for room in prop.rooms],
    }
    if len(prop.listing_types) == 1 and prop.listing_types[0] in PROPERTY_TYPES:
        data["propertyType"] = PROPERTY_TYPES[prop.listing_types[0]]
    for key, value in (("city", prop.city), ("country", prop.country)):
        if value:
            data[key] = value
    for key, clock in (("checkInStart", prop.check_in_time), ("checkOutEnd", prop.check_out_time)):
        if (text := _clock(clock)) is not None:
            data[key] = text
    if prop.texts is not None:
        data["texts"] = [
            PropertyText(language=t.language, houseRules=t.house_rules) for t in prop.texts
        ]
    if upsell_items:
        data["upsellItems"] = []
    return PropertyItem.model_validate(data)


# --- routes ---------------------------------------------------------------------------------


@router.get(
    "/properties",
    response_model=ListAnswer[PropertyItem],
    response_model_exclude_unset=True,
    summary="Beta - Get properties matching specified criteria",
)
async def get_properties(
    account: Account,
    request: Request,
    session: DbSession,
    page: Page,
    id: Annotated[list[str] | None, _id_list("The property ids.")] = None,
    room_id: Annotated[
        list[str] | None,
        Query(
            alias="roomId",
            description="Only properties holding these rooms, with only these rooms (unless "
            "includeAllRooms). Repeat the parameter, or separate with commas.",
        ),
    ] = None,
    include_languages: Annotated[list[str] | None, LANGUAGES_QUERY] = None,
    include_texts: Annotated[list[str] | None, TEXTS_QUERY] = None,
    include_pictures: Annotated[bool, PICTURES_QUERY] = False,
    include_offers: Annotated[bool, OFFERS_QUERY] = False,
    include_price_rules: Annotated[bool, PRICE_RULES_QUERY] = False,
    include_upsell_items: Annotated[bool, UPSELL_QUERY] = False,
    include_all_rooms: Annotated[
        bool,
        Query(
            alias="includeAllRooms",
            description="With roomId: every room of the properties found, not only those.",
        ),
    ] = False,
    include_unit_details: Annotated[bool, UNIT_DETAILS_QUERY] = False,
) -> dict[str, Any]:
    """Properties of the token's account by id, each with its rooms (unit types) and
    their units; prices, offers and texts when asked for."""
    includes = _includes(
        include_texts,
        include_languages,
        price_rules=include_price_rules,
        offers=include_offers,
        all_rooms=include_all_rooms,
    )
    found = await read.properties(
        session,
        account.business_ids,
        ids=_ids(id, "id"),
        room_ids=_ids(room_id, "roomId"),
        includes=includes,
        offset=page.offset,
        limit=page.fetch,
    )
    items = [_property(p, includes, include_upsell_items) for p in found]
    return answer(request, "property", items, page)


@router.get(
    "/properties/rooms",
    response_model=ListAnswer[Room],
    response_model_exclude_unset=True,
    summary="Coming soon - Get rooms matching specified criteria",
)
async def get_rooms(
    account: Account,
    request: Request,
    session: DbSession,
    page: Page,
    id: Annotated[list[str] | None, _id_list("The room ids.")] = None,
    property_id: Annotated[
        list[str] | None,
        Query(
            alias="propertyId",
            description="Only rooms of these properties. Repeat the parameter, or separate "
            "with commas.",
        ),
    ] = None,
    include_languages: Annotated[list[str] | None, LANGUAGES_QUERY] = None,
    include_texts: Annotated[list[str] | None, TEXTS_QUERY] = None,
    include_pictures: Annotated[bool, PICTURES_QUERY] = False,
    include_offers: Annotated[bool, OFFERS_QUERY] = False,
    include_price_rules: Annotated[bool, PRICE_RULES_QUERY] = False,
    include_upsell_items: Annotated[bool, UPSELL_QUERY] = False,
    include_unit_details: Annotated[bool, UNIT_DETAILS_QUERY] = False,
) -> dict[str, Any]:
    """Rooms (unit types) of the token's account by id, with their units; prices, offers
    and texts when asked for."""
    includes = _includes(
        include_texts, include_languages, price_rules=include_price_rules, offers=include_offers
    )
    found = await read.rooms(
        session,
        account.business_ids,
        ids=_ids(id, "id"),
        property_ids=_ids(property_id, "propertyId"),
        includes=includes,
        offset=page.offset,
        limit=page.fetch,
    )
    return answer(request, "room", [_room(r, includes) for r in found], page)


# --- writes ---------------------------------------------------------------------------------


def _results(outcomes: list[Any]) -> list[PropertyWriteResult]:
    return [
        PropertyWriteResult.model_validate(
            {
                "success": o.success,
                "new": o.new,
                "modified": o.modified,
                "errors": o.errors or None,
                "warnings": o.warnings or None,
                "info": o.info or None,
            }
        )
        for o in outcomes
    ]


@router.post(
    "/properties",
    response_model=list[PropertyWriteResult],
    response_model_exclude_none=True,
    status_code=201,
    summary="Beta - Create or modify properties",
)
async def post_properties(
    account: Writer, session: DbSession, items: Items
) -> list[PropertyWriteResult]:
    """Create or modify properties, their rooms and units, and their booking webhook; one
    answer per item in request order. Each item (and each room in it) stands alone."""
    if len(items) > writes.MAX_ITEMS:
        raise InvalidInput(
            f"At most {writes.MAX_ITEMS} items per request.", code="tooManyItems", field="body"
        )
    outcomes = await writes.save_properties(session, account.principal, account.business_ids, items)
    return _results(outcomes)


@router.delete(
    "/properties",
    response_model=list[PropertyWriteResult],
    response_model_exclude_none=True,
    status_code=201,
    summary="Coming soon - Delete properties by id",
)
async def delete_properties(
    account: Deleter,
    session: DbSession,
    id: Annotated[list[str] | None, _id_list("The property ids.")] = None,
) -> list[PropertyWriteResult]:
    """Delete properties (with their rooms and units), one answer per id; refused for a
    property with a stay or block that has not ended."""
    outcomes = await writes.delete_properties(
        session, account.principal, account.business_ids, ids_to_delete(id)
    )
    return _results(outcomes)


@router.delete(
    "/properties/rooms",
    response_model=list[PropertyWriteResult],
    response_model_exclude_none=True,
    status_code=201,
    summary="Coming soon - Delete rooms by id",
)
async def delete_rooms(
    account: Writer,
    session: DbSession,
    id: Annotated[list[str] | None, _id_list("The room ids.")] = None,
) -> list[PropertyWriteResult]:
    """Delete rooms (with their units), one answer per id; refused for a room with a stay
    or block that has not ended. A room is a property's sub-item: write:properties."""
    outcomes = await room_writes.delete_rooms(
        session, account.principal, account.business_ids, ids_to_delete(id)
    )
    return _results(outcomes)
