from typing import Literal

PropertyBookingQuestionsGuestArrivalTimeUsage = Literal[
    "compulsory", "compulsoryBookingPage", "internal", "notUsed", "optional"
]

PROPERTY_BOOKING_QUESTIONS_GUEST_ARRIVAL_TIME_USAGE_VALUES: set[
    PropertyBookingQuestionsGuestArrivalTimeUsage
] = {
    "compulsory",
    "compulsoryBookingPage",
    "internal",
    "notUsed",
    "optional",
}


def check_property_booking_questions_guest_arrival_time_usage(
    value: str,
) -> PropertyBookingQuestionsGuestArrivalTimeUsage:
    if value in PROPERTY_BOOKING_QUESTIONS_GUEST_ARRIVAL_TIME_USAGE_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {PROPERTY_BOOKING_QUESTIONS_GUEST_ARRIVAL_TIME_USAGE_VALUES!r}"
    )
