"""Request and response bodies of /channels (Beds24 API V2 field names)."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field


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
    """An item as the channel answers it (never answered yet: the channel is not
    connected)."""

    model_config = ConfigDict(extra="allow")
