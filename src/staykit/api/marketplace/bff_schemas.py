"""What the BFF's routes answer, as its OpenAPI document describes it: each view's
record, the count, the schema and saved filters, in the marketplace envelope. Routes
answer with envelope.respond; these models describe the bytes."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Any

from pydantic import BaseModel, create_model

from staykit.api.marketplace.responses import Envelope, PagedEnvelope, Record, envelope


class Person(BaseModel):
    id: uuid.UUID
    fullname: str
    avatar: str | None


class HostProfile(Person):
    bio: str | None
    averageRating: float
    reviewCount: int


class Amenity(BaseModel):
    id: uuid.UUID
    name: str
    iconUrl: str | None


class ListingDetail(BaseModel):
    """ListingDetailView: a listing page."""

    id: uuid.UUID
    title: str
    description: str
    propertyType: str
    pricePerNight: float
    cleaningFee: float
    cityTaxPercent: float
    currency: str
    minStay: int
    maxStay: int | None
    maxGuests: int
    approvalType: str
    isPublished: bool
    houseRules: str | None
    languagesSupported: list[str]
    cancellationPolicy: dict[str, Any] | None
    mainPhoto: str | None
    photos: list[str]
    address: str
    city: str | None
    country: str | None
    latitude: float
    longitude: float
    timeZone: str
    checkInTime: str
    checkOutTime: str
    hostId: uuid.UUID
    host: HostProfile
    amenities: list[Amenity]
    averageRating: float
    reviewCount: int
    nextFreeNights: list[date]
    createdAt: datetime
    updatedAt: datetime


class ReservationListing(BaseModel):
    id: uuid.UUID
    title: str
    mainPhoto: str | None
    address: str
    city: str | None
    country: str | None
    timeZone: str
    checkInTime: str
    checkOutTime: str


class PaymentLine(BaseModel):
    id: uuid.UUID
    movement: str
    paymentStatus: str
    amountPaid: float
    refundAmount: float
    payoutAmountHost: float | None
    currency: str
    provider: str | None
    paymentDate: datetime


class ThreadSummary(BaseModel):
    id: uuid.UUID
    isOpen: bool
    messageCount: int
    lastMessageAt: datetime | None


class DisputeSummary(BaseModel):
    id: uuid.UUID
    issueType: str
    description: str
    raisedBy: uuid.UUID
    raisedAs: str
    resolutionStatus: str
    reportedAt: datetime
    resolvedAt: datetime | None
    refundApproved: bool
    refundAmount: float | None


class ReservationDetail(BaseModel):
    """ReservationDetailView: a reservation screen."""

    id: uuid.UUID
    bookingStatus: str
    checkIn: date
    checkOut: date
    nights: int
    guestCount: int
    adults: int
    children: int
    currency: str
    subtotal: float
    cleaningFee: float
    cityTax: float
    totalPrice: float
    refundAmount: float | None
    paymentConfirmation: str
    disputeStatus: str
    approvalType: str
    cancelledBy: str | None
    listingId: uuid.UUID
    listingTitle: str
    guestId: uuid.UUID | None
    hostId: uuid.UUID
    listing: ReservationListing
    guest: Person | None
    host: Person
    payments: list[PaymentLine]
    thread: ThreadSummary | None
    dispute: DisputeSummary | None
    expiresAt: datetime | None
    cancelledAt: datetime | None
    createdAt: datetime
    updatedAt: datetime


class ChatListing(BaseModel):
    id: uuid.UUID
    title: str
    mainPhoto: str | None


class ChatStay(BaseModel):
    id: uuid.UUID
    bookingStatus: str
    checkIn: date
    checkOut: date
    guestCount: int
    totalPrice: float
    currency: str


class ChatMessage(BaseModel):
    id: uuid.UUID
    senderId: uuid.UUID | None
    source: str
    messageType: str
    content: str
    mediaUrl: str | None
    sentAt: datetime
    readAt: datetime | None


class ChatContext(BaseModel):
    """chatContext: a conversation screen."""

    id: uuid.UUID
    isOpen: bool
    isActive: bool
    messageCount: int
    lastMessageAt: datetime | None
    listingId: uuid.UUID | None
    reservationId: uuid.UUID | None
    guestId: uuid.UUID | None
    hostId: uuid.UUID | None
    listingTitle: str | None
    myRole: str
    guest: Person | None
    host: Person | None
    listing: ChatListing | None
    reservation: ChatStay | None
    unreadCount: int
    recentMessages: list[ChatMessage]
    createdAt: datetime
    updatedAt: datetime


RECORDS: dict[str, type[BaseModel]] = {
    "ReservationDetailView": ReservationDetail,
    "chatContext": ChatContext,
    "ListingDetailView": ListingDetail,
}


class SchemaField(BaseModel):
    name: str
    type: str
    description: str
    nullable: bool
    filterable: bool
    operators: list[str]
    sortable: bool
    enumValues: list[str] | None


class IndexSchema(BaseModel):
    """What an index holds: its fields, which filter with which operators, which sort."""

    indexName: str
    description: str
    loginRequired: bool
    staleness: str
    defaultSort: str
    search: str
    fields: list[SchemaField]


class SavedFilter(Record):
    """A saved filter (the caller's own)."""

    indexName: str
    filterName: str
    conditions: dict[str, Any]


class CountEnvelope(Envelope):
    """The envelope with `count`: how many records match."""

    count: int


SchemaEnvelope = envelope("indexSchema", IndexSchema)
SavedFilterEnvelope = envelope("savedFilter", SavedFilter)
SavedFilterPage = envelope("savedFilters", SavedFilter, "page")


def page_of(name: str) -> type[BaseModel]:
    return envelope(name, RECORDS[name], "page")


def one_of(name: str) -> type[BaseModel]:
    return envelope(name, RECORDS[name])


# The generic routes answer any index: the record sits under the index's name.
AnyPage = create_model(  # type: ignore[call-overload]
    "AnyIndexPageEnvelope",
    __base__=PagedEnvelope,
    __doc__="The envelope with the page under the index's name (one of these keys).",
    **{name: (list[model] | None, None) for name, model in RECORDS.items()},  # type: ignore[valid-type]
)
AnyOne = create_model(
    "AnyIndexEnvelope",
    __base__=Envelope,
    __doc__="The envelope with the record under the index's name (one of these keys).",
    **{name: (model | None, None) for name, model in RECORDS.items()},  # type: ignore[call-overload]
)
