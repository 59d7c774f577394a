from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.property_check_in_end import (
    PropertyCheckInEnd,
    check_property_check_in_end,
)
from ..models.property_check_in_start import (
    PropertyCheckInStart,
    check_property_check_in_start,
)
from ..models.property_check_out_end import (
    PropertyCheckOutEnd,
    check_property_check_out_end,
)
from ..models.property_offer_type import PropertyOfferType, check_property_offer_type
from ..models.property_property_type import (
    PropertyPropertyType,
    check_property_property_type,
)
from ..models.property_room_charge_display import (
    PropertyRoomChargeDisplay,
    check_property_room_charge_display,
)
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.offer import Offer
    from ..models.property_account import PropertyAccount
    from ..models.property_booking_questions import PropertyBookingQuestions
    from ..models.property_booking_rules import PropertyBookingRules
    from ..models.property_card_settings import PropertyCardSettings
    from ..models.property_discount_vouchers_item import PropertyDiscountVouchersItem
    from ..models.property_one_time_vouchers_item import PropertyOneTimeVouchersItem
    from ..models.property_payment_collection import PropertyPaymentCollection
    from ..models.property_payment_gateways import PropertyPaymentGateways
    from ..models.property_templates import PropertyTemplates
    from ..models.property_texts_item import PropertyTextsItem
    from ..models.property_upsell_items_item import PropertyUpsellItemsItem
    from ..models.property_webhooks import PropertyWebhooks
    from ..models.room import Room


T = TypeVar("T", bound="Property")


