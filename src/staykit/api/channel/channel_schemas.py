"""Request and response bodies of /channels (Beds24 API V2 field names)."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import AliasChoices, BaseModel, ConfigDict, Field, StrictBool, StrictInt


class ImportState(BaseModel):
    """How a configured import slot's fetches went (staykit)."""

    slot: int
    status: str = Field(description="pending (not fetched yet), ok, failed or empty.")
    lastFetch: str | None = None
    lastSuccess: str | None = None
    nextFetch: str | None = None
    lastError: str | None = None
    consecutiveEmptyFetches: int | None = None
    consecutiveFailures: int | None = None
    eventsImported: int | None = None
    nightsHeldBack: int | None = Field(
        default=None, description="Nights of imported events that other stays hold."
    )


class ChannelSettingUnit(BaseModel):
    """A unit of the room (staykit): in iCalExport its own feed (name, iCalUri); in
    iCalImport its own imports (iCalUri1..3, import1..3, ignoreContaining1..3) and their
    state, which fill that unit only."""

    id: int
    name: str | None = None
    iCalUri: str | None = None
    iCalUri1: str | None = None
    iCalUri2: str | None = None
    iCalUri3: str | None = None
    ignoreContaining1: str | None = None
    ignoreContaining2: str | None = None
    ignoreContaining3: str | None = None
    import1: str | None = None
    import2: str | None = None
    import3: str | None = None
    importStatus: list[ImportState] | None = None


class ChannelSettingRoom(BaseModel):
    """A room's settings: iCalExport's export and iCalRoomDescription with the feed URLs,
    or iCalImport's iCalUri1..3, ignoreContaining1..3 and import1..3 with each import's
    state."""

    id: int
    iCalRoomDescription: str | None = None
    export: str | None = None
    iCalUri: str | None = None
    propertyDescriptionICalUri: str | None = None
    roomDescriptionICalUri: str | None = None
    propertyAndRoomDescriptionICalUri: str | None = None
    units: list[ChannelSettingUnit] | None = Field(
        default=None, description="staykit: each unit's feed (iCalExport) or imports (iCalImport)."
    )
    iCalUri1: str | None = None
    iCalUri2: str | None = None
    iCalUri3: str | None = None
    ignoreContaining1: str | None = None
    ignoreContaining2: str | None = None
    ignoreContaining3: str | None = None
    import1: str | None = None
    import2: str | None = None
    import3: str | None = None
    importStatus: list[ImportState] | None = Field(
        default=None, description="staykit: each configured import's state."
    )


class ChannelSettingProperty(BaseModel):
    """A property's settings (iCalExport: seed, iCalSumamry, iCalPropertyDescription;
    iCalImport: modificationNotification) and its rooms'."""

    id: int
    seed: str | None = None
    iCalSumamry: str | None = Field(default=None, description="Spelt as the document does.")
    iCalPropertyDescription: str | None = None
    modificationNotification: str | None = None
    roomTypes: list[ChannelSettingRoom]


class ChannelSetting(BaseModel):
    channel: str = Field(description="iCalExport or iCalImport.")
    properties: list[ChannelSettingProperty]


class ChannelRecord(BaseModel):
    """An item as the channel answers it (Airbnb and Booking.com: never answered yet, the
    channel is not connected)."""

    model_config = ConfigDict(extra="allow")


# --- the Stripe channel (POST /channels/stripe: createStripeSession) -------------------------


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class StripeProductData(_Strict):
    name: str = Field(min_length=1, max_length=250)


class StripePriceData(_Strict):
    currency: str = Field(pattern=r"^[A-Za-z]{3}$", description="The booking's currency.")
    product_data: StripeProductData
    unit_amount: StrictInt = Field(ge=1, le=10**12, description="In Stripe's integer units.")


class StripeLineItem(_Strict):
    """A line in Stripe Checkout's format (inline price data only: staykit does not read
    Stripe Price objects)."""

    price_data: StripePriceData
    quantity: StrictInt = Field(default=1, ge=1, le=1000)


HttpUrl = Annotated[str, Field(max_length=2048, pattern=r"^https?://\S+$")]


class CreateStripeSession(_Strict):
    """createStripeSession: a Stripe Checkout page for what the booking owes. line_items
    are optional; sent, they must add up to what the booking owes. `bookId` is the seed's
    prose's name for bookingId. capture false (authorize only) is not served."""

    model_config = ConfigDict(extra="forbid", populate_by_name=True)

    action: Literal["createStripeSession"]
    bookingId: StrictInt = Field(
        ge=1, lt=2**63, validation_alias=AliasChoices("bookingId", "bookId")
    )
    line_items: list[StripeLineItem] | None = Field(default=None, min_length=1, max_length=20)
    success_url: HttpUrl
    cancel_url: HttpUrl
    capture: StrictBool = True
