from typing import Literal

PostChannelsBookingBodyItemAction = Literal[
    "reportCancel", "reportInvalidCard", "reportNoShow"
]

POST_CHANNELS_BOOKING_BODY_ITEM_ACTION_VALUES: set[
    PostChannelsBookingBodyItemAction
] = {
    "reportCancel",
    "reportInvalidCard",
    "reportNoShow",
}


def check_post_channels_booking_body_item_action(
    value: str,
) -> PostChannelsBookingBodyItemAction:
    if value in POST_CHANNELS_BOOKING_BODY_ITEM_ACTION_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {POST_CHANNELS_BOOKING_BODY_ITEM_ACTION_VALUES!r}"
    )
