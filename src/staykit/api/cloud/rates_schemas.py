"""Bodies of the Cloud API's /rates/nightly: the nightly rates read (GET) and the per-date
changes written (POST), in rezStream's camelCase, plus the write's summary."""

from __future__ import annotations

import datetime as dt
import uuid
from decimal import Decimal
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, StrictBool, StrictInt

from staykit.api.cloud.schemas import Amount
from staykit.domain.catalog import nightly_rates


class NightlyRateDay(BaseModel):
    """One date of a rate, with the values a quote uses for it. Optional members are absent
    when they say nothing: minimumNights when it is 1, maximumNights when there is no
    maximum, closedToArrival/closedToDeparture when the date does not set them,
    extraGuestCharges when the rate has none."""

    date: dt.date = Field(description="The date (a staykit addition: each entry says its date).")
    price: Amount = Field(description="The nightly price for up to baseOccupancy guests.")
    baseOccupancy: int = Field(description="Guests included in the price.")
    minimumNights: int | None = Field(
        default=None, description="The shortest stay arriving on this date (absent: 1)."
    )
    maximumNights: int | None = Field(
        default=None, description="The longest stay arriving on this date (absent: none)."
    )
    closedToArrival: bool | None = Field(
        default=None, description="Whether stays may not arrive on this date (absent: not set)."
    )
    closedToDeparture: bool | None = Field(
        default=None, description="Whether stays may not depart on this date (absent: not set)."
    )
    extraGuestCharges: dict[str, Amount] | None = Field(
        default=None,
        description="Per guest type id: the charge per night for each guest above baseOccupancy.",
    )


class NightlyRate(BaseModel):
    rateId: uuid.UUID
    rateName: str
    ratePlanId: uuid.UUID
    ratePlanName: str
    unitTypeId: uuid.UUID = Field(description="A staykit addition: the rate's unit type.")
    propertyId: uuid.UUID = Field(description="A staykit addition: the unit type's property.")
    currency: str = Field(description="A staykit addition: the currency of every amount.")
    defaultRate: bool
    seasonType: Literal["Daily"] = Field(description="Always Daily: one entry per date.")
    startDate: dt.date
    endDate: dt.date
    allowUpdates: bool = Field(description="Whether POST /rates/nightly may change this rate.")
    data: list[NightlyRateDay] = Field(description="One entry per date, startDate..endDate.")


class NightlyRateChange(BaseModel):
    """The values to set on one date of a rate; null or absent leaves the stored value."""

    model_config = ConfigDict(extra="forbid")

    date: dt.date
    price: Decimal | None = Field(
        default=None,
        ge=0,
        le=nightly_rates.MAX_PRICE,
        description="The nightly price for up to baseOccupancy guests, with no more "
        "decimals than the rate's currency has.",
    )
    minimumNights: StrictInt | None = Field(
        default=None, ge=1, le=nightly_rates.MAX_MIN_STAY, description="The shortest stay."
    )
    baseOccupancy: StrictInt | None = Field(
        default=None,
        ge=1,
        description="Guests included in the price, at most the unit type's maximum.",
    )
    closedToArrival: StrictBool | None = None
    closedToDeparture: StrictBool | None = None

    def to_command(self) -> nightly_rates.NightChange:
        return nightly_rates.NightChange(
            date=self.date,
            price=self.price,
            min_stay=self.minimumNights,
            base_occupancy=self.baseOccupancy,
            closed_to_arrival=self.closedToArrival,
            closed_to_departure=self.closedToDeparture,
        )


class RateNightlyChanges(BaseModel):
    model_config = ConfigDict(extra="forbid")

    rateId: uuid.UUID
    data: list[NightlyRateChange] = Field(min_length=1)

    def to_command(self) -> nightly_rates.RateChanges:
        return nightly_rates.RateChanges(self.rateId, [d.to_command() for d in self.data])


class NightlyRatesApplied(BaseModel):
    """What POST /rates/nightly applied (a staykit addition: rezStream answers 200 with no
    body of note)."""

    applied: int = Field(description="Date entries applied.")
    rates: int = Field(description="Distinct rates changed.")
    dates: int = Field(
        description="Distinct rate-dates written (entries that set nothing write nothing)."
    )
