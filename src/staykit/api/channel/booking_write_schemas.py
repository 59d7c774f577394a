"""POST /bookings items in Beds24 API V2's shape (the document's newBooking, bookingActions and
invoiceItemPost schemas), read one by one into the domain's BookingWrite, and the per-item
answers (`{success, new?, modified?, errors?, warnings?, info?}`).

An item is read on its own: a malformed item is that item's error, never the request's.
Fields the document defines but staykit does not keep (title, address, custom1..10, flags
...) are accepted and named in a warning. Personal fields need write:bookings-personal and
money fields write:bookings-financial; an item sending one without its scope is refused
whole (nothing of it is written), as the document's rule says.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
)

from staykit.api.channel.account_schemas import PostMessage, PostResult, read_item
from staykit.core.schemas import no_nul
from staykit.domain.booking import channel_outcomes as cw


def _text(value: Any) -> Any:
    """The document's own example sends a phone number as a JSON number."""
    return str(value) if isinstance(value, int) and not isinstance(value, bool) else value


# Guest fields and apiReference: the booking engine stores them as given, so a NUL (which
# PostgreSQL text cannot hold) is refused here, as the field's error. Notes and sub-items'
# texts are checked by the engine itself (a bad sub-item does not sink its booking).
Text = Annotated[str, BeforeValidator(_text), AfterValidator(no_nul)]
Money = Annotated[Decimal, Field(ge=0, le=Decimal("99999999.99"))]


class InvoiceItemIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    id: int | None = None
    type: Literal["charge", "payment"] | None = None
    bookingId: int | None = None
    invoiceeId: int | None = None
    description: str | None = Field(default=None, max_length=250)
    status: str | None = Field(default=None, max_length=50)
    qty: Decimal | None = None
    amount: Decimal | None = None
    vatRate: Decimal | None = Field(default=None, ge=0, le=Decimal("99.9"))
    createdBy: int | None = None


class InfoItemIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    id: int | None = None
    code: str | None = None
    text: str | None = None
    bookingId: int | None = None


class Actions(BaseModel):
    model_config = ConfigDict(extra="allow")

    notifyGuest: bool | None = None
    notifyHost: bool | None = None
    assignBooking: bool | None = None
    checkAvailability: bool | None = None
    makeGroup: bool | None = None
    assignInvoiceNumber: bool | None = None
    assignInvoiceNumberInvoicee: int | None = None
    autoInvoiceItemCharge: bool | None = None
    deleteInvoice: bool | None = None
    allowWebhooks: bool | None = None


class BookingIn(BaseModel):
    """One item of POST /bookings (no id: a new booking; an id: a change)."""

    model_config = ConfigDict(extra="allow")

    id: int | None = Field(default=None, gt=0)
    masterId: int | None = None
    roomId: int | None = None
    unitId: int | None = None
    roomQty: int | None = None
    status: Literal["confirmed", "request", "new", "cancelled", "black", "inquiry"] | None = None
    arrival: date | None = None
    departure: date | None = None
    numAdult: int | None = Field(default=None, ge=0, le=99)
    numChild: int | None = Field(default=None, ge=0, le=99)
    firstName: Text | None = Field(default=None, max_length=100)
    lastName: Text | None = Field(default=None, max_length=100)
    email: Text | None = Field(default=None, max_length=100)
    phone: Text | None = Field(default=None, max_length=40)
    mobile: Text | None = Field(default=None, max_length=40)
    notes: str | None = Field(default=None, max_length=2000)
    apiReference: Text | None = Field(default=None, max_length=100)
    price: Money | None = None
    invoiceItems: list[InvoiceItemIn] | None = None
    infoItems: list[InfoItemIn] | None = None
    actions: Actions | None = None


# The document's fields staykit accepts and does not keep (a warning names them).
NOT_KEPT = (
    "title", "fax", "company", "address", "city", "state", "postcode", "country", "country2",
    "arrivalTime", "voucher", "comments", "message", "groupNote", "custom1", "custom2",
    "custom3", "custom4", "custom5", "custom6", "custom7", "custom8", "custom9", "custom10",
    "flagColor", "flagText", "lang", "refererEditable", "rateDescription", "invoiceeId",
    "stripeToken", "pcibookingToken", "apiMessage", "offerId", "referer", "reference",
    "allowChannelUpdate", "allowAutoAction", "allowReview", "allowCancellation", "subStatus",
    "statusCode",
)  # fmt: skip
PERSONAL = ("firstName", "lastName", "email", "phone", "mobile", "notes", *NOT_KEPT[:14])
FINANCIAL = ("price", "deposit", "tax", "commission", "invoiceItems")
# Read-only fields of a booking that a client may echo back from GET /bookings.
ECHOED = (
    "propertyId", "channel", "apiSource", "apiSourceId", "bookingTime", "modifiedTime",
    "cancelTime", "bookingGroup", "units", "guests",
)  # fmt: skip
UNSUPPORTED_ACTIONS = (
    "notifyGuest", "notifyHost", "assignBooking", "assignInvoiceNumber",
    "assignInvoiceNumberInvoicee", "autoInvoiceItemCharge", "deleteInvoice", "allowWebhooks",
)  # fmt: skip

