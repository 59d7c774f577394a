from typing import Literal

PropertyBookingQuestionsGuestCommentsUsage = Literal[
    "compulsory", "compulsoryBookingPage", "internal", "notUsed", "optional"
]

PROPERTY_BOOKING_QUESTIONS_GUEST_COMMENTS_USAGE_VALUES: set[
    PropertyBookingQuestionsGuestCommentsUsage
] = {
    "compulsory",
    "compulsoryBookingPage",
    "internal",
    "notUsed",
    "optional",
}


def check_property_booking_questions_guest_comments_usage(
    value: str,
) -> PropertyBookingQuestionsGuestCommentsUsage:
    if value in PROPERTY_BOOKING_QUESTIONS_GUEST_COMMENTS_USAGE_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {PROPERTY_BOOKING_QUESTIONS_GUEST_COMMENTS_USAGE_VALUES!r}"
    )
