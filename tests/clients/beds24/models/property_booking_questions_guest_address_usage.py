from typing import Literal

PropertyBookingQuestionsGuestAddressUsage = Literal[
    "compulsory", "compulsoryBookingPage", "internal", "notUsed", "optional"
]

PROPERTY_BOOKING_QUESTIONS_GUEST_ADDRESS_USAGE_VALUES: set[
    PropertyBookingQuestionsGuestAddressUsage
] = {
    "compulsory",
    "compulsoryBookingPage",
    "internal",
    "notUsed",
    "optional",
}


def check_property_booking_questions_guest_address_usage(
    value: str,
) -> PropertyBookingQuestionsGuestAddressUsage:
    if value in PROPERTY_BOOKING_QUESTIONS_GUEST_ADDRESS_USAGE_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {PROPERTY_BOOKING_QUESTIONS_GUEST_ADDRESS_USAGE_VALUES!r}"
    )
