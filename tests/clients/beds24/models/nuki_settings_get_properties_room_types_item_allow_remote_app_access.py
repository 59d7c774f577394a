from typing import Literal

NukiSettingsGetPropertiesRoomTypesItemAllowRemoteAppAccess = Literal[
    "infoCode", "no", "yes"
]

NUKI_SETTINGS_GET_PROPERTIES_ROOM_TYPES_ITEM_ALLOW_REMOTE_APP_ACCESS_VALUES: set[
    NukiSettingsGetPropertiesRoomTypesItemAllowRemoteAppAccess
] = {
    "infoCode",
    "no",
    "yes",
}


def check_nuki_settings_get_properties_room_types_item_allow_remote_app_access(
    value: str,
) -> NukiSettingsGetPropertiesRoomTypesItemAllowRemoteAppAccess:
    if (
        value
        in NUKI_SETTINGS_GET_PROPERTIES_ROOM_TYPES_ITEM_ALLOW_REMOTE_APP_ACCESS_VALUES
    ):
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {NUKI_SETTINGS_GET_PROPERTIES_ROOM_TYPES_ITEM_ALLOW_REMOTE_APP_ACCESS_VALUES!r}"
    )
