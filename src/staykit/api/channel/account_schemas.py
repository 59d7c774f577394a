"""Response bodies of /accounts and /organizations/users (Beds24 API V2 field names)."""

from __future__ import annotations

from typing import Any, TypeVar

from pydantic import BaseModel, Field, ValidationError


class AccountUsage(BaseModel):
    numProperties: int = Field(description="Active properties.")
    numRooms: int = Field(description="Active units (bookable rooms) of active room types.")
    numRoomTypes: int = Field(description="Active room types (staykit unit types).")
    numActivities: int = Field(default=0, description="Always 0: staykit has no activities.")
    numLinks: int = Field(description="Channel links in use (the sum of channelLinks).")
    channelLinks: dict[str, int] = Field(
        description="Links per channel (icalexport, icalimport1..3); channels with no active "
        "link are left out."
    )


class AccountItem(BaseModel):
    id: int = Field(description="The account (business) id.")
    name: str = Field(description="The business's name (a staykit addition).")
    usage: AccountUsage | None = Field(default=None, description="With includeUsage=true.")
    subAccounts: list[dict[str, Any]] | None = Field(
        default=None,
        description="With includeSubAccounts=true; always empty: staykit businesses are flat.",
    )


class PostMessage(BaseModel):
    action: str | None = None
    field: str | None = None
    message: str


Item = TypeVar("Item", bound=BaseModel)


def read_item(model: type[Item], raw: Any) -> tuple[str, Item | None, list[PostMessage]]:
    """One POST item against its model: its action (an `id` modifies, none creates), the
    item, or None with its errors, one per field the model refuses (the item's own errors:
    its neighbours still apply)."""
    action = "modify" if isinstance(raw, dict) and raw.get("id") is not None else "create"
    if not isinstance(raw, dict):
        return action, None, [PostMessage(action=action, message="An item must be an object.")]
    try:
        return action, model.model_validate(raw), []
    except ValidationError as exc:
        return (
            action,
            None,
            [
                PostMessage(
                    action=action,
                    field=".".join(str(p) for p in e["loc"]) or None,
                    message=e["msg"],
                )
                for e in exc.errors()
            ],
        )


class PostResult(BaseModel):
    """One item's answer to a POST, in request order."""

    success: bool
    new: dict[str, Any] | None = None
    modified: dict[str, Any] | None = None
    errors: list[PostMessage] | None = None
    warnings: list[PostMessage] | None = None
    info: list[PostMessage] | None = None


class OrganizationRoomType(BaseModel):
    id: int
    name: str
    qty: int = Field(description="Active units of the room type.")


class OrganizationProperty(BaseModel):
    id: int
    name: str
    country: str | None = None
    currency: str
    roomTypes: list[OrganizationRoomType]


class OrganizationUser(BaseModel):
    ownerId: int = Field(description="The account (business) the user belongs to.")
    masterId: str | None = Field(
        default=None, description="Always null: staykit businesses are flat."
    )
    email: str | None = Field(
        default=None,
        description="Personal: only the token's own user's, with read:bookings-personal.",
    )
    role: str = Field(description="owner, manager or staff (a staykit addition).")
    properties: list[OrganizationProperty]
