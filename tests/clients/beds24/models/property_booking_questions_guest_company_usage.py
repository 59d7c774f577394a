from typing import Literal

PropertyBookingQuestionsGuestCompanyUsage = Literal[
    "compulsory", "compulsoryBookingPage", "internal", "notUsed", "optional"
]

PROPERTY_BOOKING_QUESTIONS_GUEST_COMPANY_USAGE_VALUES: set[
    PropertyBookingQuestionsGuestCompanyUsage
] = {
    "compulsory",
    "compulsoryBookingPage",
    "internal",
    "notUsed",
    "optional",
}


def check_property_booking_questions_guest_company_usage(
    value: str,
) -> PropertyBookingQuestionsGuestCompanyUsage:
    if value in PROPERTY_BOOKING_QUESTIONS_GUEST_COMPANY_USAGE_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {PROPERTY_BOOKING_QUESTIONS_GUEST_COMPANY_USAGE_VALUES!r}"
    )
