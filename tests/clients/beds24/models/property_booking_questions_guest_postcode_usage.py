from typing import Literal

PropertyBookingQuestionsGuestPostcodeUsage = Literal[
    "compulsory", "compulsoryBookingPage", "internal", "notUsed", "optional"
]

PROPERTY_BOOKING_QUESTIONS_GUEST_POSTCODE_USAGE_VALUES: set[
    PropertyBookingQuestionsGuestPostcodeUsage
] = {
    "compulsory",
    "compulsoryBookingPage",
    "internal",
    "notUsed",
    "optional",
}


def check_property_booking_questions_guest_postcode_usage(
    value: str,
) -> PropertyBookingQuestionsGuestPostcodeUsage:
    if value in PROPERTY_BOOKING_QUESTIONS_GUEST_POSTCODE_USAGE_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {PROPERTY_BOOKING_QUESTIONS_GUEST_POSTCODE_USAGE_VALUES!r}"
    )
