from typing import Literal

PropertyBookingQuestionsGuestLastNameUsage = Literal[
    "compulsory", "compulsoryBookingPage", "internal", "notUsed", "optional"
]

PROPERTY_BOOKING_QUESTIONS_GUEST_LAST_NAME_USAGE_VALUES: set[
    PropertyBookingQuestionsGuestLastNameUsage
] = {
    "compulsory",
    "compulsoryBookingPage",
    "internal",
    "notUsed",
    "optional",
}


def check_property_booking_questions_guest_last_name_usage(
    value: str,
) -> PropertyBookingQuestionsGuestLastNameUsage:
    if value in PROPERTY_BOOKING_QUESTIONS_GUEST_LAST_NAME_USAGE_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {PROPERTY_BOOKING_QUESTIONS_GUEST_LAST_NAME_USAGE_VALUES!r}"
    )
