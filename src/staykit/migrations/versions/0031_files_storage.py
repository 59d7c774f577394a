"""File bytes move to the file store (staykit.core.storage); listing photos get a table.

Avatars, message attachments and GDPR export archives keep their metadata rows and gain
`storage_key` (where the bytes are in the store) and `sha256`. Their bytea columns become
nullable and stay for the rows written before this revision: a migration cannot reach an
S3 bucket (no credentials, no network in `staykit migrate`), and copying gigabytes inside
one migration transaction would hold locks for as long. So old rows keep their bytes in
PostgreSQL and readers fall back to them (a row has its `storage_key` or its bytea);
`staykit files move-to-store` copies them out later, online. See docs/storage.md.

Listing photos were rows of user_avatars_files (metadata purpose "listingPhoto"); they
belong to a listing and its business, not to a user, so they move, with their bytes, to
listing_photos, keeping their access keys; the listings' photo addresses are rewritten to
the new download route (/propertycatalog-api/v1/listingphotos/download/<key>).

The erase of a message attachment leaves size 0 and no bytes: the old size check
(size = octet_length(content) AND size BETWEEN 1 AND 1000000) refused that.

Revision ID: 0031
Revises: 0030
Create Date: 2026-12-03
"""

# The SQL below is built from this module's constants and table names only.
# ruff: noqa: S608

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0031"
down_revision = "0030"
branch_labels = None
depends_on = None

OLD_PATH = "/auth-api/v1/useravatarsfiles/download/"
NEW_PATH = "/propertycatalog-api/v1/listingphotos/download/"


def _stored_columns(table: str) -> None:
    op.add_column(table, sa.Column("storage_key", sa.String(512), nullable=True))
    op.add_column(table, sa.Column("sha256", sa.String(64), nullable=True))


def _rewrite(column: str) -> str:
    """The SQL for one photo address: the new route when it names a moved photo."""
    key = f"substring({column} from '[A-Za-z0-9]{{12}}$')"
    return (
        f"CASE WHEN {column} LIKE '{OLD_PATH}%' AND EXISTS "
        f"(SELECT 1 FROM listing_photos lp WHERE lp.access_key = {key}) "
        f"THEN '{NEW_PATH}' || {key} ELSE {column} END"
    )


