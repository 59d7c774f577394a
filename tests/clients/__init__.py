"""API clients staykit did not write, for its partner surfaces' tests (see README.md)."""
