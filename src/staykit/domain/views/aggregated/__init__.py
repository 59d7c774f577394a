"""The five aggregated views of the BFF (spec §9): BookingListView, MessageThreadView,
ReviewDisplayView, PaymentRecordView and disputeDetailView, one module each.

Each is a plain query over the source tables, filtered by the owning package's readable
statement for the principal: a view never decides who sees a row itself, and it is never
stale (a user's own write is in the next read, in the same transaction even). A page of
N rows is read in a fixed number of queries, whatever N is.

Values are domain values (UUID, date, datetime, Decimal rounded to the currency); the
surface writes them in its own JSON.
"""