def upgrade() -> None:
    _stored_columns("user_avatars_files")
    op.alter_column("user_avatars_files", "file_data", nullable=True)

    _stored_columns("message_attachments")
    op.alter_column("message_attachments", "content", nullable=True)
    op.drop_constraint(op.f("ck_message_attachments_size"), "message_attachments", type_="check")
    op.create_check_constraint(
        op.f("ck_message_attachments_size"), "message_attachments", "size BETWEEN 0 AND 1000000"
    )
    op.create_check_constraint(
        op.f("ck_message_attachments_content_size"),
        "message_attachments",
        "content IS NULL OR size = octet_length(content)",
    )

    _stored_columns("gdpr_exports")
    op.alter_column("gdpr_exports", "archive", nullable=True)

    op.create_table(
        "listing_photos",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("is_active", sa.Boolean(), server_default=sa.text("true"), nullable=False),
        sa.Column("record_version", sa.Integer(), server_default=sa.text("1"), nullable=False),
        sa.Column(
            "created_at", sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False
        ),
        sa.Column(
            "updated_at", sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False
        ),
        sa.Column("owner_id", sa.Uuid(), nullable=True),
        sa.Column("business_id", sa.Uuid(), nullable=True),
        sa.Column("unit_type_id", sa.Uuid(), nullable=True),
        sa.Column("file_name", sa.String(255), nullable=False),
        sa.Column("mime_type", sa.String(100), nullable=False),
        sa.Column("file_size", sa.Integer(), nullable=False),
        sa.Column("access_key", sa.String(12), nullable=False),
        sa.Column("storage_key", sa.String(512), nullable=True),
        sa.Column("sha256", sa.String(64), nullable=True),
        sa.Column("file_data", sa.LargeBinary(), nullable=True),
        sa.ForeignKeyConstraint(
            ["business_id"], ["businesses.id"], name="fk_listing_photos_business_id_businesses"
        ),
        sa.ForeignKeyConstraint(
            ["unit_type_id"], ["unit_types.id"], name="fk_listing_photos_unit_type_id_unit_types"
        ),
        sa.PrimaryKeyConstraint("id", name="pk_listing_photos"),
        sa.UniqueConstraint("access_key", name="uq_listing_photos_access_key"),
    )
    op.create_index("ix_listing_photos_business_id", "listing_photos", ["business_id"])
    op.create_index("ix_listing_photos_unit_type_id", "listing_photos", ["unit_type_id"])

    # The listing a photo belongs to: the one showing its address, else the one its
    # metadata names (a photo uploaded with a listing that was then not created has none).
    op.execute(
        f"""
        INSERT INTO listing_photos (id, is_active, record_version, created_at, updated_at,
            owner_id, business_id, unit_type_id, file_name, mime_type, file_size,
            access_key, sha256, file_data)
        SELECT f.id, f.is_active, f.record_version, f.created_at, f.updated_at, f.owner_id,
            ut.business_id, ut.id, f.file_name, f.mime_type, f.file_size, f.access_key,
            encode(sha256(f.file_data), 'hex'), f.file_data
        FROM user_avatars_files f
        LEFT JOIN LATERAL (
            SELECT u.id, u.business_id FROM unit_types u
            WHERE '{OLD_PATH}' || f.access_key = ANY(u.photos)
               OR u.id::text = f.metadata->>'listingId'
            ORDER BY ('{OLD_PATH}' || f.access_key = ANY(u.photos)) DESC
            LIMIT 1
        ) ut ON true
        WHERE f.metadata->>'purpose' = 'listingPhoto'
        """
    )
    op.execute("DELETE FROM user_avatars_files f USING listing_photos lp WHERE f.id = lp.id")
    op.execute(
        f"""
        UPDATE unit_types SET
            photos = ARRAY(
                SELECT {_rewrite("p")} FROM unnest(photos) WITH ORDINALITY AS x(p, n) ORDER BY n
            ),
            main_photo = {_rewrite("main_photo")},
            record_version = record_version + 1,
            updated_at = now()
        WHERE EXISTS (
            SELECT 1 FROM unnest(photos) AS p
            WHERE p LIKE '{OLD_PATH}%'
              AND substring(p from '[A-Za-z0-9]{{12}}$') IN (SELECT access_key FROM listing_photos)
        )
        """
    )


def downgrade() -> None:
    # Photos go back where they were; a photo stored in the file store only (after this
    # revision) has no bytes to bring back into the row and is dropped.
    op.execute(
        f"""
        UPDATE unit_types SET
            photos = ARRAY(
                SELECT replace(p, '{NEW_PATH}', '{OLD_PATH}')
                FROM unnest(photos) WITH ORDINALITY AS x(p, n) ORDER BY n
            ),
            main_photo = replace(main_photo, '{NEW_PATH}', '{OLD_PATH}')
        WHERE array_to_string(photos, ' ') LIKE '%{NEW_PATH}%'
        """
    )
    op.execute(
        """
        INSERT INTO user_avatars_files (id, is_active, record_version, created_at, updated_at,
            owner_id, file_name, mime_type, file_size, access_key, file_data, metadata)
        SELECT id, is_active, record_version, created_at, updated_at, owner_id, file_name,
            mime_type, file_size, access_key, file_data,
            jsonb_build_object('purpose', 'listingPhoto', 'listingId', unit_type_id::text)
        FROM listing_photos WHERE file_data IS NOT NULL
        """
    )
    op.drop_table("listing_photos")
    for table, column in (
        ("gdpr_exports", "archive"),
        ("message_attachments", "content"),
        ("user_avatars_files", "file_data"),
    ):
        op.execute(f"DELETE FROM {table} WHERE {column} IS NULL")
        op.alter_column(table, column, nullable=False)
        op.drop_column(table, "sha256")
        op.drop_column(table, "storage_key")
    op.drop_constraint(
        op.f("ck_message_attachments_content_size"), "message_attachments", type_="check"
    )
    op.drop_constraint(op.f("ck_message_attachments_size"), "message_attachments", type_="check")
    op.create_check_constraint(
        op.f("ck_message_attachments_size"),
        "message_attachments",
        "size = octet_length(content) AND size BETWEEN 1 AND 1000000",
    )
