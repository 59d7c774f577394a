"""Who is calling and what they may touch: the principal, scopes, and field masking."""
