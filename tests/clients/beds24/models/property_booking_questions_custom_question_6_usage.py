from typing import Literal

PropertyBookingQuestionsCustomQuestion6Usage = Literal[
    "compulsory", "compulsoryBookingPage", "internal", "notUsed", "optional"
]

PROPERTY_BOOKING_QUESTIONS_CUSTOM_QUESTION_6_USAGE_VALUES: set[
    PropertyBookingQuestionsCustomQuestion6Usage
] = {
    "compulsory",
    "compulsoryBookingPage",
    "internal",
    "notUsed",
    "optional",
}


def check_property_booking_questions_custom_question_6_usage(
    value: str,
) -> PropertyBookingQuestionsCustomQuestion6Usage:
    if value in PROPERTY_BOOKING_QUESTIONS_CUSTOM_QUESTION_6_USAGE_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {PROPERTY_BOOKING_QUESTIONS_CUSTOM_QUESTION_6_USAGE_VALUES!r}"
    )
