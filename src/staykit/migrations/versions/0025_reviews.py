"""Reviews and rating aggregates (spec §6 reviewSystem).

reviews: one row per reviewer and reservation (unique), one per side (guest, host)
(unique); the guest's reviews the listing or its host and counts for both, the host's
reviews the guest. blind_until is when the double-blind ends (check-out + the review
window); the publishing job reads the unpublished ones by it.

review_aggregates: one row per reviewee (type, id), recounted under its row lock.

search_listings: average_rating and review_count of each listing (written with the
aggregates, never by the search triggers), for search results and sort=rating.

Revision ID: 0025
Revises: 0024
Create Date: 2026-12-10
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = "0025"
down_revision = "0024"
branch_labels = None
depends_on = None

UUID = postgresql.UUID(as_uuid=True)
TS = sa.DateTime(timezone=True)


def _record() -> list[sa.Column[object]]:
    return [
        sa.Column("id", UUID, primary_key=True),
        sa.Column("is_active", sa.Boolean, nullable=False, server_default=sa.text("true")),
        sa.Column("record_version", sa.Integer, nullable=False, server_default=sa.text("1")),
        sa.Column("created_at", TS, nullable=False, server_default=sa.func.now()),
        sa.Column("updated_at", TS, nullable=False, server_default=sa.func.now()),
        sa.Column("owner_id", UUID, nullable=True),
    ]


def _fk(table: str, column: str, target: str) -> sa.ForeignKey:
    return sa.ForeignKey(f"{target}.id", name=f"fk_{table}_{column}_{target}")


def upgrade() -> None:
    op.create_table(
        "reviews",
        *_record(),
        sa.Column(
            "reservation_id", UUID, _fk("reviews", "reservation_id", "reservations"), nullable=False
        ),
        sa.Column("business_id", UUID, _fk("reviews", "business_id", "businesses"), nullable=False),
        sa.Column("listing_id", UUID, _fk("reviews", "listing_id", "unit_types"), nullable=False),
        sa.Column("host_id", UUID, _fk("reviews", "host_id", "users"), nullable=False),
        sa.Column("guest_id", UUID, _fk("reviews", "guest_id", "users"), nullable=False),
        sa.Column("reviewer_id", UUID, _fk("reviews", "reviewer_id", "users"), nullable=False),
        sa.Column("reviewer_role", sa.String(5), nullable=False),
        sa.Column("reviewee_type", sa.String(7), nullable=False),
        sa.Column("reviewee_id", UUID, nullable=False),
        sa.Column("rating", sa.SmallInteger, nullable=False),
        sa.Column("review_text", sa.Text, nullable=False),
        sa.Column("moderation_status", sa.String(8), nullable=False),
        sa.Column("is_published", sa.Boolean, nullable=False),
        sa.Column("published_at", TS, nullable=True),
        sa.Column("submitted_at", TS, nullable=False),
        sa.Column("blind_until", TS, nullable=False),
        sa.Column("blind_submission_code", sa.String(32), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_reviews"),
        sa.CheckConstraint("rating BETWEEN 1 AND 5", name="ck_reviews_rating"),
        sa.CheckConstraint("char_length(review_text) <= 5000", name="ck_reviews_review_text"),
        sa.CheckConstraint(
            "moderation_status IN ('pending', 'approved', 'rejected')",
            name="ck_reviews_moderation_status",
        ),
        sa.CheckConstraint(
            "reviewee_type IN ('host', 'guest', 'listing')", name="ck_reviews_reviewee_type"
        ),
        sa.CheckConstraint("reviewer_role IN ('guest', 'host')", name="ck_reviews_reviewer_role"),
        sa.CheckConstraint(
            "(reviewer_role = 'guest' AND reviewee_type IN ('listing', 'host') "
            "AND reviewer_id = guest_id) OR (reviewer_role = 'host' AND reviewee_type = 'guest' "
            "AND reviewee_id = guest_id)",
            name="ck_reviews_sides",
        ),
        sa.CheckConstraint(
            "is_published = (published_at IS NOT NULL)", name="ck_reviews_published_at"
        ),
        sa.UniqueConstraint(
            "reservation_id", "reviewer_id", name="uq_reviews_reservation_reviewer"
        ),
        sa.UniqueConstraint("reservation_id", "reviewer_role", name="uq_reviews_reservation_role"),
    )
    op.create_index("ix_reviews_business_id", "reviews", ["business_id"])
    op.create_index("ix_reviews_reviewer_id", "reviews", ["reviewer_id"])
    op.create_index("ix_reviews_reviewee_type", "reviews", ["reviewee_type"])
    op.create_index("ix_reviews_reviewee", "reviews", ["reviewee_id", "created_at"])
    op.create_index("ix_reviews_created", "reviews", ["created_at", "id"])
    for side in ("listing", "host", "guest"):
        op.create_index(
            f"ix_reviews_{side}_counted",
            "reviews",
            [f"{side}_id"],
            postgresql_where=sa.text("is_published"),
        )
    op.create_index(
        "ix_reviews_blind_until",
        "reviews",
        ["blind_until"],
        postgresql_where=sa.text("NOT is_published AND is_active"),
    )

    op.create_table(
        "review_aggregates",
        *_record(),
        sa.Column("reviewee_type", sa.String(7), nullable=False),
        sa.Column("reviewee_id", UUID, nullable=False),
        sa.Column("average_rating", sa.Numeric(3, 2), nullable=False),
        sa.Column("review_count", sa.Integer, nullable=False),
        sa.Column("visibility_status", sa.String(6), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_review_aggregates"),
        sa.UniqueConstraint("reviewee_type", "reviewee_id", name="uq_review_aggregates_reviewee"),
        sa.CheckConstraint(
            "reviewee_type IN ('host', 'guest', 'listing')",
            name="ck_review_aggregates_reviewee_type",
        ),
        sa.CheckConstraint(
            "visibility_status IN ('public', 'hidden')",
            name="ck_review_aggregates_visibility_status",
        ),
        sa.CheckConstraint(
            "review_count >= 0 AND average_rating BETWEEN 0 AND 5 "
            "AND (review_count > 0 OR average_rating = 0)",
            name="ck_review_aggregates_figures",
        ),
    )
    op.create_index("ix_review_aggregates_reviewee_id", "review_aggregates", ["reviewee_id"])
    op.create_index("ix_review_aggregates_created", "review_aggregates", ["created_at", "id"])

    op.add_column(
        "search_listings",
        sa.Column("average_rating", sa.Numeric(3, 2), nullable=False, server_default="0"),
    )
    op.add_column(
        "search_listings",
        sa.Column("review_count", sa.Integer, nullable=False, server_default="0"),
    )


def downgrade() -> None:
    op.drop_column("search_listings", "review_count")
    op.drop_column("search_listings", "average_rating")
    op.drop_table("review_aggregates")
    op.drop_table("reviews")
