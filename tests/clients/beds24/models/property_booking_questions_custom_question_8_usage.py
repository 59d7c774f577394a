from typing import Literal

PropertyBookingQuestionsCustomQuestion8Usage = Literal[
    "compulsory", "compulsoryBookingPage", "internal", "notUsed", "optional"
]

PROPERTY_BOOKING_QUESTIONS_CUSTOM_QUESTION_8_USAGE_VALUES: set[
    PropertyBookingQuestionsCustomQuestion8Usage
] = {
    "compulsory",
    "compulsoryBookingPage",
    "internal",
    "notUsed",
    "optional",
}


def check_property_booking_questions_custom_question_8_usage(
    value: str,
) -> PropertyBookingQuestionsCustomQuestion8Usage:
    if value in PROPERTY_BOOKING_QUESTIONS_CUSTOM_QUESTION_8_USAGE_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {PROPERTY_BOOKING_QUESTIONS_CUSTOM_QUESTION_8_USAGE_VALUES!r}"
    )
