from typing import Literal

PropertyBookingQuestionsCustomQuestion3Usage = Literal[
    "compulsory", "compulsoryBookingPage", "internal", "notUsed", "optional"
]

PROPERTY_BOOKING_QUESTIONS_CUSTOM_QUESTION_3_USAGE_VALUES: set[
    PropertyBookingQuestionsCustomQuestion3Usage
] = {
    "compulsory",
    "compulsoryBookingPage",
    "internal",
    "notUsed",
    "optional",
}


def check_property_booking_questions_custom_question_3_usage(
    value: str,
) -> PropertyBookingQuestionsCustomQuestion3Usage:
    if value in PROPERTY_BOOKING_QUESTIONS_CUSTOM_QUESTION_3_USAGE_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {PROPERTY_BOOKING_QUESTIONS_CUSTOM_QUESTION_3_USAGE_VALUES!r}"
    )
