"""The BFF's read-side views: one module per named index (its fields, its query, its
visibility built on each package's readable statement), the filter language they share,
saved filters, and the aggregated views (`aggregated/`)."""
