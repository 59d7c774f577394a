from typing import Literal

PropertyBookingQuestionsCustomQuestion6Type = Literal[
    "dateSelector",
    "multiLineField",
    "multipleList",
    "multipleSelect",
    "singleLineField",
    "tickBox",
]

PROPERTY_BOOKING_QUESTIONS_CUSTOM_QUESTION_6_TYPE_VALUES: set[
    PropertyBookingQuestionsCustomQuestion6Type
] = {
    "dateSelector",
    "multiLineField",
    "multipleList",
    "multipleSelect",
    "singleLineField",
    "tickBox",
}


def check_property_booking_questions_custom_question_6_type(
    value: str,
) -> PropertyBookingQuestionsCustomQuestion6Type:
    if value in PROPERTY_BOOKING_QUESTIONS_CUSTOM_QUESTION_6_TYPE_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {PROPERTY_BOOKING_QUESTIONS_CUSTOM_QUESTION_6_TYPE_VALUES!r}"
    )
