"""Response bodies of the Cloud API's /inventory routes (camelCase, bare objects and arrays).

Optional fields that a row does not have (a rate without extra guest charges) are left
unset and the routes answer with `response_model_exclude_unset`, so they are absent, not
null. Every other field is always set, null included (`maximumNights` of a unit type
without a maximum stay).
"""

from __future__ import annotations

import uuid
from datetime import datetime, time

from pydantic import BaseModel, Field

from staykit.api.cloud.schemas import Amount
from staykit.domain.catalog import inventory as catalog


class GeoPoint(BaseModel):
    latitude: float
    longitude: float


class Location(BaseModel):
    address: str
    city: str | None
    country: str | None = Field(description="ISO 3166-1 alpha-2 country code.")
    latitude: float
    longitude: float

    @classmethod
    def of(cls, location: catalog.Location) -> Location:
        return cls(
            address=location.address,
            city=location.city,
            country=location.country,
            latitude=location.latitude,
            longitude=location.longitude,
        )


class Business(BaseModel):
    id: uuid.UUID
    name: str
    timeZone: str | None = Field(
        description="IANA time zone of the business's oldest active property (a business "
        "has none of its own); null when it has no active property."
    )
    currency: str | None = Field(
        description="Currency (ISO 4217) of the business's oldest active property."
    )
    currencies: list[str] = Field(
        description="Every currency its active properties sell in (a staykit addition)."
    )
    location: Location | None = Field(
        description="Address and position of the business's oldest active property."
    )

    @classmethod
    def of(cls, business: catalog.BusinessInfo) -> Business:
        return cls(
            id=business.id,
            name=business.name,
            timeZone=business.time_zone,
            currency=business.currency,
            currencies=business.currencies,
            location=Location.of(business.location) if business.location else None,
        )


class Property(BaseModel):
    id: uuid.UUID
    name: str
    address: str
    city: str | None
    country: str | None
    location: GeoPoint
    timeZone: str = Field(description="IANA time zone; stay dates are calendar dates here.")
    currency: str
    checkInTime: time
    checkOutTime: time
    createdAt: datetime
    updatedAt: datetime

    @classmethod
    def of(cls, prop: catalog.PropertyInfo) -> Property:
        return cls(
            id=prop.id,
            name=prop.name,
            address=prop.location.address,
            city=prop.location.city,
            country=prop.location.country,
            location=GeoPoint(latitude=prop.location.latitude, longitude=prop.location.longitude),
            timeZone=prop.time_zone,
            currency=prop.currency,
            checkInTime=prop.check_in_time,
            checkOutTime=prop.check_out_time,
            createdAt=prop.created_at,
            updatedAt=prop.updated_at,
        )


class Unit(BaseModel):
    id: uuid.UUID
    name: str
    unitTypeId: uuid.UUID
    propertyId: uuid.UUID

    @classmethod
    def of(cls, unit: catalog.UnitInfo) -> Unit:
        return cls(
            id=unit.id, name=unit.name, unitTypeId=unit.unit_type_id, propertyId=unit.property_id
        )


class UnitType(BaseModel):
    id: uuid.UUID = Field(description="Also the id of the unit type's marketplace listing.")
    name: str
    propertyId: uuid.UUID
    description: str
    maxOccupancy: int = Field(description="The most guests a unit takes.")
    baseOccupancy: int = Field(description="Guests included in the price.")
    minimumNights: int
    maximumNights: int | None
    currency: str
    unitIds: list[uuid.UUID] = Field(description="Its active units, in the units' order.")
    rateIds: list[uuid.UUID] = Field(description="Its active rates, the default rate first.")
    isPublished: bool = Field(description="Whether its marketplace listing is published.")

    @classmethod
    def of(cls, unit_type: catalog.UnitTypeInfo) -> UnitType:
        return cls(
            id=unit_type.id,
            name=unit_type.name,
            propertyId=unit_type.property_id,
            description=unit_type.description,
            maxOccupancy=unit_type.max_occupancy,
            baseOccupancy=unit_type.base_occupancy,
            minimumNights=unit_type.minimum_nights,
            maximumNights=unit_type.maximum_nights,
            currency=unit_type.currency,
            unitIds=unit_type.unit_ids,
            rateIds=unit_type.rate_ids,
            isPublished=unit_type.is_published,
        )


class Rate(BaseModel):
    id: uuid.UUID
    name: str
    ratePlanId: uuid.UUID
    ratePlanName: str
    unitTypeId: uuid.UUID
    defaultRate: bool
    allowUpdates: bool = Field(description="Whether POST /rates/nightly may change it.")
    seasonType: str = Field(description='"Daily": every staykit rate is priced per night.')
    basePrice: Amount = Field(description="The nightly price of a date with no price of its own.")
    currency: str = Field(description="The currency of its unit type.")
    extraGuestCharges: dict[str, Amount] | None = Field(
        default=None,
        description="Per night, per guest beyond the base occupancy, by guest type id; absent "
        "when the rate has none.",
    )

    @classmethod
    def of(cls, rate: catalog.RateInfo) -> Rate:
        made = cls(
            id=rate.id,
            name=rate.name,
            ratePlanId=rate.rate_plan_id,
            ratePlanName=rate.rate_plan_name,
            unitTypeId=rate.unit_type_id,
            defaultRate=rate.is_default,
            allowUpdates=rate.allow_updates,
            seasonType=rate.season_type,
            basePrice=rate.base_price,
            currency=rate.currency,
        )
        if rate.extra_guest_charges is not None:
            made.extraGuestCharges = rate.extra_guest_charges  # set: rendered
        return made


class GuestType(BaseModel):
    id: uuid.UUID
    code: str
    name: str

    @classmethod
    def of(cls, guest_type: catalog.GuestTypeInfo) -> GuestType:
        return cls(id=guest_type.id, code=guest_type.code, name=guest_type.name)


class Inventory(BaseModel):
    business: Business
    properties: list[Property]
    units: list[Unit]
    unitTypes: list[UnitType]
    guestTypes: list[GuestType]
    rates: list[Rate]

    @classmethod
    def of(cls, inventory: catalog.Inventory) -> Inventory:
        return cls(
            business=Business.of(inventory.business),
            properties=[Property.of(p) for p in inventory.properties],
            units=[Unit.of(u) for u in inventory.units],
            unitTypes=[UnitType.of(t) for t in inventory.unit_types],
            guestTypes=[GuestType.of(g) for g in inventory.guest_types],
            rates=[Rate.of(r) for r in inventory.rates],
        )
