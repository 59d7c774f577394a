from typing import Literal

BookingAllowReview = Literal["default", "disable", "enable"]

BOOKING_ALLOW_REVIEW_VALUES: set[BookingAllowReview] = {
    "default",
    "disable",
    "enable",
}


def check_booking_allow_review(value: str) -> BookingAllowReview:
    if value in BOOKING_ALLOW_REVIEW_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {BOOKING_ALLOW_REVIEW_VALUES!r}"
    )
