from typing import Literal

PropertyBookingQuestionsCustomQuestion8Type = Literal[
    "dateSelector",
    "multiLineField",
    "multipleList",
    "multipleSelect",
    "singleLineField",
    "tickBox",
]

PROPERTY_BOOKING_QUESTIONS_CUSTOM_QUESTION_8_TYPE_VALUES: set[
    PropertyBookingQuestionsCustomQuestion8Type
] = {
    "dateSelector",
    "multiLineField",
    "multipleList",
    "multipleSelect",
    "singleLineField",
    "tickBox",
}


def check_property_booking_questions_custom_question_8_type(
    value: str,
) -> PropertyBookingQuestionsCustomQuestion8Type:
    if value in PROPERTY_BOOKING_QUESTIONS_CUSTOM_QUESTION_8_TYPE_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {PROPERTY_BOOKING_QUESTIONS_CUSTOM_QUESTION_8_TYPE_VALUES!r}"
    )
