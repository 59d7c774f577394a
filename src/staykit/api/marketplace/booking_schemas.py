"""Request bodies of the bookingManagement reservation routes (spec §5.2) and their
translation to the booking engine's commands (domain/booking/commands.py).

`guestCount` is the whole group and `children` how many of it are children (default 0):
the engine's adults are `guestCount - children`, and a reservation reads back
`guestCount = adults + children`, so what a client sends is what it reads."""

# No `from __future__ import annotations`: FastAPI must see the real body classes.

import uuid
from datetime import date
from decimal import Decimal
from typing import Annotated, Any, Literal

from pydantic import BeforeValidator, Field, StrictInt, ValidationInfo, field_validator
from pydantic_core import PydanticCustomError

from staykit.core.errors import InvalidInput
from staykit.core.schemas import ISO_DATE, Email, Input
from staykit.domain.booking.commands import (
    MAX_GUESTS,
    MAX_NOTES,
    MAX_PEOPLE,
    NewReservation,
    Person,
    StayChange,
)

BookingStatus = Literal["pending", "confirmed", "complete", "cancelled", "declined"]
DisputeStatus = Literal["none", "requested", "active", "resolved"]
ApprovalType = Literal["instant", "manual"]

# Stays are booked years ahead at most; the bound keeps date arithmetic (a night after
# the departure, a week before the arrival) far from Python's year 9999.
LAST_DATE = date(2199, 12, 31)


def _iso_date(value: Any) -> Any:
    """Stay dates are `YYYY-MM-DD` strings: not timestamps, not datetimes."""
    if not isinstance(value, str) or not ISO_DATE.fullmatch(value):
        raise PydanticCustomError("stay_date", "must be a date like 2027-07-01")
    try:
        parsed = date.fromisoformat(value)
    except ValueError:
        raise PydanticCustomError("stay_date", "must be a calendar date like 2027-07-01") from None
    if parsed > LAST_DATE:
        raise PydanticCustomError("stay_date", "must be on or before 2199-12-31")
    return parsed


StayDate = Annotated[date, BeforeValidator(_iso_date)]
GuestCount = Annotated[StrictInt, Field(ge=1, le=MAX_GUESTS)]
Children = Annotated[StrictInt, Field(ge=0, le=MAX_GUESTS - 1)]
IcalUrl = Annotated[str, Field(max_length=2048, pattern=r"^(https?|webcal)://\S+$")]
Money = Annotated[Decimal, Field(ge=0, le=Decimal("1000000000"), max_digits=16)]
SNAPSHOT_LIMIT = 10_000


def _small_object(value: dict[str, Any] | None) -> dict[str, Any] | None:
    if value is not None and len(str(value)) > SNAPSHOT_LIMIT:
        raise ValueError(f"must be at most {SNAPSHOT_LIMIT:,} characters of JSON")
    return value


def _fewer_children(children: int, info: ValidationInfo) -> int:
    group = info.data.get("guest_count")
    if group is not None and children >= group:
        raise PydanticCustomError(
            "children_not_below_guest_count",
            "must be below guestCount: guestCount is the whole group, at least one an adult",
        )
    return children


class PersonInput(Input):
    """One person of the group; every contact field may be missing."""

    first_name: str | None = Field(default=None, max_length=100)
    last_name: str | None = Field(default=None, max_length=100)
    email: Email | None = None
    phone: str | None = Field(default=None, max_length=40)
    mobile: str | None = Field(default=None, max_length=40)