# The domain's field names as this API writes them.
WIRE = {
    "room_id": "roomId",
    "unit_id": "unitId",
    "listing_id": "roomId",
    "unit_type_id": "roomId",
    "rate_id": "roomId",
    "master_id": "masterId",
    "api_reference": "apiReference",
    "guests": "numAdult",
    "adults": "numAdult",
    "children": "numChild",
    "booking_status": "status",
    "total_price": "price",
    "reservation_id": "id",
    "first_name": "firstName",
    "last_name": "lastName",
    "kind": "type",
    "vat_rate": "vatRate",
    "people": "firstName",
}
DOMAIN = {
    "firstName": "first_name",
    "lastName": "last_name",
    "email": "email",
    "phone": "phone",
    "mobile": "mobile",
}


# The item's fields as BookingWrite.provided names them.
PROVIDED = {
    "roomId": "room_id",
    "unitId": "unit_id",
    "masterId": "master_id",
    "numAdult": "adults",
    "numChild": "children",
    "apiReference": "api_reference",
    "notes": "notes",
    "arrival": "arrival",
    "departure": "departure",
    "status": "status",
}


def wire(field: str | None) -> str | None:
    if field is None:
        return None
    head, _, rest = field.partition(".")
    if rest:
        return f"{head}.{WIRE.get(rest, rest)}"
    return WIRE.get(field, field)


class Parsed:
    """An item read: the domain's write, or the reasons it was refused; and warnings."""

    def __init__(self) -> None:
        self.write: cw.BookingWrite | None = None
        self.errors: list[PostMessage] = []
        self.warnings: list[PostMessage] = []


def parse(raw: Any, *, personal: bool, financial: bool) -> Parsed:
    """One POST item, checked against the document's shape and the token's scopes."""
    parsed = Parsed()
    action, item, parsed.errors = read_item(BookingIn, raw)
    if item is None:
        return parsed
    sent = item.model_fields_set | set(item.model_extra or {})
    no_scope = [
        *(f for f in PERSONAL if f in sent and not personal),
        *(f for f in FINANCIAL if f in sent and not financial),
    ]
    if no_scope:
        for f in no_scope:
            needs = "write:bookings-personal" if f in PERSONAL else "write:bookings-financial"
            parsed.errors.append(
                PostMessage(action=action, field=f, message=f"Writing {f} needs the {needs} scope.")
            )
        return parsed
    if "roomQty" in sent and item.roomQty != 1:
        parsed.errors.append(
            PostMessage(
                action=action,
                field="roomQty",
                message="staykit books one unit per booking: post one booking per unit "
                "(actions.makeGroup puts them in a group).",
            )
        )
        return parsed
    if action == "create" and item.numAdult == 0:
        parsed.errors.append(
            PostMessage(action=action, field="numAdult", message="A booking needs an adult.")
        )
        return parsed
    ignored = sorted(f for f in sent if f in NOT_KEPT or f in ("deposit", "tax", "commission"))
    unknown = sorted(
        f
        for f in (item.model_extra or {})
        if f not in NOT_KEPT and f not in ECHOED and f not in FINANCIAL
    )
    if ignored:
        parsed.warnings.append(
            PostMessage(
                action=action,
                field=ignored[0],
                message=f"Not kept by staykit, ignored: {', '.join(ignored)}.",
            )
        )
    if unknown:
        parsed.warnings.append(
            PostMessage(
                action=action,
                field=unknown[0],
                message=f"Not a booking field, ignored: {', '.join(unknown)}.",
            )
        )
    actions = item.actions or Actions()
    asked = actions.model_fields_set | set(actions.model_extra or {})
    skipped = sorted(
        a
        for a in asked
        if a not in ("checkAvailability", "makeGroup") and getattr(actions, a, None)
    )
    if skipped:
        parsed.warnings.append(
            PostMessage(
                action=action,
                field=f"actions.{skipped[0]}",
                message=f"Actions staykit does not perform, ignored: {', '.join(skipped)}.",
            )
        )
    provided = frozenset(PROVIDED[f] for f in sent if f in PROVIDED)
    parsed.write = cw.BookingWrite(
        id=item.id,
        room_id=item.roomId,
        unit_id=item.unitId,
        status=item.status,
        arrival=item.arrival,
        departure=item.departure,
        adults=item.numAdult,
        children=item.numChild,
        guest={DOMAIN[f]: getattr(item, f) for f in DOMAIN if f in sent},
        notes=item.notes,
        api_reference=item.apiReference,
        master_id=item.masterId,
        claimed_price=item.price,
        make_group=bool(actions.makeGroup),
        check_availability=bool(actions.checkAvailability),
        invoice_items=[_invoice_item(i) for i in item.invoiceItems or []],
        info_items=[_info_item(i) for i in item.infoItems or []],
        provided=provided,
    )
    return parsed


