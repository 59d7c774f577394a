from typing import Literal

PropertyBookingQuestionsGuestCityUsage = Literal[
    "compulsory", "compulsoryBookingPage", "internal", "notUsed", "optional"
]

PROPERTY_BOOKING_QUESTIONS_GUEST_CITY_USAGE_VALUES: set[
    PropertyBookingQuestionsGuestCityUsage
] = {
    "compulsory",
    "compulsoryBookingPage",
    "internal",
    "notUsed",
    "optional",
}


def check_property_booking_questions_guest_city_usage(
    value: str,
) -> PropertyBookingQuestionsGuestCityUsage:
    if value in PROPERTY_BOOKING_QUESTIONS_GUEST_CITY_USAGE_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {PROPERTY_BOOKING_QUESTIONS_GUEST_CITY_USAGE_VALUES!r}"
    )
