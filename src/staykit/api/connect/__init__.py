"""The identity surface: OAuth 2 / OpenID Connect at /connect and /.well-known."""