def _invoice_item(i: InvoiceItemIn) -> cw.SubItemWrite:
    names = {"type": "kind", "description": "description", "qty": "qty", "amount": "amount"}
    names["vatRate"] = "vat_rate"
    values = {names[k]: getattr(i, k) for k in i.model_fields_set if k in names}
    return cw.SubItemWrite(id=i.id, values=values)


def _info_item(i: InfoItemIn) -> cw.SubItemWrite:
    values = {k: getattr(i, k) for k in i.model_fields_set if k in ("code", "text")}
    return cw.SubItemWrite(id=i.id, values=values)


def _messages(issues: list[cw.Issue]) -> list[PostMessage]:
    return [PostMessage(action=i.action, field=wire(i.field), message=i.message) for i in issues]


def _booking(b: cw.BookingSummary, *, financial: bool) -> dict[str, Any]:
    shown: dict[str, Any] = {
        "id": b.id,
        "propertyId": b.property_id,
        "roomId": b.room_id,
        "status": b.status,
        "arrival": b.arrival.isoformat(),
        "departure": b.departure.isoformat(),
        "numAdult": b.adults,
        "numChild": b.children,
    }
    if b.unit_id is not None:
        shown["unitId"] = b.unit_id
    if b.master_id is not None:
        shown["masterId"] = b.master_id
    if financial:
        shown["price"] = float(b.price) if b.price != b.price.to_integral_value() else int(b.price)
    return shown


CHANGED = {
    "room_id": "roomId",
    "property_id": "propertyId",
    "arrival": "arrival",
    "departure": "departure",
    "adults": "numAdult",
    "children": "numChild",
    "unit_id": "unitId",
    "status": "status",
    "master_id": "masterId",
    "notes": "notes",
    "api_reference": "apiReference",
    "first_name": "firstName",
    "last_name": "lastName",
    "email": "email",
    "phone": "phone",
    "mobile": "mobile",
}


def result(parsed: Parsed, outcome: cw.Outcome | None, *, financial: bool) -> PostResult:
    """The item's answer: `new` (a booking created, sub-items added), `modified` (the
    booking's changed fields with their new values, sub-items changed or deleted)."""
    errors = list(parsed.errors)
    warnings = list(parsed.warnings)
    info: list[PostMessage] = []
    new: dict[str, Any] = {}
    modified: dict[str, Any] = {}
    if outcome is not None:
        errors += _messages(outcome.errors)
        warnings += _messages(outcome.warnings)
        info += _messages(outcome.info)
        b = outcome.booking
        if b is not None and outcome.action == "create":
            new = _booking(b, financial=financial)
        elif b is not None and outcome.changed:
            shown = _booking(b, financial=financial)
            modified = {"id": b.id}
            for name in dict.fromkeys(outcome.changed):
                key = CHANGED.get(name, name)
                if key in shown:
                    modified[key] = shown[key]
                else:
                    modified[key] = True
            if outcome.action == "delete":
                info.append(PostMessage(action="delete", field="id", message="Cancelled."))
        for sub in outcome.sub_items:
            key = "invoiceItems" if sub.kind == "invoice" else "infoItems"
            if sub.action == "new":
                new.setdefault(key, []).append({"id": sub.id})
            else:
                entry: dict[str, Any] = {"id": sub.id}
                if sub.action == "deleted":
                    entry["deleted"] = True
                modified.setdefault(key, []).append(entry)
        if b is not None and modified:
            modified = {"id": b.id, **modified}
    return PostResult(
        success=not errors,
        new=new or None,
        modified=modified or None,
        errors=errors or None,
        warnings=warnings or None,
        info=info or None,
    )
