"""Search: indexes and maintained structures that keep listing search fast.

- Trigram GIN indexes on unit_types.description and properties.city (unit_types.title has
  one since 0003), so that a `q` word finds its candidates through an index.
- search_listings: one row per unit type with what a search reads of it (the property's
  earth point and time zone, the listing's filter and price columns, the default rate) and
  `sold_out`, the nights on which no unit of the type can be sold (every active unit
  occupied, stop-sell, or an availability cap of 0). A search reads this compact row
  instead of the unit type, its property, its rate, its units and their occupancies.

Triggers keep every row exact whoever writes (the catalog, blocks, the booking engine, an
import, psql): each change recomputes the part of the row it can affect FROM THE SOURCE
ROWS, after taking the row's lock. Recomputing (rather than counting up and down) cannot
drift; the lock makes two writers of one unit type go one after the other, and since each
statement of a PL/pgSQL function takes a new snapshot under READ COMMITTED, the second
recomputes with what the first committed. (Under REPEATABLE READ the second gets a
serialization failure and retries, as for any concurrent update.) An occupancy or
inventory change recomputes only its own nights.

The functions that read tables run with enable_seqscan = off: each of their queries is an
index lookup by unit type, unit or date, and PL/pgSQL caches its plans per connection. A
plan made while a table was nearly empty (a new database, the start of a bulk load) would
otherwise stay a sequential scan as the table grows, until an ANALYZE replaces it; with
seqscans off the cached plan is the index lookup at any size.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-22 14:30:00
"""

from __future__ import annotations

from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

# The listing columns of search_listings, as the view search_listing_source computes them.
LISTING_COLUMNS = (
    "business_id, host_id, earth, time_zone, is_active, is_published, max_guests, "
    "base_occupancy, min_stay, max_stay, currency, price_per_night, cleaning_fee, "
    "city_tax_percent, seasonal_pricing, created_at, rate_id, base_price, "
    "extra_guest_charges"
)


def _columns(sql: str) -> str:
    """`sql` with {columns} replaced by LISTING_COLUMNS (a constant, never input)."""
    return sql.replace("{columns}", LISTING_COLUMNS)


