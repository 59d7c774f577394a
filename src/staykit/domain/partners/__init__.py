"""Partner identity: OAuth clients, grants a person gives partners, and the credential
values issued under them (access and refresh tokens, codes, invite codes)."""
