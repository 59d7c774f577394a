from typing import Literal

PropertyBookingQuestionsGuestFirstNameUsage = Literal[
    "compulsory", "compulsoryBookingPage", "internal", "notUsed", "optional"
]

PROPERTY_BOOKING_QUESTIONS_GUEST_FIRST_NAME_USAGE_VALUES: set[
    PropertyBookingQuestionsGuestFirstNameUsage
] = {
    "compulsory",
    "compulsoryBookingPage",
    "internal",
    "notUsed",
    "optional",
}


def check_property_booking_questions_guest_first_name_usage(
    value: str,
) -> PropertyBookingQuestionsGuestFirstNameUsage:
    if value in PROPERTY_BOOKING_QUESTIONS_GUEST_FIRST_NAME_USAGE_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {PROPERTY_BOOKING_QUESTIONS_GUEST_FIRST_NAME_USAGE_VALUES!r}"
    )
