from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.fixed_price_booking_type import (
    FixedPriceBookingType,
    check_fixed_price_booking_type,
)
from ..models.fixed_price_channel_management import (
    FixedPriceChannelManagement,
    check_fixed_price_channel_management,
)
from ..models.fixed_price_restriction_strategy import (
    FixedPriceRestrictionStrategy,
    check_fixed_price_restriction_strategy,
)
from ..models.fixed_price_strategy import FixedPriceStrategy, check_fixed_price_strategy
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.fixed_price_allowed_days import FixedPriceAllowedDays
    from ..models.fixed_price_booking_page import FixedPriceBookingPage
    from ..models.fixed_price_channels import FixedPriceChannels
    from ..models.fixed_price_check_in_days import FixedPriceCheckInDays
    from ..models.fixed_price_check_out_days import FixedPriceCheckOutDays
    from ..models.fixed_price_discounts_item import FixedPriceDiscountsItem
    from ..models.fixed_price_referer_discounts_item import (
        FixedPriceRefererDiscountsItem,
    )
    from ..models.fixed_price_upsell_items_item import FixedPriceUpsellItemsItem
    from ..models.fixed_price_voucher_codes_item import FixedPriceVoucherCodesItem


T = TypeVar("T", bound="FixedPrice")


@_attrs_define
class FixedPrice:
    """
    Attributes:
        id (int | Unset):
        room_id (int | Unset):
        property_id (int | Unset):
        offer_id (int | Unset):
        first_night (datetime.date | Unset):
        last_night (datetime.date | Unset):
        name (str | Unset):
        min_nights (int | Unset):
        max_nights (int | Unset):
        min_advance (int | Unset):
        max_advance (int | Unset):
        strategy (FixedPriceStrategy | Unset):
        restriction_strategy (FixedPriceRestrictionStrategy | Unset):
        booking_type (FixedPriceBookingType | Unset):
        allow_enquiry (bool | Unset):
        allow_multiplier (bool | Unset):
        prices_per_nights (int | Unset):
        color (str | Unset):
        room_price (float | Unset):
        room_price_enable (bool | Unset):
        room_price_guests (int | Unset): if set to 0, max room capacity will be used
        field_1_person_price (float | Unset):
        field_1_person_price_enable (bool | Unset):
        field_2_person_price (float | Unset):
        field_2_person_price_enable (bool | Unset):
        extra_person_price (float | Unset):
        extra_person_price_enable (bool | Unset):
        extra_child_price (float | Unset):
        allow_alone_children (bool | Unset):
        extra_child_price_enable (bool | Unset):
        channel_management (FixedPriceChannelManagement | Unset):
        export_price (float | Unset):
        agent_codes (list[str] | Unset):
        allowed_days (FixedPriceAllowedDays | Unset):
        check_in_days (FixedPriceCheckInDays | Unset):
        check_out_days (FixedPriceCheckOutDays | Unset):
        discounts (list[FixedPriceDiscountsItem] | Unset):
        referer_discounts (list[FixedPriceRefererDiscountsItem] | Unset):
        upsell_items (list[FixedPriceUpsellItemsItem] | Unset):
        voucher_codes (list[FixedPriceVoucherCodesItem] | Unset):
        booking_page (FixedPriceBookingPage | Unset):
        channels (FixedPriceChannels | Unset):
    """

    id: int | Unset = UNSET
    room_id: int | Unset = UNSET
    property_id: int | Unset = UNSET
    offer_id: int | Unset = UNSET
    first_night: datetime.date | Unset = UNSET
    last_night: datetime.date | Unset = UNSET
    name: str | Unset = UNSET
    min_nights: int | Unset = UNSET
    max_nights: int | Unset = UNSET
    min_advance: int | Unset = UNSET
    max_advance: int | Unset = UNSET
    strategy: FixedPriceStrategy | Unset = UNSET
    restriction_strategy: FixedPriceRestrictionStrategy | Unset = UNSET
    booking_type: FixedPriceBookingType | Unset = UNSET
    allow_enquiry: bool | Unset = UNSET
    allow_multiplier: bool | Unset = UNSET
    prices_per_nights: int | Unset = UNSET
    color: str | Unset = UNSET
    room_price: float | Unset = UNSET
    room_price_enable: bool | Unset = UNSET
    room_price_guests: int | Unset = UNSET
    field_1_person_price: float | Unset = UNSET
    field_1_person_price_enable: bool | Unset = UNSET
    field_2_person_price: float | Unset = UNSET
    field_2_person_price_enable: bool | Unset = UNSET
    extra_person_price: float | Unset = UNSET
    extra_person_price_enable: bool | Unset = UNSET
    extra_child_price: float | Unset = UNSET
    allow_alone_children: bool | Unset = UNSET
    extra_child_price_enable: bool | Unset = UNSET
    channel_management: FixedPriceChannelManagement | Unset = UNSET
    export_price: float | Unset = UNSET
    agent_codes: list[str] | Unset = UNSET
    allowed_days: FixedPriceAllowedDays | Unset = UNSET
    check_in_days: FixedPriceCheckInDays | Unset = UNSET
    check_out_days: FixedPriceCheckOutDays | Unset = UNSET
    discounts: list[FixedPriceDiscountsItem] | Unset = UNSET
    referer_discounts: list[FixedPriceRefererDiscountsItem] | Unset = UNSET
    upsell_items: list[FixedPriceUpsellItemsItem] | Unset = UNSET
    voucher_codes: list[FixedPriceVoucherCodesItem] | Unset = UNSET
    booking_page: FixedPriceBookingPage | Unset = UNSET
    channels: FixedPriceChannels | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        room_id = self.room_id

        property_id = self.property_id

        offer_id = self.offer_id

        first_night: str | Unset = UNSET
        if not isinstance(self.first_night, Unset):
            first_night = self.first_night.isoformat()

        last_night: str | Unset = UNSET
        if not isinstance(self.last_night, Unset):
            last_night = self.last_night.isoformat()

        name = self.name

        min_nights = self.min_nights

        max_nights = self.max_nights

        min_advance = self.min_advance

        max_advance = self.max_advance

        strategy: str | Unset = UNSET
        if not isinstance(self.strategy, Unset):
            strategy = self.strategy

        restriction_strategy: str | Unset = UNSET
        if not isinstance(self.restriction_strategy, Unset):
            restriction_strategy = self.restriction_strategy

        booking_type: str | Unset = UNSET
        if not isinstance(self.booking_type, Unset):
            booking_type = self.booking_type

        allow_enquiry = self.allow_enquiry

        allow_multiplier = self.allow_multiplier

        prices_per_nights = self.prices_per_nights

        color = self.color

        room_price = self.room_price

        room_price_enable = self.room_price_enable

        room_price_guests = self.room_price_guests

        field_1_person_price = self.field_1_person_price

        field_1_person_price_enable = self.field_1_person_price_enable

        field_2_person_price = self.field_2_person_price

        field_2_person_price_enable = self.field_2_person_price_enable

        extra_person_price = self.extra_person_price

        extra_person_price_enable = self.extra_person_price_enable

        extra_child_price = self.extra_child_price

        allow_alone_children = self.allow_alone_children

        extra_child_price_enable = self.extra_child_price_enable

        channel_management: str | Unset = UNSET
        if not isinstance(self.channel_management, Unset):
            channel_management = self.channel_management

        export_price = self.export_price

        agent_codes: list[str] | Unset = UNSET
        if not isinstance(self.agent_codes, Unset):
            agent_codes = self.agent_codes

        allowed_days: dict[str, Any] | Unset = UNSET
        if not isinstance(self.allowed_days, Unset):
            allowed_days = self.allowed_days.to_dict()

        check_in_days: dict[str, Any] | Unset = UNSET
        if not isinstance(self.check_in_days, Unset):
            check_in_days = self.check_in_days.to_dict()

        check_out_days: dict[str, Any] | Unset = UNSET
        if not isinstance(self.check_out_days, Unset):
            check_out_days = self.check_out_days.to_dict()

        discounts: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.discounts, Unset):
            discounts = []
            for discounts_item_data in self.discounts:
                discounts_item = discounts_item_data.to_dict()
                discounts.append(discounts_item)

        referer_discounts: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.referer_discounts, Unset):
            referer_discounts = []
            for referer_discounts_item_data in self.referer_discounts:
                referer_discounts_item = referer_discounts_item_data.to_dict()
                referer_discounts.append(referer_discounts_item)

        upsell_items: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.upsell_items, Unset):
            upsell_items = []
            for upsell_items_item_data in self.upsell_items:
                upsell_items_item = upsell_items_item_data.to_dict()
                upsell_items.append(upsell_items_item)

        voucher_codes: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.voucher_codes, Unset):
            voucher_codes = []
            for voucher_codes_item_data in self.voucher_codes:
                voucher_codes_item = voucher_codes_item_data.to_dict()
                voucher_codes.append(voucher_codes_item)

        booking_page: dict[str, Any] | Unset = UNSET
        if not isinstance(self.booking_page, Unset):
            booking_page = self.booking_page.to_dict()

        channels: dict[str, Any] | Unset = UNSET
        if not isinstance(self.channels, Unset):
            channels = self.channels.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if id is not UNSET:
            field_dict["id"] = id
        if room_id is not UNSET:
            field_dict["roomId"] = room_id
        if property_id is not UNSET:
            field_dict["propertyId"] = property_id
        if offer_id is not UNSET:
            field_dict["offerId"] = offer_id
        if first_night is not UNSET:
            field_dict["firstNight"] = first_night
        if last_night is not UNSET:
            field_dict["lastNight"] = last_night
        if name is not UNSET:
            field_dict["name"] = name
        if min_nights is not UNSET:
            field_dict["minNights"] = min_nights
        if max_nights is not UNSET:
            field_dict["maxNights"] = max_nights
        if min_advance is not UNSET:
            field_dict["minAdvance"] = min_advance
        if max_advance is not UNSET:
            field_dict["maxAdvance"] = max_advance
        if strategy is not UNSET:
            field_dict["strategy"] = strategy
        if restriction_strategy is not UNSET:
            field_dict["restrictionStrategy"] = restriction_strategy
        if booking_type is not UNSET:
            field_dict["bookingType"] = booking_type
        if allow_enquiry is not UNSET:
            field_dict["allowEnquiry"] = allow_enquiry
        if allow_multiplier is not UNSET:
            field_dict["allowMultiplier"] = allow_multiplier
        if prices_per_nights is not UNSET:
            field_dict["pricesPerNights"] = prices_per_nights
        if color is not UNSET:
            field_dict["color"] = color
        if room_price is not UNSET:
            field_dict["roomPrice"] = room_price
        if room_price_enable is not UNSET:
            field_dict["roomPriceEnable"] = room_price_enable
        if room_price_guests is not UNSET:
            field_dict["roomPriceGuests"] = room_price_guests
        if field_1_person_price is not UNSET:
            field_dict["1PersonPrice"] = field_1_person_price
        if field_1_person_price_enable is not UNSET:
            field_dict["1PersonPriceEnable"] = field_1_person_price_enable
        if field_2_person_price is not UNSET:
            field_dict["2PersonPrice"] = field_2_person_price
        if field_2_person_price_enable is not UNSET:
            field_dict["2PersonPriceEnable"] = field_2_person_price_enable
        if extra_person_price is not UNSET:
            field_dict["extraPersonPrice"] = extra_person_price
        if extra_person_price_enable is not UNSET:
            field_dict["extraPersonPriceEnable"] = extra_person_price_enable
        if extra_child_price is not UNSET:
            field_dict["extraChildPrice"] = extra_child_price
        if allow_alone_children is not UNSET:
            field_dict["allowAloneChildren"] = allow_alone_children
        if extra_child_price_enable is not UNSET:
            field_dict["extraChildPriceEnable"] = extra_child_price_enable
        if channel_management is not UNSET:
            field_dict["channelManagement"] = channel_management
        if export_price is not UNSET:
            field_dict["exportPrice"] = export_price
        if agent_codes is not UNSET:
            field_dict["agentCodes"] = agent_codes
        if allowed_days is not UNSET:
            field_dict["allowedDays"] = allowed_days
        if check_in_days is not UNSET:
            field_dict["checkInDays"] = check_in_days
        if check_out_days is not UNSET:
            field_dict["checkOutDays"] = check_out_days
        if discounts is not UNSET:
            field_dict["discounts"] = discounts
        if referer_discounts is not UNSET:
            field_dict["refererDiscounts"] = referer_discounts
        if upsell_items is not UNSET:
            field_dict["upsellItems"] = upsell_items
        if voucher_codes is not UNSET:
            field_dict["voucherCodes"] = voucher_codes
        if booking_page is not UNSET:
            field_dict["bookingPage"] = booking_page
        if channels is not UNSET:
            field_dict["channels"] = channels

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.fixed_price_allowed_days import FixedPriceAllowedDays
        from ..models.fixed_price_booking_page import FixedPriceBookingPage
        from ..models.fixed_price_channels import FixedPriceChannels
        from ..models.fixed_price_check_in_days import FixedPriceCheckInDays
        from ..models.fixed_price_check_out_days import FixedPriceCheckOutDays
        from ..models.fixed_price_discounts_item import FixedPriceDiscountsItem
        from ..models.fixed_price_referer_discounts_item import (
            FixedPriceRefererDiscountsItem,
        )
        from ..models.fixed_price_upsell_items_item import FixedPriceUpsellItemsItem
        from ..models.fixed_price_voucher_codes_item import FixedPriceVoucherCodesItem

        d = dict(src_dict)
        id = d.pop("id", UNSET)

        room_id = d.pop("roomId", UNSET)

        property_id = d.pop("propertyId", UNSET)

        offer_id = d.pop("offerId", UNSET)

        _first_night = d.pop("firstNight", UNSET)
        first_night: datetime.date | Unset
        if isinstance(_first_night, Unset):
            first_night = UNSET
        else:
            first_night = datetime.date.fromisoformat(_first_night)

        _last_night = d.pop("lastNight", UNSET)
        last_night: datetime.date | Unset
        if isinstance(_last_night, Unset):
            last_night = UNSET
        else:
            last_night = datetime.date.fromisoformat(_last_night)

        name = d.pop("name", UNSET)

        min_nights = d.pop("minNights", UNSET)

        max_nights = d.pop("maxNights", UNSET)

        min_advance = d.pop("minAdvance", UNSET)

        max_advance = d.pop("maxAdvance", UNSET)

        _strategy = d.pop("strategy", UNSET)
        strategy: FixedPriceStrategy | Unset
        if isinstance(_strategy, Unset):
            strategy = UNSET
        else:
            strategy = check_fixed_price_strategy(_strategy)

        _restriction_strategy = d.pop("restrictionStrategy", UNSET)
        restriction_strategy: FixedPriceRestrictionStrategy | Unset
        if isinstance(_restriction_strategy, Unset):
            restriction_strategy = UNSET
        else:
            restriction_strategy = check_fixed_price_restriction_strategy(
                _restriction_strategy
            )

        _booking_type = d.pop("bookingType", UNSET)
        booking_type: FixedPriceBookingType | Unset
        if isinstance(_booking_type, Unset):
            booking_type = UNSET
        else:
            booking_type = check_fixed_price_booking_type(_booking_type)

        allow_enquiry = d.pop("allowEnquiry", UNSET)

        allow_multiplier = d.pop("allowMultiplier", UNSET)

        prices_per_nights = d.pop("pricesPerNights", UNSET)

        color = d.pop("color", UNSET)

        room_price = d.pop("roomPrice", UNSET)

        room_price_enable = d.pop("roomPriceEnable", UNSET)

        room_price_guests = d.pop("roomPriceGuests", UNSET)

        field_1_person_price = d.pop("1PersonPrice", UNSET)

        field_1_person_price_enable = d.pop("1PersonPriceEnable", UNSET)

        field_2_person_price = d.pop("2PersonPrice", UNSET)

        field_2_person_price_enable = d.pop("2PersonPriceEnable", UNSET)

        extra_person_price = d.pop("extraPersonPrice", UNSET)

        extra_person_price_enable = d.pop("extraPersonPriceEnable", UNSET)

        extra_child_price = d.pop("extraChildPrice", UNSET)

        allow_alone_children = d.pop("allowAloneChildren", UNSET)

        extra_child_price_enable = d.pop("extraChildPriceEnable", UNSET)

        _channel_management = d.pop("channelManagement", UNSET)
        channel_management: FixedPriceChannelManagement | Unset
        if isinstance(_channel_management, Unset):
            channel_management = UNSET
        else:
            channel_management = check_fixed_price_channel_management(
                _channel_management
            )

        export_price = d.pop("exportPrice", UNSET)

        agent_codes = cast(list[str], d.pop("agentCodes", UNSET))

        _allowed_days = d.pop("allowedDays", UNSET)
        allowed_days: FixedPriceAllowedDays | Unset
        if isinstance(_allowed_days, Unset):
            allowed_days = UNSET
        else:
            allowed_days = FixedPriceAllowedDays.from_dict(_allowed_days)

        _check_in_days = d.pop("checkInDays", UNSET)
        check_in_days: FixedPriceCheckInDays | Unset
        if isinstance(_check_in_days, Unset):
            check_in_days = UNSET
        else:
            check_in_days = FixedPriceCheckInDays.from_dict(_check_in_days)

        _check_out_days = d.pop("checkOutDays", UNSET)
        check_out_days: FixedPriceCheckOutDays | Unset
        if isinstance(_check_out_days, Unset):
            check_out_days = UNSET
        else:
            check_out_days = FixedPriceCheckOutDays.from_dict(_check_out_days)

        _discounts = d.pop("discounts", UNSET)
        discounts: list[FixedPriceDiscountsItem] | Unset = UNSET
        if _discounts is not UNSET:
            discounts = []
            for discounts_item_data in _discounts:
                discounts_item = FixedPriceDiscountsItem.from_dict(discounts_item_data)

                discounts.append(discounts_item)

        _referer_discounts = d.pop("refererDiscounts", UNSET)
        referer_discounts: list[FixedPriceRefererDiscountsItem] | Unset = UNSET
        if _referer_discounts is not UNSET:
            referer_discounts = []
            for referer_discounts_item_data in _referer_discounts:
                referer_discounts_item = FixedPriceRefererDiscountsItem.from_dict(
                    referer_discounts_item_data
                )

                referer_discounts.append(referer_discounts_item)

        _upsell_items = d.pop("upsellItems", UNSET)
        upsell_items: list[FixedPriceUpsellItemsItem] | Unset = UNSET
        if _upsell_items is not UNSET:
            upsell_items = []
            for upsell_items_item_data in _upsell_items:
                upsell_items_item = FixedPriceUpsellItemsItem.from_dict(
                    upsell_items_item_data
                )

                upsell_items.append(upsell_items_item)

        _voucher_codes = d.pop("voucherCodes", UNSET)
        voucher_codes: list[FixedPriceVoucherCodesItem] | Unset = UNSET
        if _voucher_codes is not UNSET:
            voucher_codes = []
            for voucher_codes_item_data in _voucher_codes:
                voucher_codes_item = FixedPriceVoucherCodesItem.from_dict(
                    voucher_codes_item_data
                )

                voucher_codes.append(voucher_codes_item)

        _booking_page = d.pop("bookingPage", UNSET)
        booking_page: FixedPriceBookingPage | Unset
        if isinstance(_booking_page, Unset):
            booking_page = UNSET
        else:
            booking_page = FixedPriceBookingPage.from_dict(_booking_page)

        _channels = d.pop("channels", UNSET)
        channels: FixedPriceChannels | Unset
        if isinstance(_channels, Unset):
            channels = UNSET
        else:
            channels = FixedPriceChannels.from_dict(_channels)

        fixed_price = cls(
            id=id,
            room_id=room_id,
            property_id=property_id,
            offer_id=offer_id,
            first_night=first_night,
            last_night=last_night,
            name=name,
            min_nights=min_nights,
            max_nights=max_nights,
            min_advance=min_advance,
            max_advance=max_advance,
            strategy=strategy,
            restriction_strategy=restriction_strategy,
            booking_type=booking_type,
            allow_enquiry=allow_enquiry,
            allow_multiplier=allow_multiplier,
            prices_per_nights=prices_per_nights,
            color=color,
            room_price=room_price,
            room_price_enable=room_price_enable,
            room_price_guests=room_price_guests,
            field_1_person_price=field_1_person_price,
            field_1_person_price_enable=field_1_person_price_enable,
            field_2_person_price=field_2_person_price,
            field_2_person_price_enable=field_2_person_price_enable,
            extra_person_price=extra_person_price,
            extra_person_price_enable=extra_person_price_enable,
            extra_child_price=extra_child_price,
            allow_alone_children=allow_alone_children,
            extra_child_price_enable=extra_child_price_enable,
            channel_management=channel_management,
            export_price=export_price,
            agent_codes=agent_codes,
            allowed_days=allowed_days,
            check_in_days=check_in_days,
            check_out_days=check_out_days,
            discounts=discounts,
            referer_discounts=referer_discounts,
            upsell_items=upsell_items,
            voucher_codes=voucher_codes,
            booking_page=booking_page,
            channels=channels,
        )

        fixed_price.additional_properties = d
        return fixed_price

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
