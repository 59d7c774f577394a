"""Channel API v2 (/v2) tests."""
