from typing import Literal

GetChannelsSettingsChannelItem = Literal["airbnb", "iCalExport", "iCalImport", "vrbo"]

GET_CHANNELS_SETTINGS_CHANNEL_ITEM_VALUES: set[GetChannelsSettingsChannelItem] = {
    "airbnb",
    "iCalExport",
    "iCalImport",
    "vrbo",
}


def check_get_channels_settings_channel_item(
    value: str,
) -> GetChannelsSettingsChannelItem:
    if value in GET_CHANNELS_SETTINGS_CHANNEL_ITEM_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {GET_CHANNELS_SETTINGS_CHANNEL_ITEM_VALUES!r}"
    )
