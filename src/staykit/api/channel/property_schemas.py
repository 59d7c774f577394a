"""Answers of GET /properties and GET /properties/rooms (Beds24 API V2's `property` and
`room` schemas, as far as staykit has the data; fields it has nothing for are absent).

Routes answer with `response_model_exclude_unset=True`: a field is on the wire when it
was set, so what an `include*` flag adds is absent without the flag, and a `null` that is
set means what the Beds24 schema says null means (maxAdult null: up to maxPeople)."""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated, Any, Literal

from pydantic import BaseModel, Field, PlainSerializer


def _number(value: Decimal) -> float | int:
    # Exact for money: at most 3 decimals (a currency's minor units), and a float prints
    # the shortest text that reads back as itself.
    return int(value) if value == value.to_integral_value() else float(value)


# Money as a JSON number (Beds24's `type: number`), not Pydantic's default string.
Amount = Annotated[Decimal, PlainSerializer(_number, return_type=float | int, when_used="json")]


class PriceFor(BaseModel):
    type: Literal["perPerson", "maxCapacity", "upToPerson"]
    upToPersonValue: int | None = Field(
        default=None, description="With upToPerson: the guests the price is for."
    )


class PriceRule(BaseModel):
    """One of a room's prices (price1..price16 of the calendar): a staykit rate."""

    id: int = Field(description="The price number, 1..16 (the rate's slot).")
    name: str
    priceFor: PriceFor
    extraPerson: Amount | None = Field(
        default=None, description="Per night for each adult beyond the price's guests."
    )
    extraChild: Amount | None = Field(
        default=None, description="Per night for each child beyond the price's guests."
    )
    offer: int = Field(description="The offer (by position) this price is sold as.")


class MinimumStay(BaseModel):
    type: Literal["numberOfDays", "default"]


class Offer(BaseModel):
    """A room's offer setup: each staykit rate is sold as one offer."""

    offerId: int = Field(description="As position: the rate's slot.")
    enable: Literal["onlyIfAvailable", "no", "always", "internal", "internalManual"]
    name: str
    position: int
    bookingType: Literal["default", "requestWithManualConfirmation"]
    minimumStay: MinimumStay


class RoomUnit(BaseModel):
    id: int
    name: str


class RoomText(BaseModel):
    language: str
    displayName: str | None = None
    roomDescription: str | None = None


class Room(BaseModel):
    """A room: a staykit unit type."""

    id: int
    propertyId: int
    name: str
    roomType: str | None = Field(default=None, description="Absent when staykit has no match.")
    qty: int = Field(description="Active units.")
    maxPeople: int
    maxAdult: int | None = Field(default=None, description="null: up to maxPeople.")
    maxChildren: int | None = Field(default=None, description="null: no child limit of its own.")
    minStay: int | None = None
    maxStay: int | None = None
    rackRate: Amount | None = Field(default=None, description="The default rate's base price.")
    cleaningFee: Amount | None = None
    taxPercentage: Amount | None = None
    overbookingProtection: Literal["room", "property"] | None = None
    unitAllocation: Literal["perBooking", "perGuest"] | None = None
    units: list[RoomUnit] | None = None
    texts: list[RoomText] | None = None
    offers: list[Offer] | None = None
    priceRules: list[PriceRule] | None = None


class PropertyAccount(BaseModel):
    ownerId: int = Field(description="The account (staykit business) the property belongs to.")


class PropertyText(BaseModel):
    language: str
    houseRules: str | None = None


class PropertyItem(BaseModel):
    """A property: a staykit property with its rooms (`roomTypes`)."""

    account: PropertyAccount
    id: int
    name: str
    propertyType: str | None = Field(default=None, description="Absent when staykit has none.")
    currency: str
    address: str
    city: str | None = None
    country: str | None = None
    latitude: float
    longitude: float
    checkInStart: str | None = None
    checkOutEnd: str | None = None
    offerType: Literal["perRoom", "perProperty"] | None = None
    texts: list[PropertyText] | None = None
    roomTypes: list[Room]
    upsellItems: list[dict[str, object]] | None = Field(
        default=None, description="Always empty: staykit has no upsell items."
    )


# --- writes ---------------------------------------------------------------------------------


class WriteMessage(BaseModel):
    action: str = Field(description="new, modify or delete.")
    field: str = Field(description="The item's field, e.g. roomTypes[0].qty ('' the item).")
    message: str


class PropertyWriteResult(BaseModel):
    """One item's answer to POST or DELETE /properties (and /properties/rooms), in request
    order. `new`: ids of what was created (`{id, roomTypes: [{id, units: [{id}]}]}`);
    `modified`: the fields changed, in the item's shape."""

    success: bool
    new: dict[str, Any] | None = None
    modified: dict[str, Any] | None = None
    errors: list[WriteMessage] | None = None
    warnings: list[WriteMessage] | None = None
    info: list[WriteMessage] | None = None
