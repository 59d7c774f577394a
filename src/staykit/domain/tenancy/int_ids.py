"""A business's integer id (`int_id`, the Channel API's account id) for other packages'
statements, so they read it without touching the tenancy models themselves."""

from __future__ import annotations

from typing import Any

from sqlalchemy import ScalarSelect, select

from staykit.domain.tenancy.models import Business


def business_int_id(business_column: Any) -> ScalarSelect[int]:
    """The int_id of the business `business_column` names, as a correlated subquery."""
    return select(Business.int_id).where(Business.id == business_column).scalar_subquery()
