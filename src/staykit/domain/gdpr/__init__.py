"""GDPR requests: a person's export, erase (delete) and consent requests, the archive an
export builds and the anonymisation an erase applies (docs/gdpr.md)."""
