from typing import Literal

PropertyBookingQuestionsGuestTitleUsage = Literal[
    "compulsory", "compulsoryBookingPage", "internal", "notUsed", "optional"
]

PROPERTY_BOOKING_QUESTIONS_GUEST_TITLE_USAGE_VALUES: set[
    PropertyBookingQuestionsGuestTitleUsage
] = {
    "compulsory",
    "compulsoryBookingPage",
    "internal",
    "notUsed",
    "optional",
}


def check_property_booking_questions_guest_title_usage(
    value: str,
) -> PropertyBookingQuestionsGuestTitleUsage:
    if value in PROPERTY_BOOKING_QUESTIONS_GUEST_TITLE_USAGE_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {PROPERTY_BOOKING_QUESTIONS_GUEST_TITLE_USAGE_VALUES!r}"
    )
