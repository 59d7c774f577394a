"""The BFF's read-side views: one module per view (its fields, its query, its visibility
built on each package's readable statement), the filter language they share, and saved
filters."""
