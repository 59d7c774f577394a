from typing import Literal

PropertyBookingQuestionsGuestPhoneUsage = Literal[
    "compulsory", "compulsoryBookingPage", "internal", "notUsed", "optional"
]

PROPERTY_BOOKING_QUESTIONS_GUEST_PHONE_USAGE_VALUES: set[
    PropertyBookingQuestionsGuestPhoneUsage
] = {
    "compulsory",
    "compulsoryBookingPage",
    "internal",
    "notUsed",
    "optional",
}


def check_property_booking_questions_guest_phone_usage(
    value: str,
) -> PropertyBookingQuestionsGuestPhoneUsage:
    if value in PROPERTY_BOOKING_QUESTIONS_GUEST_PHONE_USAGE_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {PROPERTY_BOOKING_QUESTIONS_GUEST_PHONE_USAGE_VALUES!r}"
    )
