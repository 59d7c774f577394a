"""The Channel API v2 surface (Beds24 style) at /v2."""
