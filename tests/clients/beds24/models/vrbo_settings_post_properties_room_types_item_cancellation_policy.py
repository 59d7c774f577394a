from typing import Literal

VrboSettingsPostPropertiesRoomTypesItemCancellationPolicy = Literal[
    "custom", "firm", "moderate", "noRefund", "relaxed", "strict"
]

VRBO_SETTINGS_POST_PROPERTIES_ROOM_TYPES_ITEM_CANCELLATION_POLICY_VALUES: set[
    VrboSettingsPostPropertiesRoomTypesItemCancellationPolicy
] = {
    "custom",
    "firm",
    "moderate",
    "noRefund",
    "relaxed",
    "strict",
}


def check_vrbo_settings_post_properties_room_types_item_cancellation_policy(
    value: str,
) -> VrboSettingsPostPropertiesRoomTypesItemCancellationPolicy:
    if (
        value
        in VRBO_SETTINGS_POST_PROPERTIES_ROOM_TYPES_ITEM_CANCELLATION_POLICY_VALUES
    ):
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {VRBO_SETTINGS_POST_PROPERTIES_ROOM_TYPES_ITEM_CANCELLATION_POLICY_VALUES!r}"
    )
