from typing import Literal

PropertyBookingQuestionsGuestMobileUsage = Literal[
    "compulsory", "compulsoryBookingPage", "internal", "notUsed", "optional"
]

PROPERTY_BOOKING_QUESTIONS_GUEST_MOBILE_USAGE_VALUES: set[
    PropertyBookingQuestionsGuestMobileUsage
] = {
    "compulsory",
    "compulsoryBookingPage",
    "internal",
    "notUsed",
    "optional",
}


def check_property_booking_questions_guest_mobile_usage(
    value: str,
) -> PropertyBookingQuestionsGuestMobileUsage:
    if value in PROPERTY_BOOKING_QUESTIONS_GUEST_MOBILE_USAGE_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {PROPERTY_BOOKING_QUESTIONS_GUEST_MOBILE_USAGE_VALUES!r}"
    )
