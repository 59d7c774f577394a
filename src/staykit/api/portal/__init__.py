"""The account portal at /account: a person's businesses and the access they have given
to applications (OAuth authorizations, manual tokens, Channel API invites, long-life
tokens, API keys), server-rendered pages with CSRF-protected forms."""
