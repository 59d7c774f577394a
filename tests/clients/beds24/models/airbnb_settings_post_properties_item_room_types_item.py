from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.airbnb_settings_post_properties_item_room_types_item_advance_notice_hours import (
    AirbnbSettingsPostPropertiesItemRoomTypesItemAdvanceNoticeHours,
    check_airbnb_settings_post_properties_item_room_types_item_advance_notice_hours,
)
from ..models.airbnb_settings_post_properties_item_room_types_item_bathroom_shared import (
    AirbnbSettingsPostPropertiesItemRoomTypesItemBathroomShared,
    check_airbnb_settings_post_properties_item_room_types_item_bathroom_shared,
)
from ..models.airbnb_settings_post_properties_item_room_types_item_cancellation_policy import (
    AirbnbSettingsPostPropertiesItemRoomTypesItemCancellationPolicy,
    check_airbnb_settings_post_properties_item_room_types_item_cancellation_policy,
)
from ..models.airbnb_settings_post_properties_item_room_types_item_checkin_type import (
    AirbnbSettingsPostPropertiesItemRoomTypesItemCheckinType,
    check_airbnb_settings_post_properties_item_room_types_item_checkin_type,
)
from ..models.airbnb_settings_post_properties_item_room_types_item_common_spaces_shared import (
    AirbnbSettingsPostPropertiesItemRoomTypesItemCommonSpacesShared,
    check_airbnb_settings_post_properties_item_room_types_item_common_spaces_shared,
)
from ..models.airbnb_settings_post_properties_item_room_types_item_dates_with_no_price import (
    AirbnbSettingsPostPropertiesItemRoomTypesItemDatesWithNoPrice,
    check_airbnb_settings_post_properties_item_room_types_item_dates_with_no_price,
)
from ..models.airbnb_settings_post_properties_item_room_types_item_early_bird_days_to_checkin import (
    AirbnbSettingsPostPropertiesItemRoomTypesItemEarlyBirdDaysToCheckin,
    check_airbnb_settings_post_properties_item_room_types_item_early_bird_days_to_checkin,
)
from ..models.airbnb_settings_post_properties_item_room_types_item_instant_book import (
    AirbnbSettingsPostPropertiesItemRoomTypesItemInstantBook,
    check_airbnb_settings_post_properties_item_room_types_item_instant_book,
)
from ..models.airbnb_settings_post_properties_item_room_types_item_listing_type import (
    AirbnbSettingsPostPropertiesItemRoomTypesItemListingType,
    check_airbnb_settings_post_properties_item_room_types_item_listing_type,
)
from ..models.airbnb_settings_post_properties_item_room_types_item_max_days_in_advance import (
    AirbnbSettingsPostPropertiesItemRoomTypesItemMaxDaysInAdvance,
    check_airbnb_settings_post_properties_item_room_types_item_max_days_in_advance,
)
from ..models.airbnb_settings_post_properties_item_room_types_item_price_strategy import (
    AirbnbSettingsPostPropertiesItemRoomTypesItemPriceStrategy,
    check_airbnb_settings_post_properties_item_room_types_item_price_strategy,
)
from ..models.airbnb_settings_post_properties_item_room_types_item_property_type_group import (
    AirbnbSettingsPostPropertiesItemRoomTypesItemPropertyTypeGroup,
    check_airbnb_settings_post_properties_item_room_types_item_property_type_group,
)
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.airbnb_settings_post_properties_item_room_types_item_texts_item import (
        AirbnbSettingsPostPropertiesItemRoomTypesItemTextsItem,
    )


T = TypeVar("T", bound="AirbnbSettingsPostPropertiesItemRoomTypesItem")


