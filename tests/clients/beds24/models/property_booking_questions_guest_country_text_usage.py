from typing import Literal

PropertyBookingQuestionsGuestCountryTextUsage = Literal[
    "compulsory", "compulsoryBookingPage", "internal", "notUsed", "optional"
]

PROPERTY_BOOKING_QUESTIONS_GUEST_COUNTRY_TEXT_USAGE_VALUES: set[
    PropertyBookingQuestionsGuestCountryTextUsage
] = {
    "compulsory",
    "compulsoryBookingPage",
    "internal",
    "notUsed",
    "optional",
}


def check_property_booking_questions_guest_country_text_usage(
    value: str,
) -> PropertyBookingQuestionsGuestCountryTextUsage:
    if value in PROPERTY_BOOKING_QUESTIONS_GUEST_COUNTRY_TEXT_USAGE_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {PROPERTY_BOOKING_QUESTIONS_GUEST_COUNTRY_TEXT_USAGE_VALUES!r}"
    )
