"""Response bodies of the Channel API's /inventory reads (Beds24 API V2 field names); the
writes' request bodies are in inventory_write_schemas.py.

Fields a read was not asked for (the calendar's include* flags) are left out of the answer,
not sent as null: routes build these with only the fields they mean and answer with
`response_model_exclude_unset=True`.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, PlainSerializer


def _number(value: Decimal) -> float | int:
    # Exact for money: an amount has at most 3 decimals (the currency's minor units), and
    # a float prints the shortest text that reads back as itself (176.29, not 176.2899...).
    return int(value) if value == value.to_integral_value() else float(value)


# Money as a JSON number (Beds24's), not Pydantic's default string.
Amount = Annotated[Decimal, PlainSerializer(_number, return_type=float | int, when_used="json")]

Override = Literal["none", "blackout", "noCheckIn", "noCheckOut", "noCheckInOrCheckOut"]


class ChannelLimit(BaseModel):
    maxBookings: int | None = None


class CalendarRange(BaseModel):
    """Consecutive dates [from, to] (both included) with the same values."""

    model_config = ConfigDict(populate_by_name=True)

    from_: date = Field(alias="from", description="The range's first date.")
    to: date = Field(description="The range's last date (included).")
    numAvail: int | None = Field(
        default=None, description="Units that can be sold each night (includeNumAvail)."
    )
    minStay: int | None = Field(
        default=None, description="Minimum nights of a stay arriving on these dates."
    )
    maxStay: int | None = Field(
        default=None,
        description="Maximum nights of a stay arriving on these dates; absent: no maximum.",
    )
    multiplier: Amount | None = Field(
        default=None, description="Always 1: staykit prices have no multiplier."
    )
    override: Override | None = Field(
        default=None,
        description="blackout: sales stopped; noCheckIn / noCheckOut / noCheckInOrCheckOut: "
        "closed to arrival and/or departure on the default rate; none.",
    )
    price1: Amount | None = None
    price2: Amount | None = None
    price3: Amount | None = None
    price4: Amount | None = None
    price5: Amount | None = None
    price6: Amount | None = None
    price7: Amount | None = None
    price8: Amount | None = None
    price9: Amount | None = None
    price10: Amount | None = None
    price11: Amount | None = None
    price12: Amount | None = None
    price13: Amount | None = None
    price14: Amount | None = None
    price15: Amount | None = None
    price16: Amount | None = None
    channels: dict[str, ChannelLimit] | None = Field(
        default=None,
        description="Per-channel booking limits (includeChannels): staykit has none, so "
        "this is an empty object.",
    )


class RoomCalendar(BaseModel):
    roomId: int
    propertyId: int
    name: str
    calendar: list[CalendarRange] = Field(
        description="Empty when no include* flag asked for a field."
    )


class RoomAvailability(BaseModel):
    roomId: int
    propertyId: int
    name: str
    availability: dict[date, bool] = Field(
        description="Per date: true when a unit can be sold that night. A false date may "
        "still be a departure date (the night before it is true)."
    )


class RoomUnitBookings(BaseModel):
    roomId: int
    propertyId: int
    name: str
    qty: int = Field(description="The room's active units.")
    unitBookings: dict[date, dict[str, int]] = Field(
        description="Per date: per unit id (the unit's integer id, as bookings' unitId), the "
        "bookings on that unit that night; and `unassigned` (always 0: every staykit "
        "reservation night has its unit)."
    )


class OfferAnswer(BaseModel):
    offerId: int = Field(description="The rate's slot: price1..price16's number.")
    offerName: str
    price: Amount = Field(
        description="What the stay costs on this rate: the quote's total (nights, extra "
        "guests, cleaning fee, city tax)."
    )
    unitsAvailable: int = Field(description="The fewest units sellable over the stay's nights.")


class RoomOffers(BaseModel):
    roomId: int
    propertyId: int
    offers: list[OfferAnswer]


class FixedPrice(BaseModel):
    """A rate's standing terms in Beds24's fixed price shape (see docs/channel-api.md)."""

    id: int = Field(description="The rate's integer id.")
    roomId: int
    propertyId: int
    offerId: int = Field(description="The rate's slot (1..16).")
    name: str
    minNights: int
    maxNights: int | None = None
    strategy: Literal["default"] = "default"
    allowMultiplier: bool = False
    pricesPerNights: int = Field(default=1, description="roomPrice is for one night.")
    roomPrice: Amount = Field(description="The rate's base nightly price.")
    roomPriceEnable: bool = True
    roomPriceGuests: int = Field(description="Guests roomPrice covers (the base occupancy).")
    extraPersonPrice: Amount | None = Field(
        default=None, description="Per night for each adult above roomPriceGuests."
    )
    extraPersonPriceEnable: bool | None = None