@_attrs_define
class AirbnbSettingsPostPropertiesItemRoomTypesItem:
    """
    Attributes:
        id (int | Unset):
        publish (bool | Unset):
        property_type_group (AirbnbSettingsPostPropertiesItemRoomTypesItemPropertyTypeGroup | Unset):
        listing_type (AirbnbSettingsPostPropertiesItemRoomTypesItemListingType | Unset):
        update_address (bool | Unset):
        bathroom_shared (AirbnbSettingsPostPropertiesItemRoomTypesItemBathroomShared | Unset):
        common_spaces_shared (AirbnbSettingsPostPropertiesItemRoomTypesItemCommonSpacesShared | Unset):
        checkin_type (AirbnbSettingsPostPropertiesItemRoomTypesItemCheckinType | Unset):
        checkin_instructions (str | Unset):
        house_manual (str | Unset):
        instant_book (AirbnbSettingsPostPropertiesItemRoomTypesItemInstantBook | Unset):
        pre_booking_message (str | Unset):
        cancellation_policy (AirbnbSettingsPostPropertiesItemRoomTypesItemCancellationPolicy | Unset):
        price_strategy (AirbnbSettingsPostPropertiesItemRoomTypesItemPriceStrategy | Unset):
        guests_included (int | None | Unset):
        extra_person_price (int | None | Unset):
        dates_with_no_price (AirbnbSettingsPostPropertiesItemRoomTypesItemDatesWithNoPrice | Unset):
        field_2_day_discount_percent (int | Unset):
        field_3_day_discount_percent (int | Unset):
        field_4_day_discount_percent (int | Unset):
        field_5_day_discount_percent (int | Unset):
        field_6_day_discount_percent (int | Unset):
        field_7_day_discount_percent (int | Unset):
        field_14_day_discount_percent (int | Unset):
        field_21_day_discount_percent (int | Unset):
        field_28_day_discount_percent (int | Unset):
        max_days_in_advance (AirbnbSettingsPostPropertiesItemRoomTypesItemMaxDaysInAdvance | Unset): Can be set to null
            to have no limit
        advance_notice_hours (AirbnbSettingsPostPropertiesItemRoomTypesItemAdvanceNoticeHours | Unset):
        allow_advance_notice_requests (bool | Unset):
        early_bird_days_to_checkin (AirbnbSettingsPostPropertiesItemRoomTypesItemEarlyBirdDaysToCheckin | Unset):
        early_bird_discount_percent (int | Unset):
        last_minute_days_to_checkin (int | Unset):
        last_minute_discount_percent (int | Unset):
        non_refundable_discount_percent (int | Unset):
        custom (list[str] | Unset): Each item in the array corresponds to a line in the custom textarea
        allow_multi_language (bool | Unset):
        texts (list[AirbnbSettingsPostPropertiesItemRoomTypesItemTextsItem] | Unset):
    """

    id: int | Unset = UNSET
    publish: bool | Unset = UNSET
    property_type_group: (
        AirbnbSettingsPostPropertiesItemRoomTypesItemPropertyTypeGroup | Unset
    ) = UNSET
    listing_type: AirbnbSettingsPostPropertiesItemRoomTypesItemListingType | Unset = (
        UNSET
    )
    update_address: bool | Unset = UNSET
    bathroom_shared: (
        AirbnbSettingsPostPropertiesItemRoomTypesItemBathroomShared | Unset
    ) = UNSET
    common_spaces_shared: (
        AirbnbSettingsPostPropertiesItemRoomTypesItemCommonSpacesShared | Unset
    ) = UNSET
    checkin_type: AirbnbSettingsPostPropertiesItemRoomTypesItemCheckinType | Unset = (
        UNSET
    )
    checkin_instructions: str | Unset = UNSET
    house_manual: str | Unset = UNSET
    instant_book: AirbnbSettingsPostPropertiesItemRoomTypesItemInstantBook | Unset = (
        UNSET
    )
    pre_booking_message: str | Unset = UNSET
    cancellation_policy: (
        AirbnbSettingsPostPropertiesItemRoomTypesItemCancellationPolicy | Unset
    ) = UNSET
    price_strategy: (
        AirbnbSettingsPostPropertiesItemRoomTypesItemPriceStrategy | Unset
    ) = UNSET
    guests_included: int | None | Unset = UNSET
    extra_person_price: int | None | Unset = UNSET
    dates_with_no_price: (
        AirbnbSettingsPostPropertiesItemRoomTypesItemDatesWithNoPrice | Unset
    ) = UNSET
    field_2_day_discount_percent: int | Unset = UNSET
    field_3_day_discount_percent: int | Unset = UNSET
    field_4_day_discount_percent: int | Unset = UNSET
    field_5_day_discount_percent: int | Unset = UNSET
    field_6_day_discount_percent: int | Unset = UNSET
    field_7_day_discount_percent: int | Unset = UNSET
    field_14_day_discount_percent: int | Unset = UNSET
    field_21_day_discount_percent: int | Unset = UNSET
    field_28_day_discount_percent: int | Unset = UNSET
    max_days_in_advance: (
        AirbnbSettingsPostPropertiesItemRoomTypesItemMaxDaysInAdvance | Unset
    ) = UNSET
    advance_notice_hours: (
        AirbnbSettingsPostPropertiesItemRoomTypesItemAdvanceNoticeHours | Unset
    ) = UNSET
    allow_advance_notice_requests: bool | Unset = UNSET
    early_bird_days_to_checkin: (
        AirbnbSettingsPostPropertiesItemRoomTypesItemEarlyBirdDaysToCheckin | Unset
    ) = UNSET
    early_bird_discount_percent: int | Unset = UNSET
    last_minute_days_to_checkin: int | Unset = UNSET
    last_minute_discount_percent: int | Unset = UNSET
    non_refundable_discount_percent: int | Unset = UNSET
    custom: list[str] | Unset = UNSET
    allow_multi_language: bool | Unset = UNSET
    texts: list[AirbnbSettingsPostPropertiesItemRoomTypesItemTextsItem] | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        publish = self.publish

        property_type_group: str | Unset = UNSET
        if not isinstance(self.property_type_group, Unset):
            property_type_group = self.property_type_group

        listing_type: str | Unset = UNSET
        if not isinstance(self.listing_type, Unset):
            listing_type = self.listing_type

        update_address = self.update_address

        bathroom_shared: str | Unset = UNSET
        if not isinstance(self.bathroom_shared, Unset):
            bathroom_shared = self.bathroom_shared

        common_spaces_shared: str | Unset = UNSET
        if not isinstance(self.common_spaces_shared, Unset):
            common_spaces_shared = self.common_spaces_shared

        checkin_type: str | Unset = UNSET
        if not isinstance(self.checkin_type, Unset):
            checkin_type = self.checkin_type

        checkin_instructions = self.checkin_instructions

        house_manual = self.house_manual

        instant_book: str | Unset = UNSET
        if not isinstance(self.instant_book, Unset):
            instant_book = self.instant_book

        pre_booking_message = self.pre_booking_message

        cancellation_policy: str | Unset = UNSET
        if not isinstance(self.cancellation_policy, Unset):
            cancellation_policy = self.cancellation_policy

        price_strategy: str | Unset = UNSET
        if not isinstance(self.price_strategy, Unset):
            price_strategy = self.price_strategy

        guests_included: int | None | Unset
        if isinstance(self.guests_included, Unset):
            guests_included = UNSET
        else:
            guests_included = self.guests_included

        extra_person_price: int | None | Unset
        if isinstance(self.extra_person_price, Unset):
            extra_person_price = UNSET
        else:
            extra_person_price = self.extra_person_price

        dates_with_no_price: str | Unset = UNSET
        if not isinstance(self.dates_with_no_price, Unset):
            dates_with_no_price = self.dates_with_no_price

        field_2_day_discount_percent = self.field_2_day_discount_percent

        field_3_day_discount_percent = self.field_3_day_discount_percent

        field_4_day_discount_percent = self.field_4_day_discount_percent

        field_5_day_discount_percent = self.field_5_day_discount_percent

        field_6_day_discount_percent = self.field_6_day_discount_percent

        field_7_day_discount_percent = self.field_7_day_discount_percent

        field_14_day_discount_percent = self.field_14_day_discount_percent

        field_21_day_discount_percent = self.field_21_day_discount_percent

        field_28_day_discount_percent = self.field_28_day_discount_percent

        max_days_in_advance: int | Unset = UNSET
        if not isinstance(self.max_days_in_advance, Unset):
            max_days_in_advance = self.max_days_in_advance

        advance_notice_hours: int | Unset = UNSET
        if not isinstance(self.advance_notice_hours, Unset):
            advance_notice_hours = self.advance_notice_hours

        allow_advance_notice_requests = self.allow_advance_notice_requests

        early_bird_days_to_checkin: int | Unset = UNSET
        if not isinstance(self.early_bird_days_to_checkin, Unset):
            early_bird_days_to_checkin = self.early_bird_days_to_checkin

        early_bird_discount_percent = self.early_bird_discount_percent

        last_minute_days_to_checkin = self.last_minute_days_to_checkin

        last_minute_discount_percent = self.last_minute_discount_percent

        non_refundable_discount_percent = self.non_refundable_discount_percent

        custom: list[str] | Unset = UNSET
        if not isinstance(self.custom, Unset):
            custom = self.custom

        allow_multi_language = self.allow_multi_language

        texts: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.texts, Unset):
            texts = []
            for texts_item_data in self.texts:
                texts_item = texts_item_data.to_dict()
                texts.append(texts_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if id is not UNSET:
            field_dict["id"] = id
        if publish is not UNSET:
            field_dict["publish"] = publish
        if property_type_group is not UNSET:
            field_dict["propertyTypeGroup"] = property_type_group
        if listing_type is not UNSET:
            field_dict["listingType"] = listing_type
        if update_address is not UNSET:
            field_dict["updateAddress"] = update_address
        if bathroom_shared is not UNSET:
            field_dict["bathroomShared"] = bathroom_shared
        if common_spaces_shared is not UNSET:
            field_dict["commonSpacesShared"] = common_spaces_shared
        if checkin_type is not UNSET:
            field_dict["checkinType"] = checkin_type
        if checkin_instructions is not UNSET:
            field_dict["checkinInstructions"] = checkin_instructions
        if house_manual is not UNSET:
            field_dict["houseManual"] = house_manual
        if instant_book is not UNSET:
            field_dict["instantBook"] = instant_book
        if pre_booking_message is not UNSET:
            field_dict["preBookingMessage"] = pre_booking_message
        if cancellation_policy is not UNSET:
            field_dict["cancellationPolicy"] = cancellation_policy
        if price_strategy is not UNSET:
            field_dict["priceStrategy"] = price_strategy
        if guests_included is not UNSET:
            field_dict["guestsIncluded"] = guests_included
        if extra_person_price is not UNSET:
            field_dict["extraPersonPrice"] = extra_person_price
        if dates_with_no_price is not UNSET:
            field_dict["datesWithNoPrice"] = dates_with_no_price
        if field_2_day_discount_percent is not UNSET:
            field_dict["2DayDiscountPercent"] = field_2_day_discount_percent
        if field_3_day_discount_percent is not UNSET:
            field_dict["3DayDiscountPercent"] = field_3_day_discount_percent
        if field_4_day_discount_percent is not UNSET:
            field_dict["4DayDiscountPercent"] = field_4_day_discount_percent
        if field_5_day_discount_percent is not UNSET:
            field_dict["5DayDiscountPercent"] = field_5_day_discount_percent
        if field_6_day_discount_percent is not UNSET:
            field_dict["6DayDiscountPercent"] = field_6_day_discount_percent
        if field_7_day_discount_percent is not UNSET:
            field_dict["7DayDiscountPercent"] = field_7_day_discount_percent
        if field_14_day_discount_percent is not UNSET:
            field_dict["14DayDiscountPercent"] = field_14_day_discount_percent
        if field_21_day_discount_percent is not UNSET:
            field_dict["21DayDiscountPercent"] = field_21_day_discount_percent
        if field_28_day_discount_percent is not UNSET:
            field_dict["28DayDiscountPercent"] = field_28_day_discount_percent
        if max_days_in_advance is not UNSET:
            field_dict["maxDaysInAdvance"] = max_days_in_advance
        if advance_notice_hours is not UNSET:
            field_dict["advanceNoticeHours"] = advance_notice_hours
        if allow_advance_notice_requests is not UNSET:
            field_dict["allowAdvanceNoticeRequests"] = allow_advance_notice_requests
        if early_bird_days_to_checkin is not UNSET:
            field_dict["earlyBirdDaysToCheckin"] = early_bird_days_to_checkin
        if early_bird_discount_percent is not UNSET:
            field_dict["earlyBirdDiscountPercent"] = early_bird_discount_percent
        if last_minute_days_to_checkin is not UNSET:
            field_dict["lastMinuteDaysToCheckin"] = last_minute_days_to_checkin
        if last_minute_discount_percent is not UNSET:
            field_dict["lastMinuteDiscountPercent"] = last_minute_discount_percent
        if non_refundable_discount_percent is not UNSET:
            field_dict["nonRefundableDiscountPercent"] = non_refundable_discount_percent
        if custom is not UNSET:
            field_dict["custom"] = custom
        if allow_multi_language is not UNSET:
            field_dict["allowMultiLanguage"] = allow_multi_language
        if texts is not UNSET:
            field_dict["texts"] = texts

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.airbnb_settings_post_properties_item_room_types_item_texts_item import (
            AirbnbSettingsPostPropertiesItemRoomTypesItemTextsItem,
        )

        d = dict(src_dict)
        id = d.pop("id", UNSET)

        publish = d.pop("publish", UNSET)

        _property_type_group = d.pop("propertyTypeGroup", UNSET)
        property_type_group: (
            AirbnbSettingsPostPropertiesItemRoomTypesItemPropertyTypeGroup | Unset
        )
        if isinstance(_property_type_group, Unset):
            property_type_group = UNSET
        else:
            property_type_group = check_airbnb_settings_post_properties_item_room_types_item_property_type_group(
                _property_type_group
            )

        _listing_type = d.pop("listingType", UNSET)
        listing_type: AirbnbSettingsPostPropertiesItemRoomTypesItemListingType | Unset
        if isinstance(_listing_type, Unset):
            listing_type = UNSET
        else:
            listing_type = (
                check_airbnb_settings_post_properties_item_room_types_item_listing_type(
                    _listing_type
                )
            )

        update_address = d.pop("updateAddress", UNSET)

        _bathroom_shared = d.pop("bathroomShared", UNSET)
        bathroom_shared: (
            AirbnbSettingsPostPropertiesItemRoomTypesItemBathroomShared | Unset
        )
        if isinstance(_bathroom_shared, Unset):
            bathroom_shared = UNSET
        else:
            bathroom_shared = check_airbnb_settings_post_properties_item_room_types_item_bathroom_shared(
                _bathroom_shared
            )

        _common_spaces_shared = d.pop("commonSpacesShared", UNSET)
        common_spaces_shared: (
            AirbnbSettingsPostPropertiesItemRoomTypesItemCommonSpacesShared | Unset
        )
        if isinstance(_common_spaces_shared, Unset):
            common_spaces_shared = UNSET
        else:
            common_spaces_shared = check_airbnb_settings_post_properties_item_room_types_item_common_spaces_shared(
                _common_spaces_shared
            )

        _checkin_type = d.pop("checkinType", UNSET)
        checkin_type: AirbnbSettingsPostPropertiesItemRoomTypesItemCheckinType | Unset
        if isinstance(_checkin_type, Unset):
            checkin_type = UNSET
        else:
            checkin_type = (
                check_airbnb_settings_post_properties_item_room_types_item_checkin_type(
                    _checkin_type
                )
            )

        checkin_instructions = d.pop("checkinInstructions", UNSET)

        house_manual = d.pop("houseManual", UNSET)

        _instant_book = d.pop("instantBook", UNSET)
        instant_book: AirbnbSettingsPostPropertiesItemRoomTypesItemInstantBook | Unset
        if isinstance(_instant_book, Unset):
            instant_book = UNSET
        else:
            instant_book = (
                check_airbnb_settings_post_properties_item_room_types_item_instant_book(
                    _instant_book
                )
            )

        pre_booking_message = d.pop("preBookingMessage", UNSET)

        _cancellation_policy = d.pop("cancellationPolicy", UNSET)
        cancellation_policy: (
            AirbnbSettingsPostPropertiesItemRoomTypesItemCancellationPolicy | Unset
        )
        if isinstance(_cancellation_policy, Unset):
            cancellation_policy = UNSET
        else:
            cancellation_policy = check_airbnb_settings_post_properties_item_room_types_item_cancellation_policy(
                _cancellation_policy
            )

        _price_strategy = d.pop("priceStrategy", UNSET)
        price_strategy: (
            AirbnbSettingsPostPropertiesItemRoomTypesItemPriceStrategy | Unset
        )
        if isinstance(_price_strategy, Unset):
            price_strategy = UNSET
        else:
            price_strategy = check_airbnb_settings_post_properties_item_room_types_item_price_strategy(
                _price_strategy
            )

        def _parse_guests_included(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        guests_included = _parse_guests_included(d.pop("guestsIncluded", UNSET))

        def _parse_extra_person_price(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        extra_person_price = _parse_extra_person_price(d.pop("extraPersonPrice", UNSET))

        _dates_with_no_price = d.pop("datesWithNoPrice", UNSET)
        dates_with_no_price: (
            AirbnbSettingsPostPropertiesItemRoomTypesItemDatesWithNoPrice | Unset
        )
        if isinstance(_dates_with_no_price, Unset):
            dates_with_no_price = UNSET
        else:
            dates_with_no_price = check_airbnb_settings_post_properties_item_room_types_item_dates_with_no_price(
                _dates_with_no_price
            )

        field_2_day_discount_percent = d.pop("2DayDiscountPercent", UNSET)

        field_3_day_discount_percent = d.pop("3DayDiscountPercent", UNSET)

        field_4_day_discount_percent = d.pop("4DayDiscountPercent", UNSET)

        field_5_day_discount_percent = d.pop("5DayDiscountPercent", UNSET)

        field_6_day_discount_percent = d.pop("6DayDiscountPercent", UNSET)

        field_7_day_discount_percent = d.pop("7DayDiscountPercent", UNSET)

        field_14_day_discount_percent = d.pop("14DayDiscountPercent", UNSET)

        field_21_day_discount_percent = d.pop("21DayDiscountPercent", UNSET)

        field_28_day_discount_percent = d.pop("28DayDiscountPercent", UNSET)

        _max_days_in_advance = d.pop("maxDaysInAdvance", UNSET)
        max_days_in_advance: (
            AirbnbSettingsPostPropertiesItemRoomTypesItemMaxDaysInAdvance | Unset
        )
        if isinstance(_max_days_in_advance, Unset):
            max_days_in_advance = UNSET
        else:
            max_days_in_advance = check_airbnb_settings_post_properties_item_room_types_item_max_days_in_advance(
                _max_days_in_advance
            )

        _advance_notice_hours = d.pop("advanceNoticeHours", UNSET)
        advance_notice_hours: (
            AirbnbSettingsPostPropertiesItemRoomTypesItemAdvanceNoticeHours | Unset
        )
        if isinstance(_advance_notice_hours, Unset):
            advance_notice_hours = UNSET
        else:
            advance_notice_hours = check_airbnb_settings_post_properties_item_room_types_item_advance_notice_hours(
                _advance_notice_hours
            )

        allow_advance_notice_requests = d.pop("allowAdvanceNoticeRequests", UNSET)

        _early_bird_days_to_checkin = d.pop("earlyBirdDaysToCheckin", UNSET)
        early_bird_days_to_checkin: (
            AirbnbSettingsPostPropertiesItemRoomTypesItemEarlyBirdDaysToCheckin | Unset
        )
        if isinstance(_early_bird_days_to_checkin, Unset):
            early_bird_days_to_checkin = UNSET
        else:
            early_bird_days_to_checkin = check_airbnb_settings_post_properties_item_room_types_item_early_bird_days_to_checkin(
                _early_bird_days_to_checkin
            )

        early_bird_discount_percent = d.pop("earlyBirdDiscountPercent", UNSET)

        last_minute_days_to_checkin = d.pop("lastMinuteDaysToCheckin", UNSET)

        last_minute_discount_percent = d.pop("lastMinuteDiscountPercent", UNSET)

        non_refundable_discount_percent = d.pop("nonRefundableDiscountPercent", UNSET)

        custom = cast(list[str], d.pop("custom", UNSET))

        allow_multi_language = d.pop("allowMultiLanguage", UNSET)

        _texts = d.pop("texts", UNSET)
        texts: list[AirbnbSettingsPostPropertiesItemRoomTypesItemTextsItem] | Unset = (
            UNSET
        )
        if _texts is not UNSET:
            texts = []
            for texts_item_data in _texts:
                texts_item = (
                    AirbnbSettingsPostPropertiesItemRoomTypesItemTextsItem.from_dict(
                        texts_item_data
                    )
                )

                texts.append(texts_item)

        airbnb_settings_post_properties_item_room_types_item = cls(
            id=id,
            publish=publish,
            property_type_group=property_type_group,
            listing_type=listing_type,
            update_address=update_address,
            bathroom_shared=bathroom_shared,
            common_spaces_shared=common_spaces_shared,
            checkin_type=checkin_type,
            checkin_instructions=checkin_instructions,
            house_manual=house_manual,
            instant_book=instant_book,
            pre_booking_message=pre_booking_message,
            cancellation_policy=cancellation_policy,
            price_strategy=price_strategy,
            guests_included=guests_included,
            extra_person_price=extra_person_price,
            dates_with_no_price=dates_with_no_price,
            field_2_day_discount_percent=field_2_day_discount_percent,
            field_3_day_discount_percent=field_3_day_discount_percent,
            field_4_day_discount_percent=field_4_day_discount_percent,
            field_5_day_discount_percent=field_5_day_discount_percent,
            field_6_day_discount_percent=field_6_day_discount_percent,
            field_7_day_discount_percent=field_7_day_discount_percent,
            field_14_day_discount_percent=field_14_day_discount_percent,
            field_21_day_discount_percent=field_21_day_discount_percent,
            field_28_day_discount_percent=field_28_day_discount_percent,
            max_days_in_advance=max_days_in_advance,
            advance_notice_hours=advance_notice_hours,
            allow_advance_notice_requests=allow_advance_notice_requests,
            early_bird_days_to_checkin=early_bird_days_to_checkin,
            early_bird_discount_percent=early_bird_discount_percent,
            last_minute_days_to_checkin=last_minute_days_to_checkin,
            last_minute_discount_percent=last_minute_discount_percent,
            non_refundable_discount_percent=non_refundable_discount_percent,
            custom=custom,
            allow_multi_language=allow_multi_language,
            texts=texts,
        )

        airbnb_settings_post_properties_item_room_types_item.additional_properties = d
        return airbnb_settings_post_properties_item_room_types_item

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
