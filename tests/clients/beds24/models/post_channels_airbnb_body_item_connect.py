from typing import Literal

PostChannelsAirbnbBodyItemConnect = Literal["full", "inventory", "limited", "none"]

POST_CHANNELS_AIRBNB_BODY_ITEM_CONNECT_VALUES: set[
    PostChannelsAirbnbBodyItemConnect
] = {
    "full",
    "inventory",
    "limited",
    "none",
}


def check_post_channels_airbnb_body_item_connect(
    value: str,
) -> PostChannelsAirbnbBodyItemConnect:
    if value in POST_CHANNELS_AIRBNB_BODY_ITEM_CONNECT_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {POST_CHANNELS_AIRBNB_BODY_ITEM_CONNECT_VALUES!r}"
    )