@_attrs_define
class Property:
    """
    Attributes:
        account (PropertyAccount | Unset): contains useful read only info about the account.
        id (int | Unset):
        name (str | Unset):
        property_type (PropertyPropertyType | Unset):
        currency (str | Unset):
        address (str | Unset):
        city (str | Unset):
        state (str | Unset):
        country (str | Unset):  Example: DE.
        postcode (str | Unset):
        latitude (float | Unset):
        longitude (float | Unset):
        phone (str | Unset):
        mobile (str | Unset):
        fax (str | Unset):
        email (str | Unset):
        web (str | Unset):
        contact_first_name (str | Unset):
        contact_last_name (str | Unset):
        check_in_start (PropertyCheckInStart | Unset):
        check_in_end (PropertyCheckInEnd | Unset):
        check_out_end (PropertyCheckOutEnd | Unset):
        offer_type (PropertyOfferType | Unset):
        sell_priority (int | None | Unset): Set to null to hide.
        control_priority (int | None | Unset): Set to null to hide.
        booking_page_multiplier (str | Unset):
        permit (str | Unset):
        room_charge_display (PropertyRoomChargeDisplay | Unset):
        templates (PropertyTemplates | Unset):
        booking_rules (PropertyBookingRules | Unset):
        payment_collection (PropertyPaymentCollection | Unset):
        payment_gateways (PropertyPaymentGateways | Unset):
        card_settings (PropertyCardSettings | Unset):
        group_keywords (list[str] | Unset):
        one_time_vouchers (list[PropertyOneTimeVouchersItem] | Unset):
        discount_vouchers (list[PropertyDiscountVouchersItem] | Unset):
        feature_codes (list[list[str]] | Unset):
        texts (list[PropertyTextsItem] | Unset):
        offers (list[Offer] | Unset):
        room_types (list[Room] | Unset):
        upsell_items (list[PropertyUpsellItemsItem] | Unset):
        booking_questions (PropertyBookingQuestions | Unset):
        webhooks (PropertyWebhooks | Unset):
    """

    account: PropertyAccount | Unset = UNSET
    id: int | Unset = UNSET
    name: str | Unset = UNSET
    property_type: PropertyPropertyType | Unset = UNSET
    currency: str | Unset = UNSET
    address: str | Unset = UNSET
    city: str | Unset = UNSET
    state: str | Unset = UNSET
    country: str | Unset = UNSET
    postcode: str | Unset = UNSET
    latitude: float | Unset = UNSET
    longitude: float | Unset = UNSET
    phone: str | Unset = UNSET
    mobile: str | Unset = UNSET
    fax: str | Unset = UNSET
    email: str | Unset = UNSET
    web: str | Unset = UNSET
    contact_first_name: str | Unset = UNSET
    contact_last_name: str | Unset = UNSET
    check_in_start: PropertyCheckInStart | Unset = UNSET
    check_in_end: PropertyCheckInEnd | Unset = UNSET
    check_out_end: PropertyCheckOutEnd | Unset = UNSET
    offer_type: PropertyOfferType | Unset = UNSET
    sell_priority: int | None | Unset = UNSET
    control_priority: int | None | Unset = UNSET
    booking_page_multiplier: str | Unset = UNSET
    permit: str | Unset = UNSET
    room_charge_display: PropertyRoomChargeDisplay | Unset = UNSET
    templates: PropertyTemplates | Unset = UNSET
    booking_rules: PropertyBookingRules | Unset = UNSET
    payment_collection: PropertyPaymentCollection | Unset = UNSET
    payment_gateways: PropertyPaymentGateways | Unset = UNSET
    card_settings: PropertyCardSettings | Unset = UNSET
    group_keywords: list[str] | Unset = UNSET
    one_time_vouchers: list[PropertyOneTimeVouchersItem] | Unset = UNSET
    discount_vouchers: list[PropertyDiscountVouchersItem] | Unset = UNSET
    feature_codes: list[list[str]] | Unset = UNSET
    texts: list[PropertyTextsItem] | Unset = UNSET
    offers: list[Offer] | Unset = UNSET
    room_types: list[Room] | Unset = UNSET
    upsell_items: list[PropertyUpsellItemsItem] | Unset = UNSET
    booking_questions: PropertyBookingQuestions | Unset = UNSET
    webhooks: PropertyWebhooks | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        account: dict[str, Any] | Unset = UNSET
        if not isinstance(self.account, Unset):
            account = self.account.to_dict()

        id = self.id

        name = self.name

        property_type: str | Unset = UNSET
        if not isinstance(self.property_type, Unset):
            property_type = self.property_type

        currency = self.currency

        address = self.address

        city = self.city

        state = self.state

        country = self.country

        postcode = self.postcode

        latitude = self.latitude

        longitude = self.longitude

        phone = self.phone

        mobile = self.mobile

        fax = self.fax

        email = self.email

        web = self.web

        contact_first_name = self.contact_first_name

        contact_last_name = self.contact_last_name

        check_in_start: str | Unset = UNSET
        if not isinstance(self.check_in_start, Unset):
            check_in_start = self.check_in_start

        check_in_end: str | Unset = UNSET
        if not isinstance(self.check_in_end, Unset):
            check_in_end = self.check_in_end

        check_out_end: str | Unset = UNSET
        if not isinstance(self.check_out_end, Unset):
            check_out_end = self.check_out_end

        offer_type: str | Unset = UNSET
        if not isinstance(self.offer_type, Unset):
            offer_type = self.offer_type

        sell_priority: int | None | Unset
        if isinstance(self.sell_priority, Unset):
            sell_priority = UNSET
        else:
            sell_priority = self.sell_priority

        control_priority: int | None | Unset
        if isinstance(self.control_priority, Unset):
            control_priority = UNSET
        else:
            control_priority = self.control_priority

        booking_page_multiplier = self.booking_page_multiplier

        permit = self.permit

        room_charge_display: str | Unset = UNSET
        if not isinstance(self.room_charge_display, Unset):
            room_charge_display = self.room_charge_display

        templates: dict[str, Any] | Unset = UNSET
        if not isinstance(self.templates, Unset):
            templates = self.templates.to_dict()

        booking_rules: dict[str, Any] | Unset = UNSET
        if not isinstance(self.booking_rules, Unset):
            booking_rules = self.booking_rules.to_dict()

        payment_collection: dict[str, Any] | Unset = UNSET
        if not isinstance(self.payment_collection, Unset):
            payment_collection = self.payment_collection.to_dict()

        payment_gateways: dict[str, Any] | Unset = UNSET
        if not isinstance(self.payment_gateways, Unset):
            payment_gateways = self.payment_gateways.to_dict()

        card_settings: dict[str, Any] | Unset = UNSET
        if not isinstance(self.card_settings, Unset):
            card_settings = self.card_settings.to_dict()

        group_keywords: list[str] | Unset = UNSET
        if not isinstance(self.group_keywords, Unset):
            group_keywords = self.group_keywords

        one_time_vouchers: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.one_time_vouchers, Unset):
            one_time_vouchers = []
            for one_time_vouchers_item_data in self.one_time_vouchers:
                one_time_vouchers_item = one_time_vouchers_item_data.to_dict()
                one_time_vouchers.append(one_time_vouchers_item)

        discount_vouchers: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.discount_vouchers, Unset):
            discount_vouchers = []
            for discount_vouchers_item_data in self.discount_vouchers:
                discount_vouchers_item = discount_vouchers_item_data.to_dict()
                discount_vouchers.append(discount_vouchers_item)

        feature_codes: list[list[str]] | Unset = UNSET
        if not isinstance(self.feature_codes, Unset):
            feature_codes = []
            for feature_codes_item_data in self.feature_codes:
                feature_codes_item = feature_codes_item_data

                feature_codes.append(feature_codes_item)

        texts: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.texts, Unset):
            texts = []
            for texts_item_data in self.texts:
                texts_item = texts_item_data.to_dict()
                texts.append(texts_item)

        offers: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.offers, Unset):
            offers = []
            for offers_item_data in self.offers:
                offers_item = offers_item_data.to_dict()
                offers.append(offers_item)

        room_types: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.room_types, Unset):
            room_types = []
            for room_types_item_data in self.room_types:
                room_types_item = room_types_item_data.to_dict()
                room_types.append(room_types_item)

        upsell_items: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.upsell_items, Unset):
            upsell_items = []
            for upsell_items_item_data in self.upsell_items:
                upsell_items_item = upsell_items_item_data.to_dict()
                upsell_items.append(upsell_items_item)

        booking_questions: dict[str, Any] | Unset = UNSET
        if not isinstance(self.booking_questions, Unset):
            booking_questions = self.booking_questions.to_dict()

        webhooks: dict[str, Any] | Unset = UNSET
        if not isinstance(self.webhooks, Unset):
            webhooks = self.webhooks.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if account is not UNSET:
            field_dict["account"] = account
        if id is not UNSET:
            field_dict["id"] = id
        if name is not UNSET:
            field_dict["name"] = name
        if property_type is not UNSET:
            field_dict["propertyType"] = property_type
        if currency is not UNSET:
            field_dict["currency"] = currency
        if address is not UNSET:
            field_dict["address"] = address
        if city is not UNSET:
            field_dict["city"] = city
        if state is not UNSET:
            field_dict["state"] = state
        if country is not UNSET:
            field_dict["country"] = country
        if postcode is not UNSET:
            field_dict["postcode"] = postcode
        if latitude is not UNSET:
            field_dict["latitude"] = latitude
        if longitude is not UNSET:
            field_dict["longitude"] = longitude
        if phone is not UNSET:
            field_dict["phone"] = phone
        if mobile is not UNSET:
            field_dict["mobile"] = mobile
        if fax is not UNSET:
            field_dict["fax"] = fax
        if email is not UNSET:
            field_dict["email"] = email
        if web is not UNSET:
            field_dict["web"] = web
        if contact_first_name is not UNSET:
            field_dict["contactFirstName"] = contact_first_name
        if contact_last_name is not UNSET:
            field_dict["contactLastName"] = contact_last_name
        if check_in_start is not UNSET:
            field_dict["checkInStart"] = check_in_start
        if check_in_end is not UNSET:
            field_dict["checkInEnd"] = check_in_end
        if check_out_end is not UNSET:
            field_dict["checkOutEnd"] = check_out_end
        if offer_type is not UNSET:
            field_dict["offerType"] = offer_type
        if sell_priority is not UNSET:
            field_dict["sellPriority"] = sell_priority
        if control_priority is not UNSET:
            field_dict["controlPriority"] = control_priority
        if booking_page_multiplier is not UNSET:
            field_dict["bookingPageMultiplier"] = booking_page_multiplier
        if permit is not UNSET:
            field_dict["permit"] = permit
        if room_charge_display is not UNSET:
            field_dict["roomChargeDisplay"] = room_charge_display
        if templates is not UNSET:
            field_dict["templates"] = templates
        if booking_rules is not UNSET:
            field_dict["bookingRules"] = booking_rules
        if payment_collection is not UNSET:
            field_dict["paymentCollection"] = payment_collection
        if payment_gateways is not UNSET:
            field_dict["paymentGateways"] = payment_gateways
        if card_settings is not UNSET:
            field_dict["cardSettings"] = card_settings
        if group_keywords is not UNSET:
            field_dict["groupKeywords"] = group_keywords
        if one_time_vouchers is not UNSET:
            field_dict["oneTimeVouchers"] = one_time_vouchers
        if discount_vouchers is not UNSET:
            field_dict["discountVouchers"] = discount_vouchers
        if feature_codes is not UNSET:
            field_dict["featureCodes"] = feature_codes
        if texts is not UNSET:
            field_dict["texts"] = texts
        if offers is not UNSET:
            field_dict["offers"] = offers
        if room_types is not UNSET:
            field_dict["roomTypes"] = room_types
        if upsell_items is not UNSET:
            field_dict["upsellItems"] = upsell_items
        if booking_questions is not UNSET:
            field_dict["bookingQuestions"] = booking_questions
        if webhooks is not UNSET:
            field_dict["webhooks"] = webhooks

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.offer import Offer
        from ..models.property_account import PropertyAccount
        from ..models.property_booking_questions import PropertyBookingQuestions
        from ..models.property_booking_rules import PropertyBookingRules
        from ..models.property_card_settings import PropertyCardSettings
        from ..models.property_discount_vouchers_item import (
            PropertyDiscountVouchersItem,
        )
        from ..models.property_one_time_vouchers_item import PropertyOneTimeVouchersItem
        from ..models.property_payment_collection import PropertyPaymentCollection
        from ..models.property_payment_gateways import PropertyPaymentGateways
        from ..models.property_templates import PropertyTemplates
        from ..models.property_texts_item import PropertyTextsItem
        from ..models.property_upsell_items_item import PropertyUpsellItemsItem
        from ..models.property_webhooks import PropertyWebhooks
        from ..models.room import Room

        d = dict(src_dict)
        _account = d.pop("account", UNSET)
        account: PropertyAccount | Unset
        if isinstance(_account, Unset):
            account = UNSET
        else:
            account = PropertyAccount.from_dict(_account)

        id = d.pop("id", UNSET)

        name = d.pop("name", UNSET)

        _property_type = d.pop("propertyType", UNSET)
        property_type: PropertyPropertyType | Unset
        if isinstance(_property_type, Unset):
            property_type = UNSET
        else:
            property_type = check_property_property_type(_property_type)

        currency = d.pop("currency", UNSET)

        address = d.pop("address", UNSET)

        city = d.pop("city", UNSET)

        state = d.pop("state", UNSET)

        country = d.pop("country", UNSET)

        postcode = d.pop("postcode", UNSET)

        latitude = d.pop("latitude", UNSET)

        longitude = d.pop("longitude", UNSET)

        phone = d.pop("phone", UNSET)

        mobile = d.pop("mobile", UNSET)

        fax = d.pop("fax", UNSET)

        email = d.pop("email", UNSET)

        web = d.pop("web", UNSET)

        contact_first_name = d.pop("contactFirstName", UNSET)

        contact_last_name = d.pop("contactLastName", UNSET)

        _check_in_start = d.pop("checkInStart", UNSET)
        check_in_start: PropertyCheckInStart | Unset
        if isinstance(_check_in_start, Unset):
            check_in_start = UNSET
        else:
            check_in_start = check_property_check_in_start(_check_in_start)

        _check_in_end = d.pop("checkInEnd", UNSET)
        check_in_end: PropertyCheckInEnd | Unset
        if isinstance(_check_in_end, Unset):
            check_in_end = UNSET
        else:
            check_in_end = check_property_check_in_end(_check_in_end)

        _check_out_end = d.pop("checkOutEnd", UNSET)
        check_out_end: PropertyCheckOutEnd | Unset
        if isinstance(_check_out_end, Unset):
            check_out_end = UNSET
        else:
            check_out_end = check_property_check_out_end(_check_out_end)

        _offer_type = d.pop("offerType", UNSET)
        offer_type: PropertyOfferType | Unset
        if isinstance(_offer_type, Unset):
            offer_type = UNSET
        else:
            offer_type = check_property_offer_type(_offer_type)

        def _parse_sell_priority(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        sell_priority = _parse_sell_priority(d.pop("sellPriority", UNSET))

        def _parse_control_priority(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        control_priority = _parse_control_priority(d.pop("controlPriority", UNSET))

        booking_page_multiplier = d.pop("bookingPageMultiplier", UNSET)

        permit = d.pop("permit", UNSET)

        _room_charge_display = d.pop("roomChargeDisplay", UNSET)
        room_charge_display: PropertyRoomChargeDisplay | Unset
        if isinstance(_room_charge_display, Unset):
            room_charge_display = UNSET
        else:
            room_charge_display = check_property_room_charge_display(
                _room_charge_display
            )

        _templates = d.pop("templates", UNSET)
        templates: PropertyTemplates | Unset
        if isinstance(_templates, Unset):
            templates = UNSET
        else:
            templates = PropertyTemplates.from_dict(_templates)

        _booking_rules = d.pop("bookingRules", UNSET)
        booking_rules: PropertyBookingRules | Unset
        if isinstance(_booking_rules, Unset):
            booking_rules = UNSET
        else:
            booking_rules = PropertyBookingRules.from_dict(_booking_rules)

        _payment_collection = d.pop("paymentCollection", UNSET)
        payment_collection: PropertyPaymentCollection | Unset
        if isinstance(_payment_collection, Unset):
            payment_collection = UNSET
        else:
            payment_collection = PropertyPaymentCollection.from_dict(
                _payment_collection
            )

        _payment_gateways = d.pop("paymentGateways", UNSET)
        payment_gateways: PropertyPaymentGateways | Unset
        if isinstance(_payment_gateways, Unset):
            payment_gateways = UNSET
        else:
            payment_gateways = PropertyPaymentGateways.from_dict(_payment_gateways)

        _card_settings = d.pop("cardSettings", UNSET)
        card_settings: PropertyCardSettings | Unset
        if isinstance(_card_settings, Unset):
            card_settings = UNSET
        else:
            card_settings = PropertyCardSettings.from_dict(_card_settings)

        group_keywords = cast(list[str], d.pop("groupKeywords", UNSET))

        _one_time_vouchers = d.pop("oneTimeVouchers", UNSET)
        one_time_vouchers: list[PropertyOneTimeVouchersItem] | Unset = UNSET
        if _one_time_vouchers is not UNSET:
            one_time_vouchers = []
            for one_time_vouchers_item_data in _one_time_vouchers:
                one_time_vouchers_item = PropertyOneTimeVouchersItem.from_dict(
                    one_time_vouchers_item_data
                )

                one_time_vouchers.append(one_time_vouchers_item)

        _discount_vouchers = d.pop("discountVouchers", UNSET)
        discount_vouchers: list[PropertyDiscountVouchersItem] | Unset = UNSET
        if _discount_vouchers is not UNSET:
            discount_vouchers = []
            for discount_vouchers_item_data in _discount_vouchers:
                discount_vouchers_item = PropertyDiscountVouchersItem.from_dict(
                    discount_vouchers_item_data
                )

                discount_vouchers.append(discount_vouchers_item)

        _feature_codes = d.pop("featureCodes", UNSET)
        feature_codes: list[list[str]] | Unset = UNSET
        if _feature_codes is not UNSET:
            feature_codes = []
            for feature_codes_item_data in _feature_codes:
                feature_codes_item = cast(list[str], feature_codes_item_data)

                feature_codes.append(feature_codes_item)

        _texts = d.pop("texts", UNSET)
        texts: list[PropertyTextsItem] | Unset = UNSET
        if _texts is not UNSET:
            texts = []
            for texts_item_data in _texts:
                texts_item = PropertyTextsItem.from_dict(texts_item_data)

                texts.append(texts_item)

        _offers = d.pop("offers", UNSET)
        offers: list[Offer] | Unset = UNSET
        if _offers is not UNSET:
            offers = []
            for offers_item_data in _offers:
                offers_item = Offer.from_dict(offers_item_data)

                offers.append(offers_item)

        _room_types = d.pop("roomTypes", UNSET)
        room_types: list[Room] | Unset = UNSET
        if _room_types is not UNSET:
            room_types = []
            for room_types_item_data in _room_types:
                room_types_item = Room.from_dict(room_types_item_data)

                room_types.append(room_types_item)

        _upsell_items = d.pop("upsellItems", UNSET)
        upsell_items: list[PropertyUpsellItemsItem] | Unset = UNSET
        if _upsell_items is not UNSET:
            upsell_items = []
            for upsell_items_item_data in _upsell_items:
                upsell_items_item = PropertyUpsellItemsItem.from_dict(
                    upsell_items_item_data
                )

                upsell_items.append(upsell_items_item)

        _booking_questions = d.pop("bookingQuestions", UNSET)
        booking_questions: PropertyBookingQuestions | Unset
        if isinstance(_booking_questions, Unset):
            booking_questions = UNSET
        else:
            booking_questions = PropertyBookingQuestions.from_dict(_booking_questions)

        _webhooks = d.pop("webhooks", UNSET)
        webhooks: PropertyWebhooks | Unset
        if isinstance(_webhooks, Unset):
            webhooks = UNSET
        else:
            webhooks = PropertyWebhooks.from_dict(_webhooks)

        property_ = cls(
            account=account,
            id=id,
            name=name,
            property_type=property_type,
            currency=currency,
            address=address,
            city=city,
            state=state,
            country=country,
            postcode=postcode,
            latitude=latitude,
            longitude=longitude,
            phone=phone,
            mobile=mobile,
            fax=fax,
            email=email,
            web=web,
            contact_first_name=contact_first_name,
            contact_last_name=contact_last_name,
            check_in_start=check_in_start,
            check_in_end=check_in_end,
            check_out_end=check_out_end,
            offer_type=offer_type,
            sell_priority=sell_priority,
            control_priority=control_priority,
            booking_page_multiplier=booking_page_multiplier,
            permit=permit,
            room_charge_display=room_charge_display,
            templates=templates,
            booking_rules=booking_rules,
            payment_collection=payment_collection,
            payment_gateways=payment_gateways,
            card_settings=card_settings,
            group_keywords=group_keywords,
            one_time_vouchers=one_time_vouchers,
            discount_vouchers=discount_vouchers,
            feature_codes=feature_codes,
            texts=texts,
            offers=offers,
            room_types=room_types,
            upsell_items=upsell_items,
            booking_questions=booking_questions,
            webhooks=webhooks,
        )

        property_.additional_properties = d
        return property_

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
