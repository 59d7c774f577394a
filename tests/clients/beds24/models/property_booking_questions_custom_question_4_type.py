from typing import Literal

PropertyBookingQuestionsCustomQuestion4Type = Literal[
    "dateSelector",
    "multiLineField",
    "multipleList",
    "multipleSelect",
    "singleLineField",
    "tickBox",
]

PROPERTY_BOOKING_QUESTIONS_CUSTOM_QUESTION_4_TYPE_VALUES: set[
    PropertyBookingQuestionsCustomQuestion4Type
] = {
    "dateSelector",
    "multiLineField",
    "multipleList",
    "multipleSelect",
    "singleLineField",
    "tickBox",
}


def check_property_booking_questions_custom_question_4_type(
    value: str,
) -> PropertyBookingQuestionsCustomQuestion4Type:
    if value in PROPERTY_BOOKING_QUESTIONS_CUSTOM_QUESTION_4_TYPE_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {PROPERTY_BOOKING_QUESTIONS_CUSTOM_QUESTION_4_TYPE_VALUES!r}"
    )
