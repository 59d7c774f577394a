from typing import Literal

PropertyBookingQuestionsCustomQuestion1Type = Literal[
    "dateSelector",
    "multiLineField",
    "multipleList",
    "multipleSelect",
    "singleLineField",
    "tickBox",
]

PROPERTY_BOOKING_QUESTIONS_CUSTOM_QUESTION_1_TYPE_VALUES: set[
    PropertyBookingQuestionsCustomQuestion1Type
] = {
    "dateSelector",
    "multiLineField",
    "multipleList",
    "multipleSelect",
    "singleLineField",
    "tickBox",
}


def check_property_booking_questions_custom_question_1_type(
    value: str,
) -> PropertyBookingQuestionsCustomQuestion1Type:
    if value in PROPERTY_BOOKING_QUESTIONS_CUSTOM_QUESTION_1_TYPE_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {PROPERTY_BOOKING_QUESTIONS_CUSTOM_QUESTION_1_TYPE_VALUES!r}"
    )
