from typing import Literal

PostChannelsAirbnbBodyItemAction = Literal[
    "connectToExistingRoom",
    "disconnectRoom",
    "importAsNewProperty",
    "importToExistingProperty",
]

POST_CHANNELS_AIRBNB_BODY_ITEM_ACTION_VALUES: set[PostChannelsAirbnbBodyItemAction] = {
    "connectToExistingRoom",
    "disconnectRoom",
    "importAsNewProperty",
    "importToExistingProperty",
}


def check_post_channels_airbnb_body_item_action(
    value: str,
) -> PostChannelsAirbnbBodyItemAction:
    if value in POST_CHANNELS_AIRBNB_BODY_ITEM_ACTION_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {POST_CHANNELS_AIRBNB_BODY_ITEM_ACTION_VALUES!r}"
    )
