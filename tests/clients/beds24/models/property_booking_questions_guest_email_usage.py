from typing import Literal

PropertyBookingQuestionsGuestEmailUsage = Literal[
    "compulsory", "compulsoryBookingPage", "internal", "notUsed", "optional"
]

PROPERTY_BOOKING_QUESTIONS_GUEST_EMAIL_USAGE_VALUES: set[
    PropertyBookingQuestionsGuestEmailUsage
] = {
    "compulsory",
    "compulsoryBookingPage",
    "internal",
    "notUsed",
    "optional",
}


def check_property_booking_questions_guest_email_usage(
    value: str,
) -> PropertyBookingQuestionsGuestEmailUsage:
    if value in PROPERTY_BOOKING_QUESTIONS_GUEST_EMAIL_USAGE_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {PROPERTY_BOOKING_QUESTIONS_GUEST_EMAIL_USAGE_VALUES!r}"
    )
