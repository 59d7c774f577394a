"""Request bodies of the Channel API's /inventory writes (Beds24 API V2 field names): POST
/inventory/rooms/calendar items (the document's `calendar`) and POST /inventory/fixedPrices
items (its `fixedPrice`), each read on its own, and the per-item answers.

The routes take the body as an array whose items are documented by these models
(`Items[...]`) but not validated as a whole: each item is validated here, so a malformed
item is that item's error (its fields named) and the rest of the request still applies, as
for POST /bookings (booking_write_schemas.py).
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Annotated, Any, Literal, TypeVar

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    SkipValidation,
    StrictBool,
    StrictFloat,
    StrictInt,
    StrictStr,
    ValidationError,
)

from staykit.core.schemas import no_nul
from staykit.domain.catalog import channel_calendar_write

Item = TypeVar("Item")
# An array whose items the OpenAPI document describes as `Item`, left as sent (a route
# reads each on its own, though the type says Item).
Items = list[SkipValidation[Item]]


class PostIssue(BaseModel):
    action: str
    field: str
    message: str


class PostResult(BaseModel):
    """One item's result of a Channel API write, in request order."""

    success: bool
    new: dict[str, Any] | None = None
    modified: dict[str, Any] | None = None
    errors: list[PostIssue] | None = None
    warnings: list[PostIssue] | None = None
    info: list[PostIssue] | None = None


def _issues(exc: ValidationError, action: str) -> list[PostIssue]:
    """A validation error as the item's errors, each naming its field by its wire path."""
    return [
        PostIssue(
            action=action,
            field=".".join(str(part) for part in e["loc"]) or "item",
            message=e["msg"],
        )
        for e in exc.errors(include_url=False)
    ]


# --- POST /inventory/rooms/calendar -----------------------------------------------------------


class CalendarRangeWrite(BaseModel):
    """One range of POST /inventory/rooms/calendar: dates [from, to] (both included) and the
    values to set on each. A value sent as null is removed; a value not sent is left."""

    model_config = ConfigDict(populate_by_name=True, extra="allow")

    from_: date = Field(alias="from")
    to: date
    numAvail: int | None = Field(
        default=None,
        description="At most this many units are sold each night (a cap on what the units "
        "allow; never negative); null removes the cap.",
    )
    minStay: int | None = Field(default=None, description="1..365; the default rate's.")
    maxStay: int | None = Field(default=None, description="1..364; the default rate's.")
    multiplier: Decimal | None = Field(default=None, description="Not supported: ignored.")
    override: (
        Literal["none", "blackout", "exception", "noCheckIn", "noCheckOut", "noCheckInOrCheckOut"]
        | None
    ) = Field(default=None, description="exception is not supported: ignored.")
    price1: Decimal | None = None
    price2: Decimal | None = None
    price3: Decimal | None = None
    price4: Decimal | None = None
    price5: Decimal | None = None
    price6: Decimal | None = None
    price7: Decimal | None = None
    price8: Decimal | None = None
    price9: Decimal | None = None
    price10: Decimal | None = None
    price11: Decimal | None = None
    price12: Decimal | None = None
    price13: Decimal | None = None
    price14: Decimal | None = None
    price15: Decimal | None = None
    price16: Decimal | None = None
    channels: dict[str, Any] | None = Field(default=None, description="Not supported: ignored.")


class RoomCalendarWrite(BaseModel):
    """One room's item of POST /inventory/rooms/calendar: its ranges, applied in order."""

    roomId: int
    calendar: list[CalendarRangeWrite] = Field(max_length=10_000)


_RANGE_FIELDS = frozenset(CalendarRangeWrite.model_fields) - {"from_", "to"}


def room_ranges(
    raw: Any,
) -> tuple[channel_calendar_write.RoomRanges | None, list[PostIssue], list[PostIssue]]:
    """One calendar item as the domain's command, or its errors; warnings name unknown
    fields."""
    try:
        item = RoomCalendarWrite.model_validate(raw)
    except ValidationError as exc:
        return None, _issues(exc, "modify"), []
    warnings = []
    ranges = []
    for k, entry in enumerate(item.calendar):
        for name in entry.model_extra or {}:
            warnings.append(
                PostIssue(
                    action="modify", field=f"calendar.{k}.{name}", message="unknown field; ignored."
                )
            )
        values = {name: getattr(entry, name) for name in entry.model_fields_set & _RANGE_FIELDS}
        ranges.append(channel_calendar_write.DayRange(entry.from_, entry.to, values))
    return channel_calendar_write.RoomRanges(item.roomId, ranges), [], warnings


# --- POST /inventory/fixedPrices --------------------------------------------------------------


