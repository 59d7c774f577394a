"""How the views show a person (a guest or a host) beside another record: the public
profile only (no email, no phone)."""

from __future__ import annotations

from typing import Any

from staykit.domain.auth.models import User


def person(user: User | None) -> dict[str, Any] | None:
    if user is None:
        return None
    return {"id": user.id, "fullname": user.fullname, "avatar": user.avatar}