UPGRADE = [
    "CREATE INDEX ix_unit_types_description_trgm ON unit_types "
    "USING gin (description gin_trgm_ops)",
    "CREATE INDEX ix_properties_city_trgm ON properties USING gin (city gin_trgm_ops)",
    """
    CREATE TABLE search_listings (
        unit_type_id uuid NOT NULL,
        business_id uuid,
        host_id uuid,
        earth earth,
        time_zone varchar(64),
        is_active boolean,
        is_published boolean,
        max_guests smallint,
        base_occupancy smallint,
        min_stay integer,
        max_stay integer,
        currency varchar(3),
        price_per_night numeric(14, 3),
        cleaning_fee numeric(14, 3),
        city_tax_percent numeric(5, 2),
        seasonal_pricing jsonb,
        created_at timestamptz,
        rate_id uuid,
        base_price numeric(14, 3),
        extra_guest_charges jsonb,
        sold_out datemultirange NOT NULL DEFAULT '{}',
        CONSTRAINT pk_search_listings PRIMARY KEY (unit_type_id),
        CONSTRAINT fk_search_listings_unit_type_id_unit_types FOREIGN KEY (unit_type_id)
            REFERENCES unit_types (id) ON DELETE CASCADE
    ) WITH (fillfactor = 90)
    """,
    # fillfactor 90: a booking rewrites the row; room on its page keeps that a HOT update
    # (no new index entries: sold_out is in no index) while the table stays compact.
    "CREATE INDEX ix_search_listings_earth ON search_listings USING gist (earth)",
    # What the listing columns of a unit type's row must be: one place for the triggers, the
    # backfill and the tests that check the table against its sources.
    """
    CREATE VIEW search_listing_source AS
    SELECT ut.id AS unit_type_id, ut.business_id, ut.host_id,
           ll_to_earth(p.latitude, p.longitude) AS earth, p.time_zone,
           ut.is_active, ut.is_published, ut.max_guests, ut.base_occupancy, ut.min_stay,
           ut.max_stay, ut.currency, ut.price_per_night, ut.cleaning_fee,
           ut.city_tax_percent, ut.seasonal_pricing, ut.created_at,
           r.id AS rate_id, r.base_price, r.extra_guest_charges
    FROM unit_types ut
    JOIN properties p ON p.id = ut.property_id
    LEFT JOIN rates r ON r.unit_type_id = ut.id AND r.is_default AND r.is_active
    """,
    # The nights of `nights` on which the unit type has no sellable unit, by the rules of
    # availability.py: no active unit at all, every active unit occupied (the intersection
    # of each unit's occupied nights), stop-sell, or an availability cap of 0.
    """
    CREATE FUNCTION search_sold_out_nights(p_unit_type uuid, p_nights daterange)
    RETURNS datemultirange LANGUAGE plpgsql STABLE SET enable_seqscan = off AS $$
    DECLARE
        first_night date := coalesce(lower(p_nights), '-infinity');
        after_last date := coalesce(upper(p_nights), 'infinity');
        unit_count bigint;
        occupied datemultirange;
        closed datemultirange;
    BEGIN
        IF isempty(p_nights) THEN
            RETURN '{}';
        END IF;
        -- The nights every active unit is occupied: the intersection of each unit's.
        SELECT count(*), range_intersect_agg(coalesce(taken.nights, '{}'))
        INTO unit_count, occupied
        FROM units u
        LEFT JOIN LATERAL (
            SELECT range_agg(daterange(o.arrival, o.departure)) AS nights
            FROM occupancies o
            WHERE o.unit_id = u.id AND o.active
              AND o.arrival < after_last AND o.departure > first_night
        ) taken ON true
        WHERE u.unit_type_id = p_unit_type AND u.is_active;
        SELECT range_agg(daterange(i.date, i.date + 1)) INTO closed
        FROM inventory_days i
        WHERE i.unit_type_id = p_unit_type AND i.is_active
          AND (i.stop_sell OR i.availability_cap = 0)
          AND i.date >= first_night AND i.date < after_last;
        RETURN CASE WHEN unit_count = 0 THEN datemultirange(p_nights)
                    ELSE occupied * datemultirange(p_nights) END
               + coalesce(closed, '{}');
    END
    $$
    """,
    # Bring one unit type's row up to date: its listing columns (p_listing) and/or its
    # sold-out nights within p_nights (empty: none; '(,)': all).
    _columns(
        """
    CREATE FUNCTION search_refresh(p_unit_type uuid, p_listing boolean, p_nights daterange)
    RETURNS void LANGUAGE plpgsql SET enable_seqscan = off AS $$
    BEGIN
        IF p_unit_type IS NULL OR (NOT p_listing AND isempty(p_nights)) THEN
            RETURN;
        END IF;
        -- The row's lock first: a concurrent writer of this unit type finishes (commits)
        -- before the statements below start, and so before their snapshots are taken.
        PERFORM 1 FROM search_listings WHERE unit_type_id = p_unit_type FOR UPDATE;
        IF NOT FOUND THEN
            INSERT INTO search_listings (unit_type_id, {columns}, sold_out)
            SELECT unit_type_id, {columns},
                   search_sold_out_nights(unit_type_id, '(,)')
            FROM search_listing_source WHERE unit_type_id = p_unit_type
            ON CONFLICT (unit_type_id) DO NOTHING;
            IF FOUND THEN
                RETURN;  -- computed in full just now
            END IF;
            -- Created by a concurrent writer (we waited for it), or the type is gone.
            PERFORM 1 FROM search_listings WHERE unit_type_id = p_unit_type FOR UPDATE;
            IF NOT FOUND THEN
                RETURN;
            END IF;
        END IF;
        IF p_listing THEN
            UPDATE search_listings s
            SET ({columns}) = (
                SELECT {columns} FROM search_listing_source v
                WHERE v.unit_type_id = p_unit_type
            )
            WHERE s.unit_type_id = p_unit_type;
        END IF;
        IF NOT isempty(p_nights) THEN
            UPDATE search_listings s
            SET sold_out = (s.sold_out - datemultirange(p_nights))
                           + search_sold_out_nights(p_unit_type, p_nights)
            WHERE s.unit_type_id = p_unit_type;
        END IF;
    END
    $$
    """
    ),
    # --- the triggers: which rows and nights each change can affect ---------------------
    """
    CREATE FUNCTION search_on_unit_type() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        PERFORM search_refresh(NEW.id, true, 'empty');
        RETURN NULL;
    END
    $$
    """,
    """
    CREATE TRIGGER search_unit_type_insert AFTER INSERT ON unit_types
    FOR EACH ROW EXECUTE FUNCTION search_on_unit_type()
    """,
    """
    CREATE TRIGGER search_unit_type_update
    AFTER UPDATE OF business_id, host_id, property_id, is_active, is_published, max_guests,
        base_occupancy, min_stay, max_stay, currency, price_per_night, cleaning_fee,
        city_tax_percent, seasonal_pricing, created_at
    ON unit_types FOR EACH ROW
    WHEN ((OLD.business_id, OLD.host_id, OLD.property_id, OLD.is_active, OLD.is_published,
           OLD.max_guests, OLD.base_occupancy, OLD.min_stay, OLD.max_stay, OLD.currency,
           OLD.price_per_night, OLD.cleaning_fee, OLD.city_tax_percent,
           OLD.seasonal_pricing, OLD.created_at)
          IS DISTINCT FROM
          (NEW.business_id, NEW.host_id, NEW.property_id, NEW.is_active, NEW.is_published,
           NEW.max_guests, NEW.base_occupancy, NEW.min_stay, NEW.max_stay, NEW.currency,
           NEW.price_per_night, NEW.cleaning_fee, NEW.city_tax_percent,
           NEW.seasonal_pricing, NEW.created_at))
    EXECUTE FUNCTION search_on_unit_type()
    """,
    """
    CREATE FUNCTION search_on_property() RETURNS trigger LANGUAGE plpgsql
    SET enable_seqscan = off AS $$
    DECLARE
        t uuid;
    BEGIN
        FOR t IN SELECT id FROM unit_types WHERE property_id = NEW.id ORDER BY id LOOP
            PERFORM search_refresh(t, true, 'empty');
        END LOOP;
        RETURN NULL;
    END
    $$
    """,
    """
    CREATE TRIGGER search_property_update
    AFTER UPDATE OF latitude, longitude, time_zone ON properties FOR EACH ROW
    WHEN ((OLD.latitude, OLD.longitude, OLD.time_zone)
          IS DISTINCT FROM (NEW.latitude, NEW.longitude, NEW.time_zone))
    EXECUTE FUNCTION search_on_property()
    """,
    """
    CREATE FUNCTION search_on_rate() RETURNS trigger LANGUAGE plpgsql AS $$
    DECLARE
        old_type uuid;
    BEGIN
        IF TG_OP IN ('UPDATE', 'DELETE') THEN
            old_type := OLD.unit_type_id;
            PERFORM search_refresh(old_type, true, 'empty');
        END IF;
        IF TG_OP IN ('INSERT', 'UPDATE') AND NEW.unit_type_id IS DISTINCT FROM old_type THEN
            PERFORM search_refresh(NEW.unit_type_id, true, 'empty');
        END IF;
        RETURN NULL;
    END
    $$
    """,
    """
    CREATE TRIGGER search_rate_insert_delete AFTER INSERT OR DELETE ON rates
    FOR EACH ROW EXECUTE FUNCTION search_on_rate()
    """,
    """
    CREATE TRIGGER search_rate_update
    AFTER UPDATE OF unit_type_id, is_default, is_active, base_price, extra_guest_charges
    ON rates FOR EACH ROW
    WHEN ((OLD.unit_type_id, OLD.is_default, OLD.is_active, OLD.base_price,
           OLD.extra_guest_charges)
          IS DISTINCT FROM (NEW.unit_type_id, NEW.is_default, NEW.is_active,
                            NEW.base_price, NEW.extra_guest_charges))
    EXECUTE FUNCTION search_on_rate()
    """,
    # A unit joining or leaving a type changes how many units every night has: all of the
    # type's nights are recomputed (rare: adding or retiring a room).
    """
    CREATE FUNCTION search_on_unit() RETURNS trigger LANGUAGE plpgsql AS $$
    DECLARE
        old_type uuid;
    BEGIN
        IF TG_OP IN ('UPDATE', 'DELETE') THEN
            old_type := OLD.unit_type_id;
            PERFORM search_refresh(old_type, false, '(,)');
        END IF;
        IF TG_OP IN ('INSERT', 'UPDATE') AND NEW.unit_type_id IS DISTINCT FROM old_type THEN
            PERFORM search_refresh(NEW.unit_type_id, false, '(,)');
        END IF;
        RETURN NULL;
    END
    $$
    """,
    """
    CREATE TRIGGER search_unit_insert_delete AFTER INSERT OR DELETE ON units
    FOR EACH ROW EXECUTE FUNCTION search_on_unit()
    """,
    """
    CREATE TRIGGER search_unit_update AFTER UPDATE OF unit_type_id, is_active ON units
    FOR EACH ROW
    WHEN ((OLD.unit_type_id, OLD.is_active) IS DISTINCT FROM (NEW.unit_type_id, NEW.is_active))
    EXECUTE FUNCTION search_on_unit()
    """,
    # An occupancy counts for the type its UNIT belongs to (as in availability.py), and only
    # its own nights can change.
    """
    CREATE FUNCTION search_on_occupancy() RETURNS trigger LANGUAGE plpgsql
    SET enable_seqscan = off AS $$
    DECLARE
        old_type uuid;
        new_type uuid;
        old_nights daterange := 'empty';
        new_nights daterange := 'empty';
    BEGIN
        IF TG_OP IN ('UPDATE', 'DELETE') AND OLD.active THEN
            SELECT unit_type_id INTO old_type FROM units WHERE id = OLD.unit_id;
            old_nights := daterange(OLD.arrival, OLD.departure);
        END IF;
        IF TG_OP IN ('INSERT', 'UPDATE') AND NEW.active THEN
            SELECT unit_type_id INTO new_type FROM units WHERE id = NEW.unit_id;
            new_nights := daterange(NEW.arrival, NEW.departure);
        END IF;
        IF old_type = new_type THEN
            PERFORM search_refresh(new_type, false, range_merge(old_nights, new_nights));
        ELSE
            PERFORM search_refresh(old_type, false, old_nights);
            PERFORM search_refresh(new_type, false, new_nights);
        END IF;
        RETURN NULL;
    END
    $$
    """,
    """
    CREATE TRIGGER search_occupancy_insert_delete AFTER INSERT OR DELETE ON occupancies
    FOR EACH ROW EXECUTE FUNCTION search_on_occupancy()
    """,
    """
    CREATE TRIGGER search_occupancy_update
    AFTER UPDATE OF unit_id, arrival, departure, active ON occupancies FOR EACH ROW
    WHEN ((OLD.unit_id, OLD.arrival, OLD.departure, OLD.active)
          IS DISTINCT FROM (NEW.unit_id, NEW.arrival, NEW.departure, NEW.active))
    EXECUTE FUNCTION search_on_occupancy()
    """,
    """
    CREATE FUNCTION search_on_inventory_day() RETURNS trigger LANGUAGE plpgsql AS $$
    DECLARE
        old_type uuid;
        new_type uuid;
        old_nights daterange := 'empty';
        new_nights daterange := 'empty';
    BEGIN
        IF TG_OP IN ('UPDATE', 'DELETE') THEN
            old_type := OLD.unit_type_id;
            old_nights := daterange(OLD.date, OLD.date + 1);
        END IF;
        IF TG_OP IN ('INSERT', 'UPDATE') THEN
            new_type := NEW.unit_type_id;
            new_nights := daterange(NEW.date, NEW.date + 1);
        END IF;
        IF old_type = new_type THEN
            PERFORM search_refresh(new_type, false, range_merge(old_nights, new_nights));
        ELSE
            PERFORM search_refresh(old_type, false, old_nights);
            PERFORM search_refresh(new_type, false, new_nights);
        END IF;
        RETURN NULL;
    END
    $$
    """,
    """
    CREATE TRIGGER search_inventory_day_insert_delete AFTER INSERT OR DELETE ON inventory_days
    FOR EACH ROW EXECUTE FUNCTION search_on_inventory_day()
    """,
    """
    CREATE TRIGGER search_inventory_day_update
    AFTER UPDATE OF unit_type_id, date, stop_sell, availability_cap, is_active
    ON inventory_days FOR EACH ROW
    WHEN ((OLD.unit_type_id, OLD.date, OLD.stop_sell, OLD.availability_cap, OLD.is_active)
          IS DISTINCT FROM (NEW.unit_type_id, NEW.date, NEW.stop_sell, NEW.availability_cap,
                            NEW.is_active))
    EXECUTE FUNCTION search_on_inventory_day()
    """,
    # --- the rows of the unit types already there ---------------------------------------
    _columns(
        """
    INSERT INTO search_listings (unit_type_id, {columns}, sold_out)
    SELECT unit_type_id, {columns}, search_sold_out_nights(unit_type_id, '(,)')
    FROM search_listing_source
    """
    ),
    "ANALYZE search_listings",
]