def _digits(value: Any) -> Any:
    """Some clients send ids as strings of digits."""
    if isinstance(value, str) and value.isascii() and value.isdigit() and len(value) <= 19:
        return int(value)
    return value


Id = Annotated[StrictInt, BeforeValidator(_digits)]
Number = StrictFloat  # a JSON number: not a string, not a boolean


class Weekdays(BaseModel):
    """Days of the week a rate applies on; staykit rates apply every day, so a day false
    cannot be kept (the item's error)."""

    model_config = ConfigDict(extra="allow")

    mon: StrictBool | None = None
    tue: StrictBool | None = None
    wed: StrictBool | None = None
    thu: StrictBool | None = None
    fri: StrictBool | None = None
    sat: StrictBool | None = None
    sun: StrictBool | None = None


class FixedPriceWrite(BaseModel):
    """One item of POST /inventory/fixedPrices, in the shape GET /inventory/fixedPrices
    answers (a GET's item posts back unchanged): without `id` a new fixed price (a new rate
    of roomId), with `id` a change to it, with only `id` its deletion. How each field maps
    onto staykit's rates, and which values are refused or ignored, is in
    domain/catalog/channel_fixed_prices.py; the document's other fields are accepted and
    ignored with a warning."""

    model_config = ConfigDict(populate_by_name=True, extra="allow")

    id: Id | None = Field(default=None, description="The fixed price (rate) to change.")
    roomId: Id | None = Field(default=None, description="Required to create.")
    propertyId: Id | None = Field(default=None, description="If sent, the room's property.")
    offerId: StrictInt | None = Field(
        default=None, description="The rate's slot, 1..16 (default: the first free one)."
    )
    name: Annotated[StrictStr, AfterValidator(no_nul)] | None = None
    roomPrice: Number | None = Field(default=None, description="Per night; required to create.")
    roomPriceEnable: StrictBool | None = Field(default=None, description="Must be true.")
    roomPriceGuests: StrictInt | None = Field(
        default=None, description="Must be the room's base occupancy (0: its maximum)."
    )
    extraPersonPrice: Number | None = Field(
        default=None, description="Per night for each guest above roomPriceGuests; null removes it."
    )
    extraPersonPriceEnable: StrictBool | None = Field(
        default=None, description="false removes extraPersonPrice."
    )
    minNights: StrictInt | None = Field(default=None, description="The room's, or looser.")
    maxNights: StrictInt | None = Field(default=None, description="The room's, or looser.")
    firstNight: StrictStr | None = Field(
        default=None, description="Refused: staykit rates have no validity period."
    )
    lastNight: StrictStr | None = Field(
        default=None, description="Refused: staykit rates have no validity period."
    )
    minAdvance: StrictInt | None = Field(default=None, description="0 only.")
    maxAdvance: StrictInt | None = Field(default=None, description="0 only.")
    pricesPerNights: StrictInt | None = Field(default=None, description="1 only.")
    strategy: Literal["default", "noLowerPriceOrShorterStays", "noOtherPrices"] | None = Field(
        default=None, description="Anything but default is ignored with a warning."
    )
    allowMultiplier: StrictBool | None = Field(default=None, description="true is ignored.")
    bookingType: StrictStr | None = Field(
        default=None, description="Anything but default is ignored with a warning."
    )
    one_person_price: Number | None = Field(
        default=None, alias="1PersonPrice", description="Refused when enabled."
    )
    one_person_price_enable: StrictBool | None = Field(default=None, alias="1PersonPriceEnable")
    two_person_price: Number | None = Field(
        default=None, alias="2PersonPrice", description="Refused when enabled."
    )
    two_person_price_enable: StrictBool | None = Field(default=None, alias="2PersonPriceEnable")
    extraChildPrice: Number | None = Field(
        default=None, description="Ignored with a warning: extraPersonPrice covers every guest."
    )
    extraChildPriceEnable: StrictBool | None = None
    allowedDays: Weekdays | None = None
    checkInDays: Weekdays | None = None
    checkOutDays: Weekdays | None = None


def fixed_price_errors(raw: Any) -> list[PostIssue]:
    """What makes one item unreadable as a fixed price (empty when it reads); the domain
    then checks its values against the room."""
    if not isinstance(raw, dict):
        return [
            PostIssue(
                action="new", field="", message="Each item must be an object (a fixed price)."
            )
        ]
    action = "new" if raw.get("id") is None else "delete" if set(raw) == {"id"} else "modify"
    try:
        FixedPriceWrite.model_validate(raw)
    except ValidationError as exc:
        return _issues(exc, action)
    return []
