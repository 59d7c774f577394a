"""Who may do what in the auth service, in one place."""

from __future__ import annotations

import uuid

from staykit.core.errors import Forbidden, Unauthenticated
from staykit.domain.access.principal import Principal


def require_login(actor: Principal | None) -> Principal:
    if actor is None:
        raise Unauthenticated(
            "This route needs a logged-in user: send an access token.", code="noLoginFound"
        )
    if actor.needs_email_2fa:
        raise Forbidden("Complete email two-factor verification first.", code="email2FARequired")
    if actor.needs_mobile_2fa:
        raise Forbidden("Complete mobile two-factor verification first.", code="mobile2FARequired")
    return actor


def require_admin(actor: Principal | None) -> Principal:
    actor = require_login(actor)
    if not actor.is_admin:
        raise Forbidden("Only admins may do this.", code="adminRoleRequired")
    return actor


def require_self_or_admin(actor: Principal | None, user_id: uuid.UUID) -> Principal:
    actor = require_login(actor)
    if actor.user_id != user_id and not actor.is_admin:
        raise Forbidden("Only the user themself or an admin may do this.", code="notYourAccount")
    return actor


def require_self(actor: Principal | None, user_id: uuid.UUID) -> Principal:
    actor = require_login(actor)
    if actor.user_id != user_id:
        raise Forbidden("Only the user themself may do this.", code="notYourAccount")
    return actor


def may_manage(actor: Principal, target_role: str) -> bool:
    """superAdmins manage everyone; admins manage plain users only."""
    if actor.is_super_admin:
        return True
    return actor.role_id == "admin" and target_role == "user"
