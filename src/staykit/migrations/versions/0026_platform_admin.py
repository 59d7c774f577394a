"""Platform administration: localization settings, financial reports, and the indexes
the admin lists of audit rows and API keys read.

localization_settings: the languages (BCP 47) and currencies (ISO 4217) the platform
offers, each for a period. Seeded with what the catalog accepted before: every ISO 639-1
language and every currency staykit has minor units for (core/money.py), open-ended, so
no listing or locale text that was valid yesterday is refused today.

financial_reports: one snapshot per month and currency, summed from the ledger; append-
only (the append_only_rows trigger function of 0018 refuses UPDATE and DELETE; TRUNCATE
stays possible).

audit_logs already refuses UPDATE and DELETE (0018) and has no foreign key: removing a
user never touches its rows.

Revision ID: 0026
Revises: 0025
Create Date: 2026-12-10
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = "0026"
down_revision = "0025"
branch_labels = None
depends_on = None

# Frozen copies (a migration never imports the code it migrates for).
LANGUAGES = """
aa ab ae af ak am an ar as av ay az ba be bg bh bi bm bn bo br bs ca ce ch co cr cs cu
cv cy da de dv dz ee el en eo es et eu fa ff fi fj fo fr fy ga gd gl gn gu gv ha he hi
ho hr ht hu hy hz ia id ie ig ii ik io is it iu ja jv ka kg ki kj kk kl km kn ko kr ks
ku kv kw ky la lb lg li ln lo lt lu lv mg mh mi mk ml mn mr ms mt my na nb nd ne ng nl
nn no nr nv ny oc oj om or os pa pi pl ps pt qu rm rn ro ru rw sa sc sd se sg si sk sl
sm sn so sq sr ss st su sv sw ta te tg th ti tk tl tn to tr ts tt tw ty ug uk ur uz ve
vi vo wa wo xh yi yo za zh zu
""".split()
CURRENCIES = """
AED AUD BGN BRL CAD CHF CNY COP CZK DKK EGP EUR GBP GEL HKD HUF IDR ILS INR KES MAD MXN
MYR NOK NZD PEN PHP PLN QAR RON RSD SAR SEK SGD THB TRY TWD UAH USD ZAR ARS CRC DOP GTQ
LKR NGN PKR VND JPY KRW CLP ISK XOF XAF UGX PYG BHD JOD KWD OMR TND
""".split()
TS = sa.DateTime(timezone=True)


def _record() -> list[sa.Column[object]]:
    """The columns every record has (staykit.core.models.Record)."""
    return [
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("is_active", sa.Boolean(), server_default=sa.text("true"), nullable=False),
        sa.Column("record_version", sa.Integer(), server_default=sa.text("1"), nullable=False),
        sa.Column("created_at", TS, server_default=sa.func.now(), nullable=False),
        sa.Column("updated_at", TS, server_default=sa.func.now(), nullable=False),
        sa.Column("owner_id", sa.Uuid(), nullable=True),
    ]


def upgrade() -> None:
    op.create_table(
        "localization_settings",
        *_record(),
        sa.Column("language_code", sa.String(length=20), nullable=True),
        sa.Column("currency_code", sa.String(length=3), nullable=True),
        sa.Column("is_currency_active", sa.Boolean(), nullable=False),
        sa.Column("effective_from", sa.Date(), nullable=True),
        sa.Column("effective_to", sa.Date(), nullable=True),
        sa.CheckConstraint(
            "language_code IS NOT NULL OR currency_code IS NOT NULL",
            name=op.f("ck_localization_settings_offers_something"),
        ),
        sa.CheckConstraint(
            "effective_from IS NULL OR effective_to IS NULL OR effective_from <= effective_to",
            name=op.f("ck_localization_settings_period"),
        ),
        sa.CheckConstraint(
            "currency_code IS NOT NULL OR NOT is_currency_active",
            name=op.f("ck_localization_settings_currency"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_localization_settings")),
    )
    op.create_index("ix_localization_settings_language", "localization_settings", ["language_code"])
    op.create_index("ix_localization_settings_currency", "localization_settings", ["currency_code"])
    op.execute(
        sa.text(
            "INSERT INTO localization_settings (id, language_code, currency_code, "
            "is_currency_active) SELECT gen_random_uuid(), code, NULL, false "
            "FROM unnest(CAST(:languages AS text[])) AS code"
        ).bindparams(languages=LANGUAGES)
    )
    op.execute(
        sa.text(
            "INSERT INTO localization_settings (id, language_code, currency_code, "
            "is_currency_active) SELECT gen_random_uuid(), NULL, code, true "
            "FROM unnest(CAST(:currencies AS text[])) AS code"
        ).bindparams(currencies=CURRENCIES)
    )

    op.create_table(
        "financial_reports",
        *_record(),
        sa.Column("period", sa.String(length=7), nullable=False),
        sa.Column("currency", sa.String(length=3), nullable=False),
        sa.Column("total_revenue", sa.Numeric(16, 3), nullable=False),
        sa.Column("total_refunds", sa.Numeric(16, 3), nullable=False),
        sa.Column("total_payouts", sa.Numeric(16, 3), nullable=False),
        sa.Column("total_platform_fees", sa.Numeric(16, 3), nullable=False),
        sa.Column("total_city_tax", sa.Numeric(16, 3), nullable=False),
        sa.Column("city_tax_by_location", postgresql.JSONB(astext_type=sa.Text()), nullable=False),
        sa.Column("entry_count", sa.Integer(), nullable=False),
        sa.Column("generated_at", TS, nullable=False),
        sa.Column("created_by", sa.Uuid(), nullable=True),
        sa.CheckConstraint(
            "period ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'", name=op.f("ck_financial_reports_period")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_financial_reports")),
        sa.UniqueConstraint("period", "currency", name="uq_financial_reports_period_currency"),
    )
    op.execute(
        "CREATE TRIGGER financial_reports_append_only BEFORE UPDATE OR DELETE ON "
        "financial_reports FOR EACH ROW EXECUTE FUNCTION append_only_rows()"
    )
    # listApiKeys: the api_key grants, newest first.
    op.create_index(
        "ix_partner_grants_kind_created", "partner_grants", ["kind", "created_at", "id"]
    )
    # The ledger summed per month (financial reports).
    op.create_index(
        "ix_ledger_entries_currency_created", "ledger_entries", ["currency", "created_at"]
    )


def downgrade() -> None:
    op.drop_index("ix_ledger_entries_currency_created", table_name="ledger_entries")
    op.drop_index("ix_partner_grants_kind_created", table_name="partner_grants")
    op.execute("DROP TRIGGER financial_reports_append_only ON financial_reports")
    op.drop_table("financial_reports")
    op.drop_table("localization_settings")
