from typing import Literal

PropertyBookingQuestionsGuestCountrySelectUsage = Literal[
    "compulsory", "compulsoryBookingPage", "internal", "notUsed", "optional"
]

PROPERTY_BOOKING_QUESTIONS_GUEST_COUNTRY_SELECT_USAGE_VALUES: set[
    PropertyBookingQuestionsGuestCountrySelectUsage
] = {
    "compulsory",
    "compulsoryBookingPage",
    "internal",
    "notUsed",
    "optional",
}


def check_property_booking_questions_guest_country_select_usage(
    value: str,
) -> PropertyBookingQuestionsGuestCountrySelectUsage:
    if value in PROPERTY_BOOKING_QUESTIONS_GUEST_COUNTRY_SELECT_USAGE_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {PROPERTY_BOOKING_QUESTIONS_GUEST_COUNTRY_SELECT_USAGE_VALUES!r}"
    )
