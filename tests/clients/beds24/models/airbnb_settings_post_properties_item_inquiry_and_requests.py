from typing import Literal

AirbnbSettingsPostPropertiesItemInquiryAndRequests = Literal[
    "ignore", "importAll", "importOnlyContainingBookingNumber"
]

AIRBNB_SETTINGS_POST_PROPERTIES_ITEM_INQUIRY_AND_REQUESTS_VALUES: set[
    AirbnbSettingsPostPropertiesItemInquiryAndRequests
] = {
    "ignore",
    "importAll",
    "importOnlyContainingBookingNumber",
}


def check_airbnb_settings_post_properties_item_inquiry_and_requests(
    value: str,
) -> AirbnbSettingsPostPropertiesItemInquiryAndRequests:
    if value in AIRBNB_SETTINGS_POST_PROPERTIES_ITEM_INQUIRY_AND_REQUESTS_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {AIRBNB_SETTINGS_POST_PROPERTIES_ITEM_INQUIRY_AND_REQUESTS_VALUES!r}"
    )
