from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.text_languages_language import (
    TextLanguagesLanguage,
    check_text_languages_language,
)
from ..types import UNSET, Unset

T = TypeVar("T", bound="PropertyTextsItem")


@_attrs_define
class PropertyTextsItem:
    """
    Attributes:
        language (TextLanguagesLanguage | Unset):
        house_rules (str | Unset):
        directions (str | Unset):
        headline (str | Unset):
        property_description (str | Unset):
        property_description_1 (str | Unset):
        property_description_2 (str | Unset):
        property_description_booking_page_1 (str | Unset):
        property_description_booking_page_2 (str | Unset):
        guest_details_header (str | Unset):
        guest_enquiry_header (str | Unset):
        confirm_booking_button_message (str | Unset):
        room_not_available_message (str | Unset):
        room_no_price_message (str | Unset):
        no_rooms_available_message (str | Unset):
        general_policy (str | Unset):
        cancellation_policy (str | Unset):
        location_description (str | Unset):
        custom_question_1 (str | Unset):
        custom_question_2 (str | Unset):
        custom_question_3 (str | Unset):
        custom_question_4 (str | Unset):
        custom_question_5 (str | Unset):
        custom_question_6 (str | Unset):
        custom_question_7 (str | Unset):
        custom_question_8 (str | Unset):
        custom_question_9 (str | Unset):
        custom_question_10 (str | Unset):
        upsell_item_name_1 (str | Unset):
        upsell_item_name_2 (str | Unset):
        upsell_item_name_3 (str | Unset):
        upsell_item_name_4 (str | Unset):
        upsell_item_name_5 (str | Unset):
        upsell_item_name_6 (str | Unset):
        upsell_item_name_7 (str | Unset):
        upsell_item_name_8 (str | Unset):
        upsell_item_name_9 (str | Unset):
        upsell_item_name_10 (str | Unset):
        upsell_item_name_11 (str | Unset):
        upsell_item_name_12 (str | Unset):
        upsell_item_name_13 (str | Unset):
        upsell_item_name_14 (str | Unset):
        upsell_item_name_15 (str | Unset):
        upsell_item_name_16 (str | Unset):
        upsell_item_name_17 (str | Unset):
        upsell_item_name_18 (str | Unset):
        upsell_item_name_19 (str | Unset):
        upsell_item_name_20 (str | Unset):
        upsell_item_description_1 (str | Unset):
        upsell_item_description_2 (str | Unset):
        upsell_item_description_3 (str | Unset):
        upsell_item_description_4 (str | Unset):
        upsell_item_description_5 (str | Unset):
        upsell_item_description_6 (str | Unset):
        upsell_item_description_7 (str | Unset):
        upsell_item_description_8 (str | Unset):
        upsell_item_description_9 (str | Unset):
        upsell_item_description_10 (str | Unset):
        upsell_item_description_11 (str | Unset):
        upsell_item_description_12 (str | Unset):
        upsell_item_description_13 (str | Unset):
        upsell_item_description_14 (str | Unset):
        upsell_item_description_15 (str | Unset):
        upsell_item_description_16 (str | Unset):
        upsell_item_description_17 (str | Unset):
        upsell_item_description_18 (str | Unset):
        upsell_item_description_19 (str | Unset):
        upsell_item_description_20 (str | Unset):
        offer_name_1 (str | Unset):
        offer_name_2 (str | Unset):
        offer_name_3 (str | Unset):
        offer_name_4 (str | Unset):
        offer_name_5 (str | Unset):
        offer_name_6 (str | Unset):
        offer_name_7 (str | Unset):
        offer_name_8 (str | Unset):
        offer_name_9 (str | Unset):
        offer_name_10 (str | Unset):
        offer_name_11 (str | Unset):
        offer_name_12 (str | Unset):
        offer_name_13 (str | Unset):
        offer_name_14 (str | Unset):
        offer_name_15 (str | Unset):
        offer_name_16 (str | Unset):
        offer_description_1 (str | Unset):
        offer_description_2 (str | Unset):
        offer_description_3 (str | Unset):
        offer_description_4 (str | Unset):
        offer_description_5 (str | Unset):
        offer_description_6 (str | Unset):
        offer_description_7 (str | Unset):
        offer_description_8 (str | Unset):
        offer_description_9 (str | Unset):
        offer_description_10 (str | Unset):
        offer_description_11 (str | Unset):
        offer_description_12 (str | Unset):
        offer_description_13 (str | Unset):
        offer_description_14 (str | Unset):
        offer_description_15 (str | Unset):
        offer_description_16 (str | Unset):
        offer_more_detail_1 (str | Unset):
        offer_more_detail_2 (str | Unset):
        offer_more_detail_3 (str | Unset):
        offer_more_detail_4 (str | Unset):
        offer_more_detail_5 (str | Unset):
        offer_more_detail_6 (str | Unset):
        offer_more_detail_7 (str | Unset):
        offer_more_detail_8 (str | Unset):
        offer_more_detail_9 (str | Unset):
        offer_more_detail_10 (str | Unset):
        offer_more_detail_11 (str | Unset):
        offer_more_detail_12 (str | Unset):
        offer_more_detail_13 (str | Unset):
        offer_more_detail_14 (str | Unset):
        offer_more_detail_15 (str | Unset):
        offer_more_detail_16 (str | Unset):
        offer_marketing_1 (str | Unset):
        offer_marketing_2 (str | Unset):
        offer_marketing_3 (str | Unset):
        offer_marketing_4 (str | Unset):
        offer_marketing_5 (str | Unset):
        offer_marketing_6 (str | Unset):
        offer_marketing_7 (str | Unset):
        offer_marketing_8 (str | Unset):
        offer_marketing_9 (str | Unset):
        offer_marketing_10 (str | Unset):
        offer_marketing_11 (str | Unset):
        offer_marketing_12 (str | Unset):
        offer_marketing_13 (str | Unset):
        offer_marketing_14 (str | Unset):
        offer_marketing_15 (str | Unset):
        offer_marketing_16 (str | Unset):
    """

    language: TextLanguagesLanguage | Unset = UNSET
    house_rules: str | Unset = UNSET
    directions: str | Unset = UNSET
    headline: str | Unset = UNSET
    property_description: str | Unset = UNSET
    property_description_1: str | Unset = UNSET
    property_description_2: str | Unset = UNSET
    property_description_booking_page_1: str | Unset = UNSET
    property_description_booking_page_2: str | Unset = UNSET
    guest_details_header: str | Unset = UNSET
    guest_enquiry_header: str | Unset = UNSET
    confirm_booking_button_message: str | Unset = UNSET
    room_not_available_message: str | Unset = UNSET
    room_no_price_message: str | Unset = UNSET
    no_rooms_available_message: str | Unset = UNSET
    general_policy: str | Unset = UNSET
    cancellation_policy: str | Unset = UNSET
    location_description: str | Unset = UNSET
    custom_question_1: str | Unset = UNSET
    custom_question_2: str | Unset = UNSET
    custom_question_3: str | Unset = UNSET
    custom_question_4: str | Unset = UNSET
    custom_question_5: str | Unset = UNSET
    custom_question_6: str | Unset = UNSET
    custom_question_7: str | Unset = UNSET
    custom_question_8: str | Unset = UNSET
    custom_question_9: str | Unset = UNSET
    custom_question_10: str | Unset = UNSET
    upsell_item_name_1: str | Unset = UNSET
    upsell_item_name_2: str | Unset = UNSET
    upsell_item_name_3: str | Unset = UNSET
    upsell_item_name_4: str | Unset = UNSET
    upsell_item_name_5: str | Unset = UNSET
    upsell_item_name_6: str | Unset = UNSET
    upsell_item_name_7: str | Unset = UNSET
    upsell_item_name_8: str | Unset = UNSET
    upsell_item_name_9: str | Unset = UNSET
    upsell_item_name_10: str | Unset = UNSET
    upsell_item_name_11: str | Unset = UNSET
    upsell_item_name_12: str | Unset = UNSET
    upsell_item_name_13: str | Unset = UNSET
    upsell_item_name_14: str | Unset = UNSET
    upsell_item_name_15: str | Unset = UNSET
    upsell_item_name_16: str | Unset = UNSET
    upsell_item_name_17: str | Unset = UNSET
    upsell_item_name_18: str | Unset = UNSET
    upsell_item_name_19: str | Unset = UNSET
    upsell_item_name_20: str | Unset = UNSET
    upsell_item_description_1: str | Unset = UNSET
    upsell_item_description_2: str | Unset = UNSET
    upsell_item_description_3: str | Unset = UNSET
    upsell_item_description_4: str | Unset = UNSET
    upsell_item_description_5: str | Unset = UNSET
    upsell_item_description_6: str | Unset = UNSET
    upsell_item_description_7: str | Unset = UNSET
    upsell_item_description_8: str | Unset = UNSET
    upsell_item_description_9: str | Unset = UNSET
    upsell_item_description_10: str | Unset = UNSET
    upsell_item_description_11: str | Unset = UNSET
    upsell_item_description_12: str | Unset = UNSET
    upsell_item_description_13: str | Unset = UNSET
    upsell_item_description_14: str | Unset = UNSET
    upsell_item_description_15: str | Unset = UNSET
    upsell_item_description_16: str | Unset = UNSET
    upsell_item_description_17: str | Unset = UNSET
    upsell_item_description_18: str | Unset = UNSET
    upsell_item_description_19: str | Unset = UNSET
    upsell_item_description_20: str | Unset = UNSET
    offer_name_1: str | Unset = UNSET
    offer_name_2: str | Unset = UNSET
    offer_name_3: str | Unset = UNSET
    offer_name_4: str | Unset = UNSET
    offer_name_5: str | Unset = UNSET
    offer_name_6: str | Unset = UNSET
    offer_name_7: str | Unset = UNSET
    offer_name_8: str | Unset = UNSET
    offer_name_9: str | Unset = UNSET
    offer_name_10: str | Unset = UNSET
    offer_name_11: str | Unset = UNSET
    offer_name_12: str | Unset = UNSET
    offer_name_13: str | Unset = UNSET
    offer_name_14: str | Unset = UNSET
    offer_name_15: str | Unset = UNSET
    offer_name_16: str | Unset = UNSET
    offer_description_1: str | Unset = UNSET
    offer_description_2: str | Unset = UNSET
    offer_description_3: str | Unset = UNSET
    offer_description_4: str | Unset = UNSET
    offer_description_5: str | Unset = UNSET
    offer_description_6: str | Unset = UNSET
    offer_description_7: str | Unset = UNSET
    offer_description_8: str | Unset = UNSET
    offer_description_9: str | Unset = UNSET
    offer_description_10: str | Unset = UNSET
    offer_description_11: str | Unset = UNSET
    offer_description_12: str | Unset = UNSET
    offer_description_13: str | Unset = UNSET
    offer_description_14: str | Unset = UNSET
    offer_description_15: str | Unset = UNSET
    offer_description_16: str | Unset = UNSET
    offer_more_detail_1: str | Unset = UNSET
    offer_more_detail_2: str | Unset = UNSET
    offer_more_detail_3: str | Unset = UNSET
    offer_more_detail_4: str | Unset = UNSET
    offer_more_detail_5: str | Unset = UNSET
    offer_more_detail_6: str | Unset = UNSET
    offer_more_detail_7: str | Unset = UNSET
    offer_more_detail_8: str | Unset = UNSET
    offer_more_detail_9: str | Unset = UNSET
    offer_more_detail_10: str | Unset = UNSET
    offer_more_detail_11: str | Unset = UNSET
    offer_more_detail_12: str | Unset = UNSET
    offer_more_detail_13: str | Unset = UNSET
    offer_more_detail_14: str | Unset = UNSET
    offer_more_detail_15: str | Unset = UNSET
    offer_more_detail_16: str | Unset = UNSET
    offer_marketing_1: str | Unset = UNSET
    offer_marketing_2: str | Unset = UNSET
    offer_marketing_3: str | Unset = UNSET
    offer_marketing_4: str | Unset = UNSET
    offer_marketing_5: str | Unset = UNSET
    offer_marketing_6: str | Unset = UNSET
    offer_marketing_7: str | Unset = UNSET
    offer_marketing_8: str | Unset = UNSET
    offer_marketing_9: str | Unset = UNSET
    offer_marketing_10: str | Unset = UNSET
    offer_marketing_11: str | Unset = UNSET
    offer_marketing_12: str | Unset = UNSET
    offer_marketing_13: str | Unset = UNSET
    offer_marketing_14: str | Unset = UNSET
    offer_marketing_15: str | Unset = UNSET
    offer_marketing_16: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        language: str | Unset = UNSET
        if not isinstance(self.language, Unset):
            language = self.language

        house_rules = self.house_rules

        directions = self.directions

        headline = self.headline

        property_description = self.property_description

        property_description_1 = self.property_description_1

        property_description_2 = self.property_description_2

        property_description_booking_page_1 = self.property_description_booking_page_1

        property_description_booking_page_2 = self.property_description_booking_page_2

        guest_details_header = self.guest_details_header

        guest_enquiry_header = self.guest_enquiry_header

        confirm_booking_button_message = self.confirm_booking_button_message

        room_not_available_message = self.room_not_available_message

        room_no_price_message = self.room_no_price_message

        no_rooms_available_message = self.no_rooms_available_message

        general_policy = self.general_policy

        cancellation_policy = self.cancellation_policy

        location_description = self.location_description

        custom_question_1 = self.custom_question_1

        custom_question_2 = self.custom_question_2

        custom_question_3 = self.custom_question_3

        custom_question_4 = self.custom_question_4

        custom_question_5 = self.custom_question_5

        custom_question_6 = self.custom_question_6

        custom_question_7 = self.custom_question_7

        custom_question_8 = self.custom_question_8

        custom_question_9 = self.custom_question_9

        custom_question_10 = self.custom_question_10

        upsell_item_name_1 = self.upsell_item_name_1

        upsell_item_name_2 = self.upsell_item_name_2

        upsell_item_name_3 = self.upsell_item_name_3

        upsell_item_name_4 = self.upsell_item_name_4

        upsell_item_name_5 = self.upsell_item_name_5

        upsell_item_name_6 = self.upsell_item_name_6

        upsell_item_name_7 = self.upsell_item_name_7

        upsell_item_name_8 = self.upsell_item_name_8

        upsell_item_name_9 = self.upsell_item_name_9

        upsell_item_name_10 = self.upsell_item_name_10

        upsell_item_name_11 = self.upsell_item_name_11

        upsell_item_name_12 = self.upsell_item_name_12

        upsell_item_name_13 = self.upsell_item_name_13

        upsell_item_name_14 = self.upsell_item_name_14

        upsell_item_name_15 = self.upsell_item_name_15

        upsell_item_name_16 = self.upsell_item_name_16

        upsell_item_name_17 = self.upsell_item_name_17

        upsell_item_name_18 = self.upsell_item_name_18

        upsell_item_name_19 = self.upsell_item_name_19

        upsell_item_name_20 = self.upsell_item_name_20

        upsell_item_description_1 = self.upsell_item_description_1

        upsell_item_description_2 = self.upsell_item_description_2

        upsell_item_description_3 = self.upsell_item_description_3

        upsell_item_description_4 = self.upsell_item_description_4

        upsell_item_description_5 = self.upsell_item_description_5

        upsell_item_description_6 = self.upsell_item_description_6

        upsell_item_description_7 = self.upsell_item_description_7

        upsell_item_description_8 = self.upsell_item_description_8

        upsell_item_description_9 = self.upsell_item_description_9

        upsell_item_description_10 = self.upsell_item_description_10

        upsell_item_description_11 = self.upsell_item_description_11

        upsell_item_description_12 = self.upsell_item_description_12

        upsell_item_description_13 = self.upsell_item_description_13

        upsell_item_description_14 = self.upsell_item_description_14

        upsell_item_description_15 = self.upsell_item_description_15

        upsell_item_description_16 = self.upsell_item_description_16

        upsell_item_description_17 = self.upsell_item_description_17

        upsell_item_description_18 = self.upsell_item_description_18

        upsell_item_description_19 = self.upsell_item_description_19

        upsell_item_description_20 = self.upsell_item_description_20

        offer_name_1 = self.offer_name_1

        offer_name_2 = self.offer_name_2

        offer_name_3 = self.offer_name_3

        offer_name_4 = self.offer_name_4

        offer_name_5 = self.offer_name_5

        offer_name_6 = self.offer_name_6

        offer_name_7 = self.offer_name_7

        offer_name_8 = self.offer_name_8

        offer_name_9 = self.offer_name_9

        offer_name_10 = self.offer_name_10

        offer_name_11 = self.offer_name_11

        offer_name_12 = self.offer_name_12

        offer_name_13 = self.offer_name_13

        offer_name_14 = self.offer_name_14

        offer_name_15 = self.offer_name_15

        offer_name_16 = self.offer_name_16

        offer_description_1 = self.offer_description_1

        offer_description_2 = self.offer_description_2

        offer_description_3 = self.offer_description_3

        offer_description_4 = self.offer_description_4

        offer_description_5 = self.offer_description_5

        offer_description_6 = self.offer_description_6

        offer_description_7 = self.offer_description_7

        offer_description_8 = self.offer_description_8

        offer_description_9 = self.offer_description_9

        offer_description_10 = self.offer_description_10

        offer_description_11 = self.offer_description_11

        offer_description_12 = self.offer_description_12

        offer_description_13 = self.offer_description_13

        offer_description_14 = self.offer_description_14

        offer_description_15 = self.offer_description_15

        offer_description_16 = self.offer_description_16

        offer_more_detail_1 = self.offer_more_detail_1

        offer_more_detail_2 = self.offer_more_detail_2

        offer_more_detail_3 = self.offer_more_detail_3

        offer_more_detail_4 = self.offer_more_detail_4

        offer_more_detail_5 = self.offer_more_detail_5

        offer_more_detail_6 = self.offer_more_detail_6

        offer_more_detail_7 = self.offer_more_detail_7

        offer_more_detail_8 = self.offer_more_detail_8

        offer_more_detail_9 = self.offer_more_detail_9

        offer_more_detail_10 = self.offer_more_detail_10

        offer_more_detail_11 = self.offer_more_detail_11

        offer_more_detail_12 = self.offer_more_detail_12

        offer_more_detail_13 = self.offer_more_detail_13

        offer_more_detail_14 = self.offer_more_detail_14

        offer_more_detail_15 = self.offer_more_detail_15

        offer_more_detail_16 = self.offer_more_detail_16

        offer_marketing_1 = self.offer_marketing_1

        offer_marketing_2 = self.offer_marketing_2

        offer_marketing_3 = self.offer_marketing_3

        offer_marketing_4 = self.offer_marketing_4

        offer_marketing_5 = self.offer_marketing_5

        offer_marketing_6 = self.offer_marketing_6

        offer_marketing_7 = self.offer_marketing_7

        offer_marketing_8 = self.offer_marketing_8

        offer_marketing_9 = self.offer_marketing_9

        offer_marketing_10 = self.offer_marketing_10

        offer_marketing_11 = self.offer_marketing_11

        offer_marketing_12 = self.offer_marketing_12

        offer_marketing_13 = self.offer_marketing_13

        offer_marketing_14 = self.offer_marketing_14

        offer_marketing_15 = self.offer_marketing_15

        offer_marketing_16 = self.offer_marketing_16

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if language is not UNSET:
            field_dict["language"] = language
        if house_rules is not UNSET:
            field_dict["houseRules"] = house_rules
        if directions is not UNSET:
            field_dict["directions"] = directions
        if headline is not UNSET:
            field_dict["headline"] = headline
        if property_description is not UNSET:
            field_dict["propertyDescription"] = property_description
        if property_description_1 is not UNSET:
            field_dict["propertyDescription1"] = property_description_1
        if property_description_2 is not UNSET:
            field_dict["propertyDescription2"] = property_description_2
        if property_description_booking_page_1 is not UNSET:
            field_dict["propertyDescriptionBookingPage1"] = (
                property_description_booking_page_1
            )
        if property_description_booking_page_2 is not UNSET:
            field_dict["propertyDescriptionBookingPage2"] = (
                property_description_booking_page_2
            )
        if guest_details_header is not UNSET:
            field_dict["guestDetailsHeader"] = guest_details_header
        if guest_enquiry_header is not UNSET:
            field_dict["guestEnquiryHeader"] = guest_enquiry_header
        if confirm_booking_button_message is not UNSET:
            field_dict["confirmBookingButtonMessage"] = confirm_booking_button_message
        if room_not_available_message is not UNSET:
            field_dict["roomNotAvailableMessage"] = room_not_available_message
        if room_no_price_message is not UNSET:
            field_dict["roomNoPriceMessage"] = room_no_price_message
        if no_rooms_available_message is not UNSET:
            field_dict["noRoomsAvailableMessage"] = no_rooms_available_message
        if general_policy is not UNSET:
            field_dict["generalPolicy"] = general_policy
        if cancellation_policy is not UNSET:
            field_dict["cancellationPolicy"] = cancellation_policy
        if location_description is not UNSET:
            field_dict["locationDescription"] = location_description
        if custom_question_1 is not UNSET:
            field_dict["customQuestion1"] = custom_question_1
        if custom_question_2 is not UNSET:
            field_dict["customQuestion2"] = custom_question_2
        if custom_question_3 is not UNSET:
            field_dict["customQuestion3"] = custom_question_3
        if custom_question_4 is not UNSET:
            field_dict["customQuestion4"] = custom_question_4
        if custom_question_5 is not UNSET:
            field_dict["customQuestion5"] = custom_question_5
        if custom_question_6 is not UNSET:
            field_dict["customQuestion6"] = custom_question_6
        if custom_question_7 is not UNSET:
            field_dict["customQuestion7"] = custom_question_7
        if custom_question_8 is not UNSET:
            field_dict["customQuestion8"] = custom_question_8
        if custom_question_9 is not UNSET:
            field_dict["customQuestion9"] = custom_question_9
        if custom_question_10 is not UNSET:
            field_dict["customQuestion10"] = custom_question_10
        if upsell_item_name_1 is not UNSET:
            field_dict["upsellItemName1"] = upsell_item_name_1
        if upsell_item_name_2 is not UNSET:
            field_dict["upsellItemName2"] = upsell_item_name_2
        if upsell_item_name_3 is not UNSET:
            field_dict["upsellItemName3"] = upsell_item_name_3
        if upsell_item_name_4 is not UNSET:
            field_dict["upsellItemName4"] = upsell_item_name_4
        if upsell_item_name_5 is not UNSET:
            field_dict["upsellItemName5"] = upsell_item_name_5
        if upsell_item_name_6 is not UNSET:
            field_dict["upsellItemName6"] = upsell_item_name_6
        if upsell_item_name_7 is not UNSET:
            field_dict["upsellItemName7"] = upsell_item_name_7
        if upsell_item_name_8 is not UNSET:
            field_dict["upsellItemName8"] = upsell_item_name_8
        if upsell_item_name_9 is not UNSET:
            field_dict["upsellItemName9"] = upsell_item_name_9
        if upsell_item_name_10 is not UNSET:
            field_dict["upsellItemName10"] = upsell_item_name_10
        if upsell_item_name_11 is not UNSET:
            field_dict["upsellItemName11"] = upsell_item_name_11
        if upsell_item_name_12 is not UNSET:
            field_dict["upsellItemName12"] = upsell_item_name_12
        if upsell_item_name_13 is not UNSET:
            field_dict["upsellItemName13"] = upsell_item_name_13
        if upsell_item_name_14 is not UNSET:
            field_dict["upsellItemName14"] = upsell_item_name_14
        if upsell_item_name_15 is not UNSET:
            field_dict["upsellItemName15"] = upsell_item_name_15
        if upsell_item_name_16 is not UNSET:
            field_dict["upsellItemName16"] = upsell_item_name_16
        if upsell_item_name_17 is not UNSET:
            field_dict["upsellItemName17"] = upsell_item_name_17
        if upsell_item_name_18 is not UNSET:
            field_dict["upsellItemName18"] = upsell_item_name_18
        if upsell_item_name_19 is not UNSET:
            field_dict["upsellItemName19"] = upsell_item_name_19
        if upsell_item_name_20 is not UNSET:
            field_dict["upsellItemName20"] = upsell_item_name_20
        if upsell_item_description_1 is not UNSET:
            field_dict["upsellItemDescription1"] = upsell_item_description_1
        if upsell_item_description_2 is not UNSET:
            field_dict["upsellItemDescription2"] = upsell_item_description_2
        if upsell_item_description_3 is not UNSET:
            field_dict["upsellItemDescription3"] = upsell_item_description_3
        if upsell_item_description_4 is not UNSET:
            field_dict["upsellItemDescription4"] = upsell_item_description_4
        if upsell_item_description_5 is not UNSET:
            field_dict["upsellItemDescription5"] = upsell_item_description_5
        if upsell_item_description_6 is not UNSET:
            field_dict["upsellItemDescription6"] = upsell_item_description_6
        if upsell_item_description_7 is not UNSET:
            field_dict["upsellItemDescription7"] = upsell_item_description_7
        if upsell_item_description_8 is not UNSET:
            field_dict["upsellItemDescription8"] = upsell_item_description_8
        if upsell_item_description_9 is not UNSET:
            field_dict["upsellItemDescription9"] = upsell_item_description_9
        if upsell_item_description_10 is not UNSET:
            field_dict["upsellItemDescription10"] = upsell_item_description_10
        if upsell_item_description_11 is not UNSET:
            field_dict["upsellItemDescription11"] = upsell_item_description_11
        if upsell_item_description_12 is not UNSET:
            field_dict["upsellItemDescription12"] = upsell_item_description_12
        if upsell_item_description_13 is not UNSET:
            field_dict["upsellItemDescription13"] = upsell_item_description_13
        if upsell_item_description_14 is not UNSET:
            field_dict["upsellItemDescription14"] = upsell_item_description_14
        if upsell_item_description_15 is not UNSET:
            field_dict["upsellItemDescription15"] = upsell_item_description_15
        if upsell_item_description_16 is not UNSET:
            field_dict["upsellItemDescription16"] = upsell_item_description_16
        if upsell_item_description_17 is not UNSET:
            field_dict["upsellItemDescription17"] = upsell_item_description_17
        if upsell_item_description_18 is not UNSET:
            field_dict["upsellItemDescription18"] = upsell_item_description_18
        if upsell_item_description_19 is not UNSET:
            field_dict["upsellItemDescription19"] = upsell_item_description_19
        if upsell_item_description_20 is not UNSET:
            field_dict["upsellItemDescription20"] = upsell_item_description_20
        if offer_name_1 is not UNSET:
            field_dict["offerName1"] = offer_name_1
        if offer_name_2 is not UNSET:
            field_dict["offerName2"] = offer_name_2
        if offer_name_3 is not UNSET:
            field_dict["offerName3"] = offer_name_3
        if offer_name_4 is not UNSET:
            field_dict["offerName4"] = offer_name_4
        if offer_name_5 is not UNSET:
            field_dict["offerName5"] = offer_name_5
        if offer_name_6 is not UNSET:
            field_dict["offerName6"] = offer_name_6
        if offer_name_7 is not UNSET:
            field_dict["offerName7"] = offer_name_7
        if offer_name_8 is not UNSET:
            field_dict["offerName8"] = offer_name_8
        if offer_name_9 is not UNSET:
            field_dict["offerName9"] = offer_name_9
        if offer_name_10 is not UNSET:
            field_dict["offerName10"] = offer_name_10
        if offer_name_11 is not UNSET:
            field_dict["offerName11"] = offer_name_11
        if offer_name_12 is not UNSET:
            field_dict["offerName12"] = offer_name_12
        if offer_name_13 is not UNSET:
            field_dict["offerName13"] = offer_name_13
        if offer_name_14 is not UNSET:
            field_dict["offerName14"] = offer_name_14
        if offer_name_15 is not UNSET:
            field_dict["offerName15"] = offer_name_15
        if offer_name_16 is not UNSET:
            field_dict["offerName16"] = offer_name_16
        if offer_description_1 is not UNSET:
            field_dict["offerDescription1"] = offer_description_1
        if offer_description_2 is not UNSET:
            field_dict["offerDescription2"] = offer_description_2
        if offer_description_3 is not UNSET:
            field_dict["offerDescription3"] = offer_description_3
        if offer_description_4 is not UNSET:
            field_dict["offerDescription4"] = offer_description_4
        if offer_description_5 is not UNSET:
            field_dict["offerDescription5"] = offer_description_5
        if offer_description_6 is not UNSET:
            field_dict["offerDescription6"] = offer_description_6
        if offer_description_7 is not UNSET:
            field_dict["offerDescription7"] = offer_description_7
        if offer_description_8 is not UNSET:
            field_dict["offerDescription8"] = offer_description_8
        if offer_description_9 is not UNSET:
            field_dict["offerDescription9"] = offer_description_9
        if offer_description_10 is not UNSET:
            field_dict["offerDescription10"] = offer_description_10
        if offer_description_11 is not UNSET:
            field_dict["offerDescription11"] = offer_description_11
        if offer_description_12 is not UNSET:
            field_dict["offerDescription12"] = offer_description_12
        if offer_description_13 is not UNSET:
            field_dict["offerDescription13"] = offer_description_13
        if offer_description_14 is not UNSET:
            field_dict["offerDescription14"] = offer_description_14
        if offer_description_15 is not UNSET:
            field_dict["offerDescription15"] = offer_description_15
        if offer_description_16 is not UNSET:
            field_dict["offerDescription16"] = offer_description_16
        if offer_more_detail_1 is not UNSET:
            field_dict["offerMoreDetail1"] = offer_more_detail_1
        if offer_more_detail_2 is not UNSET:
            field_dict["offerMoreDetail2"] = offer_more_detail_2
        if offer_more_detail_3 is not UNSET:
            field_dict["offerMoreDetail3"] = offer_more_detail_3
        if offer_more_detail_4 is not UNSET:
            field_dict["offerMoreDetail4"] = offer_more_detail_4
        if offer_more_detail_5 is not UNSET:
            field_dict["offerMoreDetail5"] = offer_more_detail_5
        if offer_more_detail_6 is not UNSET:
            field_dict["offerMoreDetail6"] = offer_more_detail_6
        if offer_more_detail_7 is not UNSET:
            field_dict["offerMoreDetail7"] = offer_more_detail_7
        if offer_more_detail_8 is not UNSET:
            field_dict["offerMoreDetail8"] = offer_more_detail_8
        if offer_more_detail_9 is not UNSET:
            field_dict["offerMoreDetail9"] = offer_more_detail_9
        if offer_more_detail_10 is not UNSET:
            field_dict["offerMoreDetail10"] = offer_more_detail_10
        if offer_more_detail_11 is not UNSET:
            field_dict["offerMoreDetail11"] = offer_more_detail_11
        if offer_more_detail_12 is not UNSET:
            field_dict["offerMoreDetail12"] = offer_more_detail_12
        if offer_more_detail_13 is not UNSET:
            field_dict["offerMoreDetail13"] = offer_more_detail_13
        if offer_more_detail_14 is not UNSET:
            field_dict["offerMoreDetail14"] = offer_more_detail_14
        if offer_more_detail_15 is not UNSET:
            field_dict["offerMoreDetail15"] = offer_more_detail_15
        if offer_more_detail_16 is not UNSET:
            field_dict["offerMoreDetail16"] = offer_more_detail_16
        if offer_marketing_1 is not UNSET:
            field_dict["offerMarketing1"] = offer_marketing_1
        if offer_marketing_2 is not UNSET:
            field_dict["offerMarketing2"] = offer_marketing_2
        if offer_marketing_3 is not UNSET:
            field_dict["offerMarketing3"] = offer_marketing_3
        if offer_marketing_4 is not UNSET:
            field_dict["offerMarketing4"] = offer_marketing_4
        if offer_marketing_5 is not UNSET:
            field_dict["offerMarketing5"] = offer_marketing_5
        if offer_marketing_6 is not UNSET:
            field_dict["offerMarketing6"] = offer_marketing_6
        if offer_marketing_7 is not UNSET:
            field_dict["offerMarketing7"] = offer_marketing_7
        if offer_marketing_8 is not UNSET:
            field_dict["offerMarketing8"] = offer_marketing_8
        if offer_marketing_9 is not UNSET:
            field_dict["offerMarketing9"] = offer_marketing_9
        if offer_marketing_10 is not UNSET:
            field_dict["offerMarketing10"] = offer_marketing_10
        if offer_marketing_11 is not UNSET:
            field_dict["offerMarketing11"] = offer_marketing_11
        if offer_marketing_12 is not UNSET:
            field_dict["offerMarketing12"] = offer_marketing_12
        if offer_marketing_13 is not UNSET:
            field_dict["offerMarketing13"] = offer_marketing_13
        if offer_marketing_14 is not UNSET:
            field_dict["offerMarketing14"] = offer_marketing_14
        if offer_marketing_15 is not UNSET:
            field_dict["offerMarketing15"] = offer_marketing_15
        if offer_marketing_16 is not UNSET:
            field_dict["offerMarketing16"] = offer_marketing_16

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        _language = d.pop("language", UNSET)
        language: TextLanguagesLanguage | Unset
        if isinstance(_language, Unset):
            language = UNSET
        else:
            language = check_text_languages_language(_language)

        house_rules = d.pop("houseRules", UNSET)

        directions = d.pop("directions", UNSET)

        headline = d.pop("headline", UNSET)

        property_description = d.pop("propertyDescription", UNSET)

        property_description_1 = d.pop("propertyDescription1", UNSET)

        property_description_2 = d.pop("propertyDescription2", UNSET)

        property_description_booking_page_1 = d.pop(
            "propertyDescriptionBookingPage1", UNSET
        )

        property_description_booking_page_2 = d.pop(
            "propertyDescriptionBookingPage2", UNSET
        )

        guest_details_header = d.pop("guestDetailsHeader", UNSET)

        guest_enquiry_header = d.pop("guestEnquiryHeader", UNSET)

        confirm_booking_button_message = d.pop("confirmBookingButtonMessage", UNSET)

        room_not_available_message = d.pop("roomNotAvailableMessage", UNSET)

        room_no_price_message = d.pop("roomNoPriceMessage", UNSET)

        no_rooms_available_message = d.pop("noRoomsAvailableMessage", UNSET)

        general_policy = d.pop("generalPolicy", UNSET)

        cancellation_policy = d.pop("cancellationPolicy", UNSET)

        location_description = d.pop("locationDescription", UNSET)

        custom_question_1 = d.pop("customQuestion1", UNSET)

        custom_question_2 = d.pop("customQuestion2", UNSET)

        custom_question_3 = d.pop("customQuestion3", UNSET)

        custom_question_4 = d.pop("customQuestion4", UNSET)

        custom_question_5 = d.pop("customQuestion5", UNSET)

        custom_question_6 = d.pop("customQuestion6", UNSET)

        custom_question_7 = d.pop("customQuestion7", UNSET)

        custom_question_8 = d.pop("customQuestion8", UNSET)

        custom_question_9 = d.pop("customQuestion9", UNSET)

        custom_question_10 = d.pop("customQuestion10", UNSET)

        upsell_item_name_1 = d.pop("upsellItemName1", UNSET)

        upsell_item_name_2 = d.pop("upsellItemName2", UNSET)

        upsell_item_name_3 = d.pop("upsellItemName3", UNSET)

        upsell_item_name_4 = d.pop("upsellItemName4", UNSET)

        upsell_item_name_5 = d.pop("upsellItemName5", UNSET)

        upsell_item_name_6 = d.pop("upsellItemName6", UNSET)

        upsell_item_name_7 = d.pop("upsellItemName7", UNSET)

        upsell_item_name_8 = d.pop("upsellItemName8", UNSET)

        upsell_item_name_9 = d.pop("upsellItemName9", UNSET)

        upsell_item_name_10 = d.pop("upsellItemName10", UNSET)

        upsell_item_name_11 = d.pop("upsellItemName11", UNSET)

        upsell_item_name_12 = d.pop("upsellItemName12", UNSET)

        upsell_item_name_13 = d.pop("upsellItemName13", UNSET)

        upsell_item_name_14 = d.pop("upsellItemName14", UNSET)

        upsell_item_name_15 = d.pop("upsellItemName15", UNSET)

        upsell_item_name_16 = d.pop("upsellItemName16", UNSET)

        upsell_item_name_17 = d.pop("upsellItemName17", UNSET)

        upsell_item_name_18 = d.pop("upsellItemName18", UNSET)

        upsell_item_name_19 = d.pop("upsellItemName19", UNSET)

        upsell_item_name_20 = d.pop("upsellItemName20", UNSET)

        upsell_item_description_1 = d.pop("upsellItemDescription1", UNSET)

        upsell_item_description_2 = d.pop("upsellItemDescription2", UNSET)

        upsell_item_description_3 = d.pop("upsellItemDescription3", UNSET)

        upsell_item_description_4 = d.pop("upsellItemDescription4", UNSET)

        upsell_item_description_5 = d.pop("upsellItemDescription5", UNSET)

        upsell_item_description_6 = d.pop("upsellItemDescription6", UNSET)

        upsell_item_description_7 = d.pop("upsellItemDescription7", UNSET)

        upsell_item_description_8 = d.pop("upsellItemDescription8", UNSET)

        upsell_item_description_9 = d.pop("upsellItemDescription9", UNSET)

        upsell_item_description_10 = d.pop("upsellItemDescription10", UNSET)

        upsell_item_description_11 = d.pop("upsellItemDescription11", UNSET)

        upsell_item_description_12 = d.pop("upsellItemDescription12", UNSET)

        upsell_item_description_13 = d.pop("upsellItemDescription13", UNSET)

        upsell_item_description_14 = d.pop("upsellItemDescription14", UNSET)

        upsell_item_description_15 = d.pop("upsellItemDescription15", UNSET)

        upsell_item_description_16 = d.pop("upsellItemDescription16", UNSET)

        upsell_item_description_17 = d.pop("upsellItemDescription17", UNSET)

        upsell_item_description_18 = d.pop("upsellItemDescription18", UNSET)

        upsell_item_description_19 = d.pop("upsellItemDescription19", UNSET)

        upsell_item_description_20 = d.pop("upsellItemDescription20", UNSET)

        offer_name_1 = d.pop("offerName1", UNSET)

        offer_name_2 = d.pop("offerName2", UNSET)

        offer_name_3 = d.pop("offerName3", UNSET)

        offer_name_4 = d.pop("offerName4", UNSET)

        offer_name_5 = d.pop("offerName5", UNSET)

        offer_name_6 = d.pop("offerName6", UNSET)

        offer_name_7 = d.pop("offerName7", UNSET)

        offer_name_8 = d.pop("offerName8", UNSET)

        offer_name_9 = d.pop("offerName9", UNSET)

        offer_name_10 = d.pop("offerName10", UNSET)

        offer_name_11 = d.pop("offerName11", UNSET)

        offer_name_12 = d.pop("offerName12", UNSET)

        offer_name_13 = d.pop("offerName13", UNSET)

        offer_name_14 = d.pop("offerName14", UNSET)

        offer_name_15 = d.pop("offerName15", UNSET)

        offer_name_16 = d.pop("offerName16", UNSET)

        offer_description_1 = d.pop("offerDescription1", UNSET)

        offer_description_2 = d.pop("offerDescription2", UNSET)

        offer_description_3 = d.pop("offerDescription3", UNSET)

        offer_description_4 = d.pop("offerDescription4", UNSET)

        offer_description_5 = d.pop("offerDescription5", UNSET)

        offer_description_6 = d.pop("offerDescription6", UNSET)

        offer_description_7 = d.pop("offerDescription7", UNSET)

        offer_description_8 = d.pop("offerDescription8", UNSET)

        offer_description_9 = d.pop("offerDescription9", UNSET)

        offer_description_10 = d.pop("offerDescription10", UNSET)

        offer_description_11 = d.pop("offerDescription11", UNSET)

        offer_description_12 = d.pop("offerDescription12", UNSET)

        offer_description_13 = d.pop("offerDescription13", UNSET)

        offer_description_14 = d.pop("offerDescription14", UNSET)

        offer_description_15 = d.pop("offerDescription15", UNSET)

        offer_description_16 = d.pop("offerDescription16", UNSET)

        offer_more_detail_1 = d.pop("offerMoreDetail1", UNSET)

        offer_more_detail_2 = d.pop("offerMoreDetail2", UNSET)

        offer_more_detail_3 = d.pop("offerMoreDetail3", UNSET)

        offer_more_detail_4 = d.pop("offerMoreDetail4", UNSET)

        offer_more_detail_5 = d.pop("offerMoreDetail5", UNSET)

        offer_more_detail_6 = d.pop("offerMoreDetail6", UNSET)

        offer_more_detail_7 = d.pop("offerMoreDetail7", UNSET)

        offer_more_detail_8 = d.pop("offerMoreDetail8", UNSET)

        offer_more_detail_9 = d.pop("offerMoreDetail9", UNSET)

        offer_more_detail_10 = d.pop("offerMoreDetail10", UNSET)

        offer_more_detail_11 = d.pop("offerMoreDetail11", UNSET)

        offer_more_detail_12 = d.pop("offerMoreDetail12", UNSET)

        offer_more_detail_13 = d.pop("offerMoreDetail13", UNSET)

        offer_more_detail_14 = d.pop("offerMoreDetail14", UNSET)

        offer_more_detail_15 = d.pop("offerMoreDetail15", UNSET)

        offer_more_detail_16 = d.pop("offerMoreDetail16", UNSET)

        offer_marketing_1 = d.pop("offerMarketing1", UNSET)

        offer_marketing_2 = d.pop("offerMarketing2", UNSET)

        offer_marketing_3 = d.pop("offerMarketing3", UNSET)

        offer_marketing_4 = d.pop("offerMarketing4", UNSET)

        offer_marketing_5 = d.pop("offerMarketing5", UNSET)

        offer_marketing_6 = d.pop("offerMarketing6", UNSET)

        offer_marketing_7 = d.pop("offerMarketing7", UNSET)

        offer_marketing_8 = d.pop("offerMarketing8", UNSET)

        offer_marketing_9 = d.pop("offerMarketing9", UNSET)

        offer_marketing_10 = d.pop("offerMarketing10", UNSET)

        offer_marketing_11 = d.pop("offerMarketing11", UNSET)

        offer_marketing_12 = d.pop("offerMarketing12", UNSET)

        offer_marketing_13 = d.pop("offerMarketing13", UNSET)

        offer_marketing_14 = d.pop("offerMarketing14", UNSET)

        offer_marketing_15 = d.pop("offerMarketing15", UNSET)

        offer_marketing_16 = d.pop("offerMarketing16", UNSET)

        property_texts_item = cls(
            language=language,
            house_rules=house_rules,
            directions=directions,
            headline=headline,
            property_description=property_description,
            property_description_1=property_description_1,
            property_description_2=property_description_2,
            property_description_booking_page_1=property_description_booking_page_1,
            property_description_booking_page_2=property_description_booking_page_2,
            guest_details_header=guest_details_header,
            guest_enquiry_header=guest_enquiry_header,
            confirm_booking_button_message=confirm_booking_button_message,
            room_not_available_message=room_not_available_message,
            room_no_price_message=room_no_price_message,
            no_rooms_available_message=no_rooms_available_message,
            general_policy=general_policy,
            cancellation_policy=cancellation_policy,
            location_description=location_description,
            custom_question_1=custom_question_1,
            custom_question_2=custom_question_2,
            custom_question_3=custom_question_3,
            custom_question_4=custom_question_4,
            custom_question_5=custom_question_5,
            custom_question_6=custom_question_6,
            custom_question_7=custom_question_7,
            custom_question_8=custom_question_8,
            custom_question_9=custom_question_9,
            custom_question_10=custom_question_10,
            upsell_item_name_1=upsell_item_name_1,
            upsell_item_name_2=upsell_item_name_2,
            upsell_item_name_3=upsell_item_name_3,
            upsell_item_name_4=upsell_item_name_4,
            upsell_item_name_5=upsell_item_name_5,
            upsell_item_name_6=upsell_item_name_6,
            upsell_item_name_7=upsell_item_name_7,
            upsell_item_name_8=upsell_item_name_8,
            upsell_item_name_9=upsell_item_name_9,
            upsell_item_name_10=upsell_item_name_10,
            upsell_item_name_11=upsell_item_name_11,
            upsell_item_name_12=upsell_item_name_12,
            upsell_item_name_13=upsell_item_name_13,
            upsell_item_name_14=upsell_item_name_14,
            upsell_item_name_15=upsell_item_name_15,
            upsell_item_name_16=upsell_item_name_16,
            upsell_item_name_17=upsell_item_name_17,
            upsell_item_name_18=upsell_item_name_18,
            upsell_item_name_19=upsell_item_name_19,
            upsell_item_name_20=upsell_item_name_20,
            upsell_item_description_1=upsell_item_description_1,
            upsell_item_description_2=upsell_item_description_2,
            upsell_item_description_3=upsell_item_description_3,
            upsell_item_description_4=upsell_item_description_4,
            upsell_item_description_5=upsell_item_description_5,
            upsell_item_description_6=upsell_item_description_6,
            upsell_item_description_7=upsell_item_description_7,
            upsell_item_description_8=upsell_item_description_8,
            upsell_item_description_9=upsell_item_description_9,
            upsell_item_description_10=upsell_item_description_10,
            upsell_item_description_11=upsell_item_description_11,
            upsell_item_description_12=upsell_item_description_12,
            upsell_item_description_13=upsell_item_description_13,
            upsell_item_description_14=upsell_item_description_14,
            upsell_item_description_15=upsell_item_description_15,
            upsell_item_description_16=upsell_item_description_16,
            upsell_item_description_17=upsell_item_description_17,
            upsell_item_description_18=upsell_item_description_18,
            upsell_item_description_19=upsell_item_description_19,
            upsell_item_description_20=upsell_item_description_20,
            offer_name_1=offer_name_1,
            offer_name_2=offer_name_2,
            offer_name_3=offer_name_3,
            offer_name_4=offer_name_4,
            offer_name_5=offer_name_5,
            offer_name_6=offer_name_6,
            offer_name_7=offer_name_7,
            offer_name_8=offer_name_8,
            offer_name_9=offer_name_9,
            offer_name_10=offer_name_10,
            offer_name_11=offer_name_11,
            offer_name_12=offer_name_12,
            offer_name_13=offer_name_13,
            offer_name_14=offer_name_14,
            offer_name_15=offer_name_15,
            offer_name_16=offer_name_16,
            offer_description_1=offer_description_1,
            offer_description_2=offer_description_2,
            offer_description_3=offer_description_3,
            offer_description_4=offer_description_4,
            offer_description_5=offer_description_5,
            offer_description_6=offer_description_6,
            offer_description_7=offer_description_7,
            offer_description_8=offer_description_8,
            offer_description_9=offer_description_9,
            offer_description_10=offer_description_10,
            offer_description_11=offer_description_11,
            offer_description_12=offer_description_12,
            offer_description_13=offer_description_13,
            offer_description_14=offer_description_14,
            offer_description_15=offer_description_15,
            offer_description_16=offer_description_16,
            offer_more_detail_1=offer_more_detail_1,
            offer_more_detail_2=offer_more_detail_2,
            offer_more_detail_3=offer_more_detail_3,
            offer_more_detail_4=offer_more_detail_4,
            offer_more_detail_5=offer_more_detail_5,
            offer_more_detail_6=offer_more_detail_6,
            offer_more_detail_7=offer_more_detail_7,
            offer_more_detail_8=offer_more_detail_8,
            offer_more_detail_9=offer_more_detail_9,
            offer_more_detail_10=offer_more_detail_10,
            offer_more_detail_11=offer_more_detail_11,
            offer_more_detail_12=offer_more_detail_12,
            offer_more_detail_13=offer_more_detail_13,
            offer_more_detail_14=offer_more_detail_14,
            offer_more_detail_15=offer_more_detail_15,
            offer_more_detail_16=offer_more_detail_16,
            offer_marketing_1=offer_marketing_1,
            offer_marketing_2=offer_marketing_2,
            offer_marketing_3=offer_marketing_3,
            offer_marketing_4=offer_marketing_4,
            offer_marketing_5=offer_marketing_5,
            offer_marketing_6=offer_marketing_6,
            offer_marketing_7=offer_marketing_7,
            offer_marketing_8=offer_marketing_8,
            offer_marketing_9=offer_marketing_9,
            offer_marketing_10=offer_marketing_10,
            offer_marketing_11=offer_marketing_11,
            offer_marketing_12=offer_marketing_12,
            offer_marketing_13=offer_marketing_13,
            offer_marketing_14=offer_marketing_14,
            offer_marketing_15=offer_marketing_15,
            offer_marketing_16=offer_marketing_16,
        )

        property_texts_item.additional_properties = d
        return property_texts_item

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties
