from typing import Literal

PropertyBookingQuestionsGuestFaxUsage = Literal[
    "compulsory", "compulsoryBookingPage", "internal", "notUsed", "optional"
]

PROPERTY_BOOKING_QUESTIONS_GUEST_FAX_USAGE_VALUES: set[
    PropertyBookingQuestionsGuestFaxUsage
] = {
    "compulsory",
    "compulsoryBookingPage",
    "internal",
    "notUsed",
    "optional",
}


def check_property_booking_questions_guest_fax_usage(
    value: str,
) -> PropertyBookingQuestionsGuestFaxUsage:
    if value in PROPERTY_BOOKING_QUESTIONS_GUEST_FAX_USAGE_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {PROPERTY_BOOKING_QUESTIONS_GUEST_FAX_USAGE_VALUES!r}"
    )
