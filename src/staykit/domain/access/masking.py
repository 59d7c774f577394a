"""Who sees personal and financial fields: one policy, whichever route or surface asks.

Personal fields (a person's email, phone, address) are seen by the person themself, by
admins, and by the other party of a stay they share (a guest sees their host, the host
side sees its guest). Financial fields (prices, invoices, payouts) are seen by the
parties of the stay and admins. A partner credential additionally needs the matching
scope (`read:bookings-personal`, `read:bookings-financial`); first-party sessions carry
no scopes and are limited only by the relations above.
"""

from __future__ import annotations

import uuid

from staykit.domain.access.principal import Principal
from staykit.domain.access.scopes import Scope


def sees_personal(
    principal: Principal | None, subject_user_id: uuid.UUID, *, shares_a_stay: bool = False
) -> bool:
    """Whether the principal may see the personal fields of user `subject_user_id`."""
    if principal is None or not principal.allows(Scope.READ_BOOKINGS_PERSONAL):
        return False
    return principal.is_admin or principal.user_id == subject_user_id or shares_a_stay


def sees_financial(principal: Principal | None, *, party_to_the_stay: bool) -> bool:
    """Whether the principal may see the money fields of a stay it can read."""
    if principal is None or not principal.allows(Scope.READ_BOOKINGS_FINANCIAL):
        return False
    return principal.is_admin or party_to_the_stay