DOWNGRADE = [
    "DROP TRIGGER search_inventory_day_update ON inventory_days",
    "DROP TRIGGER search_inventory_day_insert_delete ON inventory_days",
    "DROP TRIGGER search_occupancy_update ON occupancies",
    "DROP TRIGGER search_occupancy_insert_delete ON occupancies",
    "DROP TRIGGER search_unit_update ON units",
    "DROP TRIGGER search_unit_insert_delete ON units",
    "DROP TRIGGER search_rate_update ON rates",
    "DROP TRIGGER search_rate_insert_delete ON rates",
    "DROP TRIGGER search_property_update ON properties",
    "DROP TRIGGER search_unit_type_update ON unit_types",
    "DROP TRIGGER search_unit_type_insert ON unit_types",
    "DROP FUNCTION search_on_inventory_day()",
    "DROP FUNCTION search_on_occupancy()",
    "DROP FUNCTION search_on_unit()",
    "DROP FUNCTION search_on_rate()",
    "DROP FUNCTION search_on_property()",
    "DROP FUNCTION search_on_unit_type()",
    "DROP FUNCTION search_refresh(uuid, boolean, daterange)",
    "DROP FUNCTION search_sold_out_nights(uuid, daterange)",
    "DROP VIEW search_listing_source",
    "DROP TABLE search_listings",
    "DROP INDEX ix_properties_city_trgm",
    "DROP INDEX ix_unit_types_description_trgm",
]


def upgrade() -> None:
    for statement in UPGRADE:
        op.execute(statement)


def downgrade() -> None:
    for statement in DOWNGRADE:
        op.execute(statement)
