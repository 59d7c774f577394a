from typing import Literal

AirbnbSettingsPostPropertiesItemRoomTypesItemCancellationPolicy = Literal[
    "firm", "flexible", "moderate", "strict", "superStrict30", "superStrict60"
]

AIRBNB_SETTINGS_POST_PROPERTIES_ITEM_ROOM_TYPES_ITEM_CANCELLATION_POLICY_VALUES: set[
    AirbnbSettingsPostPropertiesItemRoomTypesItemCancellationPolicy
] = {
    "firm",
    "flexible",
    "moderate",
    "strict",
    "superStrict30",
    "superStrict60",
}


def check_airbnb_settings_post_properties_item_room_types_item_cancellation_policy(
    value: str,
) -> AirbnbSettingsPostPropertiesItemRoomTypesItemCancellationPolicy:
    if (
        value
        in AIRBNB_SETTINGS_POST_PROPERTIES_ITEM_ROOM_TYPES_ITEM_CANCELLATION_POLICY_VALUES
    ):
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {AIRBNB_SETTINGS_POST_PROPERTIES_ITEM_ROOM_TYPES_ITEM_CANCELLATION_POLICY_VALUES!r}"
    )
