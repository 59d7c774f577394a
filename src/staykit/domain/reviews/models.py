"""The review records and the rating aggregates. The database holds the rules it can: a
reviewer reviews a reservation once and each side (guest, host) once, ratings 1 to 5, the
enums, a published review has its publication time, one aggregate per reviewee."""

from __future__ import annotations

import uuid
from datetime import datetime
from decimal import Decimal

from sqlalchemy import (
    CheckConstraint,
    ForeignKey,
    Index,
    Numeric,
    SmallInteger,
    String,
    Text,
    UniqueConstraint,
    text,
)
from sqlalchemy.orm import Mapped, mapped_column

from staykit.core.clock import utcnow
from staykit.core.models import Base, Record

MODERATION_STATUSES = ("pending", "approved", "rejected")
REVIEWEE_TYPES = ("host", "guest", "listing")
VISIBILITY_STATUSES = ("public", "hidden")
REVIEWER_ROLES = ("guest", "host")
MAX_TEXT = 5_000
# What a review counts in when published: the guest's for the listing and the host, the
# host's for the guest.
COUNTS_FOR = {"guest": ("listing", "host"), "host": ("guest",)}


class Review(Record, Base):
    __tablename__ = "reviews"
    __table_args__ = (
        CheckConstraint("rating BETWEEN 1 AND 5", name="rating"),
        CheckConstraint(f"char_length(review_text) <= {MAX_TEXT}", name="review_text"),
        CheckConstraint(
            "moderation_status IN ('pending', 'approved', 'rejected')", name="moderation_status"
        ),
        CheckConstraint("reviewee_type IN ('host', 'guest', 'listing')", name="reviewee_type"),
        CheckConstraint("reviewer_role IN ('guest', 'host')", name="reviewer_role"),
        # The guest reviews the listing or its host; the host reviews the guest.
        CheckConstraint(
            "(reviewer_role = 'guest' AND reviewee_type IN ('listing', 'host') "
            "AND reviewer_id = guest_id) OR (reviewer_role = 'host' AND reviewee_type = 'guest' "
            "AND reviewee_id = guest_id)",
            name="sides",
        ),
        CheckConstraint("is_published = (published_at IS NOT NULL)", name="published_at"),
        # Once each: a reviewer once per reservation, and one review per side.
        UniqueConstraint("reservation_id", "reviewer_id", name="uq_reviews_reservation_reviewer"),
        UniqueConstraint("reservation_id", "reviewer_role", name="uq_reviews_reservation_role"),
        # The list filters and the aggregates' recounts.
        Index("ix_reviews_reviewee", "reviewee_id", "created_at"),
        Index("ix_reviews_created", "created_at", "id"),
        Index("ix_reviews_listing_counted", "listing_id", postgresql_where=text("is_published")),
        Index("ix_reviews_host_counted", "host_id", postgresql_where=text("is_published")),
        Index("ix_reviews_guest_counted", "guest_id", postgresql_where=text("is_published")),
        # The publishing job: unpublished reviews by their window's end.
        Index(
            "ix_reviews_blind_until",
            "blind_until",
            postgresql_where=text("NOT is_published AND is_active"),
        ),
    )

    reservation_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("reservations.id"))
    business_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("businesses.id"), index=True)
    listing_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("unit_types.id"))
    host_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("users.id"))
    guest_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("users.id"))
    reviewer_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("users.id"), index=True)
    reviewer_role: Mapped[str] = mapped_column(String(5))
    reviewee_type: Mapped[str] = mapped_column(String(7), index=True)
    reviewee_id: Mapped[uuid.UUID]
    rating: Mapped[int] = mapped_column(SmallInteger)
    review_text: Mapped[str] = mapped_column(Text)
    moderation_status: Mapped[str] = mapped_column(String(8), default="approved")
    is_published: Mapped[bool] = mapped_column(default=False)
    published_at: Mapped[datetime | None] = mapped_column(default=None)
    submitted_at: Mapped[datetime] = mapped_column(default=utcnow)
    # When the double-blind ends for this reservation: check-out + the review window.
    blind_until: Mapped[datetime]
    blind_submission_code: Mapped[str] = mapped_column(String(32))

    @property
    def counted(self) -> bool:
        """Whether the aggregates count it."""
        return self.is_active and self.is_published and self.moderation_status == "approved"


class ReviewAggregate(Record, Base):
    """The rating of one listing, host or guest: its published, approved reviews' count
    and average. Written only by aggregates.recount."""

    __tablename__ = "review_aggregates"
    __table_args__ = (
        UniqueConstraint("reviewee_type", "reviewee_id", name="uq_review_aggregates_reviewee"),
        CheckConstraint("reviewee_type IN ('host', 'guest', 'listing')", name="reviewee_type"),
        CheckConstraint("visibility_status IN ('public', 'hidden')", name="visibility_status"),
        CheckConstraint(
            "review_count >= 0 AND average_rating BETWEEN 0 AND 5 "
            "AND (review_count > 0 OR average_rating = 0)",
            name="figures",
        ),
        Index("ix_review_aggregates_reviewee_id", "reviewee_id"),
        Index("ix_review_aggregates_created", "created_at", "id"),
    )

    reviewee_type: Mapped[str] = mapped_column(String(7))
    reviewee_id: Mapped[uuid.UUID]
    average_rating: Mapped[Decimal] = mapped_column(Numeric(3, 2), default=Decimal(0))
    review_count: Mapped[int] = mapped_column(default=0)
    visibility_status: Mapped[str] = mapped_column(String(6), default="hidden")
