"""Request and response bodies of /channels (Beds24 API V2 field names)."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field


class ChannelSettingRoom(BaseModel):
    """A room's settings: iCalExport's export and iCalRoomDescription, or iCalImport's
    iCalUri1..3, ignoreContaining1..3 and import1..3."""

    id: int
    iCalRoomDescription: str | None = None
    export: str | None = None
    iCalUri1: str | None = None
    iCalUri2: str | None = None
    iCalUri3: str | None = None
    ignoreContaining1: str | None = None
    ignoreContaining2: str | None = None
    ignoreContaining3: str | None = None
    import1: str | None = None
    import2: str | None = None
    import3: str | None = None


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
