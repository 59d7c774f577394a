from typing import Literal

NukiSettingsPostPropertiesRoomTypesItemAllowRemoteAppAccess = Literal[
    "infoCode", "no", "yes"
]

NUKI_SETTINGS_POST_PROPERTIES_ROOM_TYPES_ITEM_ALLOW_REMOTE_APP_ACCESS_VALUES: set[
    NukiSettingsPostPropertiesRoomTypesItemAllowRemoteAppAccess
] = {
    "infoCode",
    "no",
    "yes",
}


def check_nuki_settings_post_properties_room_types_item_allow_remote_app_access(
    value: str,
) -> NukiSettingsPostPropertiesRoomTypesItemAllowRemoteAppAccess:
    if (
        value
        in NUKI_SETTINGS_POST_PROPERTIES_ROOM_TYPES_ITEM_ALLOW_REMOTE_APP_ACCESS_VALUES
    ):
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {NUKI_SETTINGS_POST_PROPERTIES_ROOM_TYPES_ITEM_ALLOW_REMOTE_APP_ACCESS_VALUES!r}"
    )