class CreateReservation(Input):
    """createReservation (spec §5.2). The guest is the caller. `approvalType`, `hostId`,
    `currency` and `totalPrice` are claims checked against the server's values (a mismatch
    is a 400 naming the field); `bookingStatus`, `disputeStatus` and the two policy
    snapshots are set by the server: when sent they must be valid and are ignored, and so
    is `iCalExportUrl` (the listing's feed, shown to its managers)."""

    listing_id: uuid.UUID
    check_in: StayDate
    check_out: StayDate
    guest_count: GuestCount
    approval_type: ApprovalType | None = None
    booking_status: BookingStatus | None = None
    host_id: uuid.UUID | None = None
    currency: str | None = Field(default=None, pattern=r"^[A-Z]{3}$")
    total_price: Money | None = None
    dispute_status: DisputeStatus | None = None
    booking_policies_snapshot: dict[str, Any] | None = None
    cancellation_policy_snapshot: dict[str, Any] | None = None
    ical_export_url: IcalUrl | None = Field(default=None, alias="iCalExportUrl")
    ical_import_source: IcalUrl | None = Field(default=None, alias="iCalImportSource")
    # staykit additions
    children: Children = 0
    notes: str | None = Field(default=None, max_length=MAX_NOTES)
    people: list[PersonInput] = Field(default_factory=list, max_length=MAX_PEOPLE)

    _children = field_validator("children")(_fewer_children)
    _snapshots = field_validator("booking_policies_snapshot", "cancellation_policy_snapshot")(
        _small_object
    )

    def request(self) -> NewReservation:
        return NewReservation(
            unit_type_id=self.listing_id,
            arrival=self.check_in,
            departure=self.check_out,
            adults=self.guest_count - self.children,
            children=self.children,
            people=[
                Person(p.first_name, p.last_name, p.email, p.phone, p.mobile) for p in self.people
            ],
            notes=self.notes,
            claimed_total=self.total_price,
            claimed_host_id=self.host_id,
            claimed_currency=self.currency,
            claimed_approval_type=self.approval_type,
            ical_import_source=self.ical_import_source,
        )


class UpdateReservation(Input):
    """updateReservation (spec §5.2): dates and listingId are fixed (sending them is a 400
    like any unknown field). `null` clears iCalImportSource; iCalExportUrl is checked and
    ignored (the server's); the statuses cannot be null."""

    booking_status: BookingStatus | None = None
    ical_export_url: IcalUrl | None = Field(default=None, alias="iCalExportUrl")
    ical_import_source: IcalUrl | None = Field(default=None, alias="iCalImportSource")
    dispute_status: DisputeStatus | None = None

    @field_validator("booking_status", "dispute_status")
    @classmethod
    def _not_null(cls, value: str | None) -> str | None:
        if value is None:
            raise PydanticCustomError("not_null", "must not be null")
        return value


class ChangeStay(Input):
    """staykit's PATCH /v1/reservations/{id}/stay: new dates, group or unit. `guestCount`
    replaces the whole group (`children` defaults to 0 with it); `unitId` is for the host;
    `version` is the recordVersion the client last read (409 when it has moved on)."""

    check_in: StayDate | None = None
    check_out: StayDate | None = None
    guest_count: GuestCount | None = None
    children: Children | None = None
    unit_id: uuid.UUID | None = None
    version: Annotated[StrictInt, Field(ge=1, le=2**31 - 1)] | None = None

    @field_validator("check_in", "check_out", "guest_count", "unit_id", "version")
    @classmethod
    def _not_null(cls, value: Any) -> Any:
        if value is None:
            raise PydanticCustomError("not_null", "must not be null")
        return value

    @field_validator("children")
    @classmethod
    def _children_with_group(cls, value: int | None, info: ValidationInfo) -> int | None:
        if value is None:
            raise PydanticCustomError("not_null", "must not be null")
        if info.data.get("guest_count") is None:
            raise PydanticCustomError(
                "children_without_guest_count",
                "send guestCount with children: together they describe the whole group",
            )
        return _fewer_children(value, info)

    def change(self) -> StayChange:
        if not self.model_fields_set - {"version"}:
            raise InvalidInput(
                "Nothing to change: send checkIn, checkOut, guestCount or unitId.",
                code="bodyIsEmpty",
                field="body",
            )
        children = self.children or 0
        return StayChange(
            arrival=self.check_in,
            departure=self.check_out,
            adults=None if self.guest_count is None else self.guest_count - children,
            children=None if self.guest_count is None else children,
            unit_id=self.unit_id,
            expected_version=self.version,
        )
