from typing import Literal

PropertyBookingQuestionsCustomQuestion2Type = Literal[
    "dateSelector",
    "multiLineField",
    "multipleList",
    "multipleSelect",
    "singleLineField",
    "tickBox",
]

PROPERTY_BOOKING_QUESTIONS_CUSTOM_QUESTION_2_TYPE_VALUES: set[
    PropertyBookingQuestionsCustomQuestion2Type
] = {
    "dateSelector",
    "multiLineField",
    "multipleList",
    "multipleSelect",
    "singleLineField",
    "tickBox",
}


def check_property_booking_questions_custom_question_2_type(
    value: str,
) -> PropertyBookingQuestionsCustomQuestion2Type:
    if value in PROPERTY_BOOKING_QUESTIONS_CUSTOM_QUESTION_2_TYPE_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {PROPERTY_BOOKING_QUESTIONS_CUSTOM_QUESTION_2_TYPE_VALUES!r}"
    )
