from typing import Literal

PropertyBookingQuestionsGuestStateUsage = Literal[
    "compulsory", "compulsoryBookingPage", "internal", "notUsed", "optional"
]

PROPERTY_BOOKING_QUESTIONS_GUEST_STATE_USAGE_VALUES: set[
    PropertyBookingQuestionsGuestStateUsage
] = {
    "compulsory",
    "compulsoryBookingPage",
    "internal",
    "notUsed",
    "optional",
}


def check_property_booking_questions_guest_state_usage(
    value: str,
) -> PropertyBookingQuestionsGuestStateUsage:
    if value in PROPERTY_BOOKING_QUESTIONS_GUEST_STATE_USAGE_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {PROPERTY_BOOKING_QUESTIONS_GUEST_STATE_USAGE_VALUES!r}"
    )
