"""What the BFF's five aggregated views answer (spec §9), as their OpenAPI document
describes it: one row model per view (the fields a front end shows on one screen) and
the summaries they embed. The rows themselves are built by staykit.domain.views.aggregated;
these models only describe the bytes (routes answer with envelope.respond)."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Literal

from pydantic import BaseModel
from pydantic import Field as Prop

Part = Literal["guest", "host", "admin"]


class PersonCard(BaseModel):
    """A person as any reader of the row may see them (no contacts)."""

    id: uuid.UUID
    fullname: str
    avatar: str | None


class ListingCard(BaseModel):
    """A listing's card: its title, its main photo (else its first), where it is."""

    id: uuid.UUID
    title: str
    mainPhoto: str | None
    city: str | None
    country: str | None


class StayCard(BaseModel):
    """A reservation as other views embed it; totalPrice is null for a reader who does
    not see the stay's money."""

    id: uuid.UUID
    checkIn: date
    checkOut: date
    nights: int
    bookingStatus: str
    status: str
    currency: str
    totalPrice: float | None


class ThreadCard(BaseModel):
    """The conversation about a reservation the reader may read."""

    id: uuid.UUID
    isOpen: bool
    messageCount: int
    lastMessageAt: datetime | None
    unreadCount: int = Prop(description="Messages the reader's side received and has not read.")


class BookingListRow(BaseModel):
    """One reservation on a guest's trips or a host's bookings screen."""

    id: uuid.UUID
    bookingStatus: str
    status: str
    checkIn: date
    checkOut: date
    nights: int
    guestCount: int
    currency: str
    totalPrice: float | None
    paymentConfirmation: str
    disputeStatus: str
    madeAt: datetime
    expiresAt: datetime | None
    updatedAt: datetime
    myRole: Part = Prop(description="The reader's part in the stay.")
    listing: ListingCard | None
    guest: PersonCard | None
    host: PersonCard | None
    thread: ThreadCard | None


class ThreadMessage(BaseModel):
    id: uuid.UUID
    content: str
    messageType: str
    source: str
    sentAt: datetime
    readAt: datetime | None
    mediaUrl: str | None
    sender: PersonCard | None
    isMine: bool


class MessageThreadRow(BaseModel):
    """One conversation on an inbox screen; by id, also its newest messages."""

    id: uuid.UUID
    isOpen: bool
    messageCount: int
    lastMessageAt: datetime | None
    createdAt: datetime
    myRole: Part
    unreadCount: int
    guest: PersonCard | None
    host: PersonCard | None
    listing: ListingCard | None
    reservation: StayCard | None
    lastMessage: ThreadMessage | None
    messages: list[ThreadMessage] | None = Prop(
        default=None, description="By id only: the newest 50 messages, oldest of them first."
    )


class Reviewee(BaseModel):
    type: Literal["listing", "host", "guest"]
    id: uuid.UUID
    name: str | None
    picture: str | None


class ListingRating(BaseModel):
    averageRating: float
    reviewCount: int


class ReviewDisplayRow(BaseModel):
    """One review as a listing's or a profile's page shows it."""

    id: uuid.UUID
    rating: int
    reviewText: str
    reviewerRole: str
    revieweeType: str
    revieweeId: uuid.UUID
    isPublished: bool
    moderationStatus: str
    publishedAt: datetime | None
    submittedAt: datetime
    reviewer: PersonCard | None
    reviewee: Reviewee
    listing: ListingCard | None
    listingRating: ListingRating | None


class PaymentFields(BaseModel):
    """A payment record's own fields: a payment (paid), refund (refunded) or payout."""

    id: uuid.UUID
    movement: Literal["payment", "refund", "payout"]
    paymentStatus: str
    currency: str
    amountPaid: float
    refundAmount: float
    payoutAmountHost: float | None
    platformFee: float | None
    cityTax: float | None
    paymentDate: datetime
    provider: str | None
    providerRef: str | None


class PaymentRecordRow(PaymentFields):
    """One payment record on a payments screen, with its stay."""

    myRole: Part
    reservation: StayCard | None
    listing: ListingCard | None
    guest: PersonCard | None
    host: PersonCard | None


class DisputeActionItem(BaseModel):
    id: uuid.UUID
    adminId: uuid.UUID
    actionTaken: str
    notes: str | None
    outcome: str | None
    actionDate: datetime


class DisputeDetailRow(BaseModel):
    """One dispute with everything its screen shows."""

    id: uuid.UUID
    issueType: str
    description: str
    resolutionStatus: str
    raisedAs: str
    reportedAt: datetime
    resolvedAt: datetime | None
    refundApproved: bool
    refundAmount: float | None
    currency: str | None
    relatedPaymentId: uuid.UUID | None
    myRole: Part
    raisedBy: PersonCard | None
    admin: PersonCard | None
    reservation: StayCard | None
    listing: ListingCard | None
    guest: PersonCard | None
    host: PersonCard | None
    payments: list[PaymentFields]
    actions: list[DisputeActionItem] | None = Prop(
        description="The admins' actions, oldest first: admins only (null for others)."
    )
