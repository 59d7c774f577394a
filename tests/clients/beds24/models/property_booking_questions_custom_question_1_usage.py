from typing import Literal

PropertyBookingQuestionsCustomQuestion1Usage = Literal[
    "compulsory", "compulsoryBookingPage", "internal", "notUsed", "optional"
]

PROPERTY_BOOKING_QUESTIONS_CUSTOM_QUESTION_1_USAGE_VALUES: set[
    PropertyBookingQuestionsCustomQuestion1Usage
] = {
    "compulsory",
    "compulsoryBookingPage",
    "internal",
    "notUsed",
    "optional",
}


def check_property_booking_questions_custom_question_1_usage(
    value: str,
) -> PropertyBookingQuestionsCustomQuestion1Usage:
    if value in PROPERTY_BOOKING_QUESTIONS_CUSTOM_QUESTION_1_USAGE_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {PROPERTY_BOOKING_QUESTIONS_CUSTOM_QUESTION_1_USAGE_VALUES!r}"
    )
